import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../world';

/**
 * A checkout where npm skipped better-sqlite3's install script (no allowScripts approval): the
 * package is there, its compiled module is not. The first command must say so at once.
 */
let checkout: string;
beforeAll(() => {
  checkout = mkdtempSync(join(tmpdir(), 'dialdesk-unbuilt-'));
  writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'dialdesk', type: 'module' }));
  for (const part of ['bin/dialdesk.js', 'scripts/check-native.mjs']) {
    mkdirSync(join(checkout, part, '..'), { recursive: true });
    cpSync(join(ROOT, part), join(checkout, part));
  }
  const sqlite = join(checkout, 'node_modules', 'better-sqlite3');
  mkdirSync(sqlite, { recursive: true });
  cpSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), join(sqlite, 'package.json'));
  cpSync(join(ROOT, 'node_modules/better-sqlite3/lib'), join(sqlite, 'lib'), { recursive: true });
  for (const dep of ['bindings', 'file-uri-to-path']) symlinkSync(join(ROOT, 'node_modules', dep), join(checkout, 'node_modules', dep));
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { cwd: checkout, encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });

describe('a missing native module', () => {
  it('stops the first dialdesk command with the cause and the fix, in the envelope with --json', () => {
    const human = run(['bin/dialdesk.js', 'doctor']);
    expect(human.status).toBe(1);
    expect(human.stderr).toMatch(/better-sqlite3's native module is missing .*allowScripts.*npm rebuild better-sqlite3/);
    const json = run(['bin/dialdesk.js', 'backup', '--out', 'x.sqlite', '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('allowScripts') } });
  });

  it('stops npm scripts before their real work (scripts/check-native.mjs)', () => {
    const broken = run(['scripts/check-native.mjs']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/native module is missing/);
    const wrongBinding = run(['scripts/check-native.mjs', '--root', ROOT], { DIALDESK_NATIVE_BINDING: join(checkout, 'nowhere.node') });
    expect(wrongBinding.status).toBe(1);
    const good = run(['scripts/check-native.mjs', '--root', ROOT]);
    expect(good).toMatchObject({ status: 0, stderr: '' });
  });
});
