import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chosenDatabase, databaseFor, saveChoice } from '../../../src-main/core/settings/desk-database';
import { SECRETS_KEY_FILE } from '../../../src-main/core/secrets/key-file';
import { SECRETS_FILE } from '../../../src-main/core/secrets/secret-box';
import { runCli } from '../../world';
import { postgresBin, startPostgres, type TestPostgres } from '../../world/postgres';

/**
 * The desk's choice of database (DESIGN.md §10): a URL is checked before it is kept, kept sealed, and
 * read the same by every process on the folder; a choice that cannot be read stops the desk rather
 * than letting it write into its own file instead.
 */
const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('desk database choice: skipped, no PostgreSQL installed here (.ci/run installs it)');

let server: TestPostgres;
let dataDir: string;
beforeAll(async () => {
  if (available) server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  delete process.env.DIALDESK_DATABASE;
});
const freshFolder = () => (dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-choice-')));

describe.skipIf(!available)("a desk's database", () => {
  it('is kept sealed once checked, and read back by every process on the folder', async () => {
    freshFolder();
    server.createDatabase('chosen');
    const url = server.url('chosen').replace('postgres@', 'postgres:a-password@');
    expect(await saveChoice(dataDir, url)).toBe(server.url('chosen'));
    expect(chosenDatabase(dataDir)).toBe(url);
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).not.toContain('a-password');
    // the command line names it by its own option, the environment next, the folder's choice last
    expect(databaseFor(dataDir, 'postgres://x/y')).toBe('postgres://x/y');
    process.env.DIALDESK_DATABASE = 'postgres://env/db';
    expect(databaseFor(dataDir, undefined)).toBe('postgres://env/db');
    delete process.env.DIALDESK_DATABASE;
    expect(databaseFor(dataDir, undefined)).toBe(url);
    await saveChoice(dataDir, null);
    expect(databaseFor(dataDir, undefined)).toBeUndefined();
  });

  it('refuses a URL that is not one, out of reach, or another app, and keeps the choice it had', async () => {
    freshFolder();
    server.createDatabase('kept');
    await saveChoice(dataDir, server.url('kept'));
    await expect(saveChoice(dataDir, 'mysql://h/db')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(saveChoice(dataDir, `postgres://postgres@127.0.0.1:${server.port + 1}/x`)).rejects.toThrow(/nothing answers there/);
    server.createDatabase('foreign');
    const { Client } = (await import('pg')).default;
    const c = new Client({ connectionString: server.url('foreign') });
    await c.connect();
    await c.query('create table orders (id int)');
    await c.end();
    await expect(saveChoice(dataDir, server.url('foreign'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(chosenDatabase(dataDir)).toBe(server.url('kept'));
  });

  it('stops the desk when the choice cannot be read, instead of running on its own file', async () => {
    freshFolder();
    server.createDatabase('sealed');
    await saveChoice(dataDir, server.url('sealed'));
    writeFileSync(join(dataDir, SECRETS_KEY_FILE), Buffer.alloc(32, 7).toString('base64'));
    expect(() => chosenDatabase(dataDir)).toThrow(/cannot be read here/);
  });

  it('is set from the command line with db use, and refused without a URL or --file', async () => {
    freshFolder();
    server.createDatabase('from_cli');
    const answer = await runCli(dataDir, ['db', 'use', server.url('from_cli')]);
    expect(answer.database).toBe(server.url('from_cli'));
    expect(chosenDatabase(dataDir)).toBe(server.url('from_cli'));
    await expect(runCli(dataDir, ['db', 'use'])).rejects.toThrow(/either a postgres:\/\/ URL or --file/);
    expect((await runCli(dataDir, ['db', 'use', '--file'])).database).toBeNull();
    expect(chosenDatabase(dataDir)).toBeNull();
  });
});
