import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations';
import { examine, type Check } from '../../../src-main/core/doctor/doctor';
import { DEFAULT_DESK_SETTINGS } from '../../../src-shared/contract/settings';
import { cliProcess, makeTestCore, ROOT, runCli, seedWorld, startServe, type Serve } from '../../world';

const dirs: string[] = [];
let served: Serve | null = null;
afterEach(async () => {
  await served?.dispose();
  served = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data folder with a seeded database, closed (nothing owns it). */
async function closedFolder(): Promise<string> {
  const core = await makeTestCore();
  await seedWorld(core);
  dirs.push(core.dataDir);
  await core.close();
  return core.dataDir;
}

const byName = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c]));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const latest = Object.keys(MIGRATIONS).at(-1);

/** `dialdesk doctor --data-dir DIR --json`, whatever it exits with. */
function doctor(dataDir: string): Promise<{ code: number | null; answer: any }> {
  return new Promise((resolve) => {
    const cli = cliProcess(['doctor', '--data-dir', dataDir, '--json']);
    const child = spawn(cli.command, cli.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.once('exit', (code) => resolve({ code, answer: JSON.parse(out.trim().split('\n').pop() || 'null') }));
  });
}

describe('dialdesk doctor', () => {
  it('reports a running serve: an intact database at the latest schema, who owns the folder, and its port answering', async () => {
    served = await startServe();
    const answer = await runCli(served.dataDir, ['doctor']);
    expect(answer.exitCode).toBe(0);
    expect(answer.ok).toBe(true);
    const checks = byName(answer.checks);
    expect(checks.integrity).toMatchObject({ status: 'ok', sqliteVersion: expect.stringMatching(/^3\.\d+/) });
    expect(checks.schema).toMatchObject({ status: 'ok', schemaVersion: latest, pending: [] });
    expect(checks.owner).toMatchObject({ owned: true, by: { kind: 'serve', url: served.url } });
    expect(checks.port).toMatchObject({ status: 'ok', url: served.url });
    expect(checks.versions).toMatchObject({ dialdesk: expect.any(String), node: process.version, betterSqlite3: expect.any(String) });
    expect(checks.wal).toMatchObject({ status: 'ok', bytes: expect.any(Number) });
    expect(checks.disk).toMatchObject({ freeBytes: expect.any(Number) });
    expect(checks.backups).toMatchObject({ status: 'warn', detail: expect.stringContaining('no backup folder') });
  }, 90_000);

  it('changes nothing in a folder nobody runs on: no lock, no settings file, the database untouched', async () => {
    const dataDir = await closedFolder();
    const database = join(dataDir, 'dialdesk.sqlite');
    // SQLite's own -wal and -shm may appear beside the file (a read-only reader of a WAL database opens them)
    const files = () =>
      readdirSync(dataDir)
        .filter((f) => !/-(wal|shm)$/.test(f))
        .sort();
    const before = { files: files(), sha: sha(database) };
    const report = await examine(dataDir, DEFAULT_DESK_SETTINGS);
    expect(report.ok).toBe(true);
    expect(byName(report.checks).owner).toMatchObject({ owned: false });
    expect(byName(report.checks).port).toMatchObject({ status: 'info', detail: expect.stringContaining('nothing serves') });
    expect({ files: files(), sha: sha(database) }).toEqual(before);
    expect(before.files).toEqual(['dialdesk.sqlite']);
  }, 60_000);

  it('fails a damaged database with exit 1 and the integrity check in the answer, leaving the file as it was', async () => {
    const dataDir = await closedFolder();
    const database = join(dataDir, 'dialdesk.sqlite');
    const bytes = readFileSync(database);
    const pageSize = bytes.readUInt16BE(16);
    expect(statSync(database).size / pageSize).toBeGreaterThan(8);
    bytes.fill(0x5a, pageSize * 3, pageSize * 6); // scribble over pages 4..6
    writeFileSync(database, bytes);
    const before = sha(database);
    const { code, answer } = await doctor(dataDir);
    expect(code).toBe(1);
    expect(answer.ok).toBe(false);
    expect(byName(answer.checks).integrity).toMatchObject({ status: 'fail' });
    expect(sha(database)).toBe(before);
  }, 60_000);

  it('says which migrations an older database still needs, and refuses one from a newer DialDesk', async () => {
    const dataDir = await closedFolder();
    const database = join(dataDir, 'dialdesk.sqlite');
    const db = new Database(database);
    db.prepare('delete from kysely_migration where name = ?').run(latest);
    db.close();
    const older = await examine(dataDir, DEFAULT_DESK_SETTINGS);
    expect(byName(older.checks).schema).toMatchObject({ status: 'warn', pending: [latest] });
    expect(older.ok).toBe(true);

    const newer = new Database(database);
    newer.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')").run();
    newer.close();
    const report = await examine(dataDir, DEFAULT_DESK_SETTINGS);
    expect(byName(report.checks).schema).toMatchObject({ status: 'fail', detail: expect.stringContaining('newer DialDesk') });
    expect(report.ok).toBe(false);
  }, 60_000);

  it('fails a folder that does not exist or holds no database, creating neither', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'dialdesk-doctor-')), 'nowhere');
    dirs.push(join(missing, '..'));
    const { code, answer } = await doctor(missing);
    expect(code).toBe(1);
    expect(answer).toMatchObject({ ok: false, checks: [{ name: 'data folder', status: 'fail' }] });
    expect(existsSync(missing)).toBe(false);

    const empty = join(missing, '..');
    const report = await examine(empty, DEFAULT_DESK_SETTINGS);
    expect(byName(report.checks).database).toMatchObject({ status: 'fail', detail: expect.stringContaining('no dialdesk.sqlite') });
    expect(readdirSync(empty)).toEqual([]);
  }, 60_000);
});
