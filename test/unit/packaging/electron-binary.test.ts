import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../world';

/**
 * npm does not run electron's install script (the binary's download): CI machines cannot download it, so
 * allowScripts does not approve it. The desktop build's first step (scripts/electron-native.mjs, run by
 * npm start, dev and dist) fetches it instead, and says plainly when it cannot. Here in a checkout
 * whose electron package has no binary, with the download pointed at a closed port (never the network).
 */
const checkouts: string[] = [];
afterEach(() => checkouts.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialdesk-no-electron-'));
  checkouts.push(dir);
  mkdirSync(join(dir, 'scripts'));
  cpSync(join(ROOT, 'scripts', 'electron-native.mjs'), join(dir, 'scripts', 'electron-native.mjs'));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json'])
    cpSync(join(ROOT, 'node_modules', 'electron', file), join(electron, file));
  symlinkSync(join(ROOT, 'node_modules', '@electron'), join(dir, 'node_modules', '@electron'));
  mkdirSync(join(dir, 'node_modules', 'better-sqlite3'));
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), join(dir, 'node_modules', 'better-sqlite3', 'package.json'));
  return dir;
}

const prepare = (dir: string) =>
  spawnSync(process.execPath, [join(dir, 'scripts', 'electron-native.mjs')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: join(dir, 'cache') },
  });

describe("Electron's binary for the desktop build", () => {
  it('is fetched by the first step of npm start / dist, which stops with the cause when it cannot be', () => {
    const dir = checkout();
    const run = prepare(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Could not download Electron [\d.]+'s binary \(.+\)\. The desktop app needs it from the network once/);
    expect(run.stderr).toContain('npm run headless');
    expect(existsSync(join(dir, '.electron-native'))).toBe(false);
  });

  it('is not fetched again once there', () => {
    const dir = checkout();
    const electron = join(dir, 'node_modules', 'electron');
    const version = JSON.parse(
      spawnSync(process.execPath, ['-p', `JSON.stringify(require(${JSON.stringify(join(electron, 'package.json'))}).version)`], {
        encoding: 'utf8',
      }).stdout,
    );
    const sqlite = JSON.parse(
      spawnSync(
        process.execPath,
        ['-p', `JSON.stringify(require(${JSON.stringify(join(dir, 'node_modules', 'better-sqlite3', 'package.json'))}).version)`],
        { encoding: 'utf8' },
      ).stdout,
    );
    // what electron's install script leaves: dist/version, path.txt and the executable it names
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', 'version'), version);
    const executable =
      { linux: 'electron', win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' }[process.platform as string] ??
      'electron';
    writeFileSync(join(electron, 'path.txt'), executable);
    mkdirSync(join(electron, 'dist', executable, '..'), { recursive: true });
    writeFileSync(join(electron, 'dist', executable), '');
    // and the native module already built for this pair
    mkdirSync(join(dir, '.electron-native'));
    writeFileSync(join(dir, '.electron-native', 'better_sqlite3.node'), '');
    writeFileSync(join(dir, '.electron-native', 'built-for.txt'), `electron ${version} better-sqlite3 ${sqlite}`);
    expect(prepare(dir)).toMatchObject({ status: 0, stderr: '' });
  });
});
