import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations';
import { backupDatabase } from '../../../src-main/core/backup/backup';
import { restoreDataFolder } from '../../../src-main/core/backup/restore';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import type { AppError } from '../../../src-main/core/errors';
import { createMigrator } from '../../../src-main/core/db/migrator';
import {
  call,
  cliProcess,
  dialerWorld,
  makeTestCore,
  ok,
  report,
  restoresRequested,
  ROOT,
  seedWorld,
  willChooseFolder,
  type DialerWorld,
} from '../../world';

const dirs: string[] = [];
let d: DialerWorld | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `dialdesk-${name}-`));
  dirs.push(dir);
  return dir;
};

/** `dialdesk restore FILE --data-dir DIR --json`, from the sources. */
function restore(file: string, dataDir: string): Promise<{ code: number | null; answer: any }> {
  return new Promise((resolve) => {
    const cli = cliProcess(['restore', file, '--data-dir', dataDir, '--json']);
    const child = spawn(cli.command, cli.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.once('exit', (code) => resolve({ code, answer: JSON.parse(out.trim().split('\n').pop() || 'null') }));
  });
}

/** What must survive a backup and a restore exactly: every count and sum the money depends on. */
function facts(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get();
    return {
      integrity: one('pragma integrity_check'),
      results: one('select count(*) from call_results'),
      ledger: one("select count(*) || ' entries, sum ' || sum(amount) from ledger_entries"),
      balances: one("select group_concat(slug || '=' || wallet_balance, ' ') from companies"),
      ledgerMatchesBalances: one(
        'select count(*) from companies c where c.wallet_balance <> (select coalesce(sum(amount), 0) from ledger_entries l where l.company_id = c.id)',
      ),
      companyCalls: one('select count(*) from company_calls'),
      callIds: new Set(db.prepare('select call_id from call_results').pluck().all() as string[]),
    };
  } finally {
    db.close();
  }
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('dialdesk restore', () => {
  it('restores a backup taken while dialers report into a fresh folder, with the same counts and ledger sums', async () => {
    d = await dialerWorld({ numbers: 4000, balance: 10_000_000 });
    const world = d;
    // enough rows that the copy takes many steps, with dialers reporting between them
    world.core.db.sqlite.exec("update numbers set source = 'x' || hex(randomblob(1000))");
    let stop = false;
    const acked: string[] = [];
    const dialer = async (from: number) => {
      for (let i = from; !stop; i += 4) {
        const callId = `load-${i}`;
        const key = i % 2 ? world.keys.b : world.keys.a;
        const res = await world.api(
          'POST',
          '/api/v1/dialer/report-result',
          report({ company: i % 2 ? 'globex' : 'acme', call_id: callId, phone: world.phones[i % 4000] }),
          key,
        );
        if (res.status !== 201) throw new Error(`report-result answered ${res.status}: ${JSON.stringify(res.body)}`);
        acked.push(callId);
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(dialer));
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 10));
    const ackedBefore = [...acked];
    const file = join(tempDir('backups'), 'during-load.sqlite');
    const copied = await backupDatabase(world.core.db, file);
    const ackedDuring = acked.length - ackedBefore.length;
    stop = true;
    await load;
    expect(copied.pages).toBeGreaterThan(4 * 256);
    expect(ackedDuring).toBeGreaterThan(0); // the dialers really were reporting while it copied

    const fresh = join(tempDir('fresh'), 'site');
    const restored = await restore(file, fresh);
    expect(restored).toMatchObject({ code: 0, answer: { dataDir: fresh, migrated: [], previous: null } });
    const inBackup = facts(file);
    const inFolder = facts(join(fresh, 'dialdesk.sqlite'));
    expect(inFolder).toEqual(inBackup);
    expect(inFolder).toMatchObject({ integrity: 'ok', ledgerMatchesBalances: 0 });
    for (const callId of ackedBefore) expect(inFolder.callIds.has(callId)).toBe(true);
    expect(readdirSync(fresh).filter((f) => f.includes('restor'))).toEqual([]);
  }, 60_000);

  it('refuses a truncated, damaged, foreign or newer file with the reason, and changes nothing', async () => {
    const core = await makeTestCore();
    await seedWorld(core);
    const dataDir = core.dataDir;
    dirs.push(dataDir);
    const work = tempDir('refused');
    const good = join(work, 'good.sqlite');
    await backupDatabase(core.db, good);
    await core.close();
    const target = join(dataDir, 'dialdesk.sqlite');
    const before = sha(target);

    const size = statSync(good).size;
    const bytes = readFileSync(good);
    const files: Record<string, string> = {
      'cut short': join(work, 'cut.sqlite'),
      damaged: join(work, 'half.sqlite'),
      "not DialDesk's": join(work, 'foreign.sqlite'),
      'not a SQLite database': join(work, 'notes.txt'),
      'newer DialDesk': join(work, 'newer.sqlite'),
    };
    writeFileSync(files['cut short']!, bytes.subarray(0, size - 1000));
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 4096 * 3, 4096 * 6); // scribble over pages 4..6
    writeFileSync(files.damaged!, damaged);
    const foreign = new Database(files["not DialDesk's"]!);
    foreign.exec('create table notes (body text); insert into notes values (1)');
    foreign.close();
    writeFileSync(files['not a SQLite database']!, 'company,phone\nacme,+4930123\n');
    copyFileSync(good, files['newer DialDesk']!);
    const newer = new Database(files['newer DialDesk']!);
    newer.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')").run();
    newer.close();

    for (const [reason, file] of Object.entries(files)) {
      const refusal = await restoreDataFolder(dataDir, file, { actor: CLI_ACTOR, clock: Date.now }).catch((err: AppError) => err);
      expect({ reason, code: (refusal as AppError).code, message: (refusal as AppError).message }).toEqual({
        reason,
        code: 'BAD_INPUT',
        message: expect.stringContaining(reason),
      });
    }
    // the command line says it in the envelope, with the bad-input exit code
    expect(await restore(files['cut short']!, dataDir)).toMatchObject({
      code: 2,
      answer: { error: { code: 'BAD_INPUT', message: expect.stringContaining('cut short') } },
    });
    expect(sha(target)).toBe(before);
    expect(readdirSync(dataDir).filter((f) => f.includes('restor'))).toEqual([]);
  }, 60_000);

  it('brings a backup from an older DialDesk up to this schema, and keeps the database it replaced', async () => {
    const known = Object.keys(MIGRATIONS);
    const core = await makeTestCore();
    dirs.push(core.dataDir);
    await seedWorld(core);
    const { error } = await createMigrator(core.db).migrateTo(known.at(-2)!);
    expect(error).toBeUndefined();
    const old = join(tempDir('old'), 'old.sqlite');
    await backupDatabase(core.db, old);
    await core.close();

    const restored = await restore(old, core.dataDir);
    expect(restored).toMatchObject({ code: 0, answer: { schemaVersion: known.at(-2), migrated: [known.at(-1)] } });
    expect(existsSync(restored.answer.previous)).toBe(true);
    const db = new Database(join(core.dataDir, 'dialdesk.sqlite'), { readonly: true });
    try {
      expect(db.prepare('select name from kysely_migration order by name').pluck().all()).toEqual(known);
      expect(db.prepare('select slug from companies order by id').pluck().all()).toEqual(['acme', 'globex']);
      expect(db.prepare("select action from audit_log where entity = 'backup'").pluck().all()).toEqual(['restore']);
    } finally {
      db.close();
    }
  }, 60_000);

  it('restores from the console only a checked backup of the folder, named and confirmed, for the site owner', async () => {
    const core = await makeTestCore();
    dirs.push(core.dataDir);
    const w = await seedWorld(core);
    const folder = join(core.dataDir, 'backups');
    willChooseFolder(core, folder);
    ok(await call(core, w.superuser, 'files.chooseBackupDir', {}));
    const { fileName } = ok(await call(core, w.superuser, 'backup.run', { toBackupDir: true }));
    for (const arg of [
      { fileName: '../dialdesk.sqlite', confirm: true },
      { fileName: '/etc/passwd', confirm: true },
      { fileName },
      { fileName, confirm: false },
    ]) {
      expect(await call(core, w.superuser, 'backup.restore', arg)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await call(core, w.users.admin, 'backup.restore', { fileName, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call(core, w.superuser, 'backup.restore', { fileName: 'dialdesk-backup-20990101-000000.sqlite', confirm: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(restoresRequested(core)).toEqual([]);
    expect(ok(await call(core, w.superuser, 'backup.restore', { fileName, confirm: true }))).toMatchObject({ fileName, restarting: true });
    expect(restoresRequested(core)).toEqual([join(folder, fileName)]);
    await core.close();
  });
});
