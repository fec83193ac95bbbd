// Checks that better-sqlite3's native module loads, before any real work starts. npm runs a
// dependency's install script only where package.json's allowScripts approves it (npm 12 skips the
// others silently): then better_sqlite3.node is never compiled, and without this check the first
// command fails minutes later, deep inside a test or a server start, far from the cause.
//
// `node scripts/check-native.mjs` (npm test, npm run cli, npm run headless) exits 1 with the reason;
// bin/dialdesk.js calls nativeModuleProblem() itself.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/**
 * Null when better-sqlite3 (as installed under `root`) opens an in-memory database; otherwise a
 * sentence that says what is wrong and what to run. `nativeBinding`: the addon to load instead of the
 * installed one (the packaged app's copy built for Electron).
 */
export function nativeModuleProblem(root, nativeBinding) {
  let Database;
  try {
    Database = createRequire(join(root, 'package.json'))('better-sqlite3');
  } catch (err) {
    return `better-sqlite3 is not installed under ${root} (${firstLine(err)}): run "npm ci"`;
  }
  try {
    new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
    return null;
  } catch (err) {
    const cause = firstLine(err);
    if (/NODE_MODULE_VERSION|different Node\.js version/.test(cause)) {
      return (
        `better-sqlite3's native module was built for another version of Node (${cause}). ` +
        `Build it for this one (${process.version}): npm rebuild better-sqlite3`
      );
    }
    return (
      `better-sqlite3's native module is missing (${cause}). npm skips a dependency's install script ` +
      `unless package.json's "allowScripts" approves it, and then the module is never compiled. ` +
      `Check that allowScripts has "better-sqlite3": true, then run: npm rebuild better-sqlite3 ` +
      `(it compiles from source when no prebuilt binary can be downloaded: python3, make and g++)`
    );
  }
}

function firstLine(err) {
  return String(err instanceof Error ? err.message : err)
    .split('\n')[0]
    .trim();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rootArg = process.argv.indexOf('--root');
  const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(fileURLToPath(import.meta.url), '..', '..');
  const problem = nativeModuleProblem(root, process.env.DIALDESK_NATIVE_BINDING);
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);
    process.exit(1);
  }
}
