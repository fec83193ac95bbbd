import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { backupDatabase, checkInWorker } from '../../../src-main/core/backup/backup';
import { recordResults } from '../../../src-main/core/results/record';
import { call, cliProcess, makeTestCore, ok, seedWorld, recordTestResult, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

/** A desk with `results` BUSY calls of company A, recorded a few hundred a transaction. */
async function setup(results = 0) {
  core = await makeTestCore();
  w = await seedWorld(core);
  const startedAt = Date.parse('2026-03-01T00:00:00Z');
  const phones = Array.from({ length: results }, (_, i) => `+49170${1000000 + i}`);
  await core.db.transaction(async (tx) => {
    for (const phone of phones) await tx.run("insert into numbers (phone, imported_at, source) values (?, ?, 'test')", [phone, startedAt]);
  });
  for (let i = 0; i < results; i += 500) {
    const reports = phones.slice(i, i + 500).map((phone, j) => ({
      callId: `busy-${i + j}`,
      phone,
      scenarioKey: null,
      status: 'BUSY' as const,
      startedAt: startedAt + (i + j) * 1000,
      durationS: 0,
      transcript: 'x'.repeat(200),
    }));
    const { outcomes } = await recordResults(core, w.companyA, reports);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  }
}

/** Opens the copy as it is (no pragmas applied): a backup must stand on its own. */
function inCopy<T>(file: string, fn: (db: { sqlite: Database.Database }) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn({ sqlite });
  } finally {
    sqlite.close();
  }
}

describe('backup', () => {
  it('copies the live database, checks it, leaves one standalone file and notes it in the site audit', async () => {
    await setup(50);
    const answer = ok(await call(core, w.superuser, 'backup.run', {}));
    expect(answer).toMatchObject({ cancelled: false, integrity: 'ok', downloadUrl: null });
    expect(answer.fileName).toMatch(/^dialdesk-backup-\d{8}-\d{6}\.sqlite$/);
    expect(answer.pages).toBeGreaterThan(10);
    expect(readdirSync(join(core.dataDir, 'saved'))).toEqual([answer.fileName]); // no -wal, -shm or .part beside it
    inCopy(answer.savedTo!, (db) => {
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.sqlite.prepare('select count(*) from call_results').pluck().get()).toBe(50);
      expect(db.sqlite.prepare('select slug from companies order by id').pluck().all()).toEqual(['acme', 'globex']);
    });
    const entry = core.db.sqlite.prepare("select company_id, action, after from audit_log where entity = 'backup'").get() as any;
    expect(entry).toMatchObject({ company_id: null, action: 'create' });
    expect(JSON.parse(entry.after)).toMatchObject({ file: answer.savedTo, pages: answer.pages });
  });

  it('keeps serving while it copies, and carries writes made meanwhile into the copy', async () => {
    await setup(6000);
    let turns = 0;
    let written: Promise<number> | null = null;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const file = join(core.dataDir, 'live.sqlite');
    const result = await backupDatabase(core.db, file, (p) => {
      if (!written && p.remainingPages > 0) {
        written = new Promise((resolve) => setImmediate(resolve)).then(() =>
          recordTestResult(core, { companyId: w.companyB, phone: '+4917099999999', status: 'ANSWERED', startedAt: Date.now() }),
        );
      }
    });
    await written;
    running = false;
    expect(result.pages).toBeGreaterThan(2 * 256);
    expect(turns).toBeGreaterThanOrEqual(2);
    inCopy(file, (db) => {
      expect(db.sqlite.prepare('select count(*) from call_results').pluck().get()).toBe(6001);
      expect(db.sqlite.prepare('select count(*) from call_results where company_id = ?').pluck().get(w.companyB)).toBe(1);
    });
  });

  it('refuses a damaged copy', async () => {
    await setup(3000);
    const good = join(core.dataDir, 'good.sqlite');
    await backupDatabase(core.db, good);
    const bad = join(core.dataDir, 'bad.sqlite');
    copyFileSync(good, bad);
    const fd = openSync(bad, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 20, 0x5a), 0, 4096 * 20, 4096 * 30); // scribble over pages 31..50
    closeSync(fd);
    const verdict = await checkInWorker(bad).catch((err: Error) => [err.message]);
    expect(verdict).not.toEqual(['ok']);
  });

  it('writes into the desk backup folder when asked, and says so when none is set', async () => {
    await setup();
    expect(await call(core, w.superuser, 'backup.run', { toBackupDir: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('backup folder') },
    });
    const dir = join(core.dataDir, 'backups');
    core.desk.set({ backupDir: dir });
    expect(await call(core, w.superuser, 'backup.run', { toBackupDir: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('is not there') },
    });
    mkdirSync(dir);
    const answer = ok(await call(core, w.superuser, 'backup.run', { toBackupDir: true }));
    expect(answer.savedTo).toBe(join(dir, answer.fileName));
    expect(existsSync(answer.savedTo!)).toBe(true);
    expect(await call(core, w.users.admin, 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('backs up from the command line', async () => {
    await setup(10);
    const dataDir = core.dataDir;
    await core.close();
    const out = join(dataDir, 'cli-backup.sqlite');
    const res = await new Promise<{ code: number; json: any }>((resolve) => {
      execFile(process.execPath, cliProcess(['backup', '--out', out, '--data-dir', dataDir, '--json']).args, (err, stdout) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, json: JSON.parse(stdout.trim().split('\n').pop()!) }),
      );
    });
    expect(res).toMatchObject({ code: 0, json: { file: out, integrity: 'ok' } });
    inCopy(out, (db) => expect(db.sqlite.prepare('select count(*) from call_results').pluck().get()).toBe(10));
  });
});
