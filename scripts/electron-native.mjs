// Prepares the desktop build (npm start, npm run dev, npm run dist). First Electron's own binary: npm runs
// electron's install script (the download) only where package.json's allowScripts approves it, and it does
// not, because our CI machines cannot download Electron and `npm ci` would fail there; so it is fetched
// here, for whoever runs the desktop app. Then better-sqlite3 for Electron's ABI, into .electron-native/,
// leaving node_modules' Node build (used by the tests, the CLI and `dialdesk serve`) untouched. The
// Electron main process loads this copy through better-sqlite3's `nativeBinding` option. Needs Electron's
// headers from the network the first time; skipped when the copy is newer than both packages.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import process from 'node:process';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.electron-native', 'better_sqlite3.node');
const pkg = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
const electronVersion = pkg('electron').version;
const sqliteVersion = pkg('better-sqlite3').version;
const stamp = join(root, '.electron-native', 'built-for.txt');

// electron's install script returns at once when the binary is there, and downloads it otherwise
const binary = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
});
if (binary.status !== 0) {
  const cause =
    String(binary.stderr)
      .split('\n')
      .find((line) => line.trim()) ?? `exit ${binary.status}`;
  console.error(
    `Could not download Electron ${electronVersion}'s binary (${cause.trim()}). The desktop app needs it from the network once ` +
      "(npm does not run electron's install script: it is not approved in allowScripts, as CI machines cannot download it). " +
      'The headless console works without it: npm run headless',
  );
  process.exit(1);
}
const want = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`;

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
  process.exit(0);
}

console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ...`);
const work = mkdtempSync(join(tmpdir(), 'dialdesk-native-'));
try {
  const src = join(root, 'node_modules', 'better-sqlite3');
  cpSync(src, join(work, 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
  // a nodedir from npm's config would point node-gyp at Node's headers instead of Electron's
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ],
    { cwd: join(work, 'better-sqlite3'), stdio: 'inherit', env },
  );
  mkdirSync(join(root, '.electron-native'), { recursive: true });
  copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), out);
  writeFileSync(stamp, want);
  console.log(`built ${out} (${statSync(out).size} bytes)`);
} catch {
  console.error(
    `\nCould not build better-sqlite3 for Electron ${electronVersion}: node-gyp needs Electron's headers ` +
      'from the network (and Electron itself needs its binary). The headless console works without them: npm run headless',
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
