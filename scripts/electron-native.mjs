// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' Node build
// (used by the tests, the CLI and `dialdesk serve`) untouched. The Electron main process loads this
// copy through better-sqlite3's `nativeBinding` option. Needs Electron's headers from the network
// the first time; skipped when the copy is newer than both packages.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.electron-native', 'better_sqlite3.node');
const pkg = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
const electronVersion = pkg('electron').version;
const sqliteVersion = pkg('better-sqlite3').version;
const stamp = join(root, '.electron-native', 'built-for.txt');
const want = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`;

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
  process.exit(0);
}

console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ...`);
const work = mkdtempSync(join(tmpdir(), 'dialdesk-native-'));
try {
  const src = join(root, 'node_modules', 'better-sqlite3');
  cpSync(src, join(work, 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
  execFileSync(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
    { cwd: join(work, 'better-sqlite3'), stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  mkdirSync(join(root, '.electron-native'), { recursive: true });
  copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), out);
  (await import('node:fs')).writeFileSync(stamp, want);
  console.log(`built ${out} (${statSync(out).size} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
