import { afterEach, describe, expect, it } from 'vitest';
import { NO_MIGRATIONS } from 'kysely';
import { createMigrator } from '../../../src-main/core/db/migrator';
import { MIGRATIONS } from '../../../migrations';
import { makeTestCore, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const TABLES = [
  'agents',
  'ai_agents',
  'api_keys',
  'attempt_stats',
  'audit_log',
  'call_results',
  'call_stats',
  'call_stats_blocks',
  'call_stats_by_status',
  'callbacks',
  'companies',
  'company_calls',
  'company_dialing',
  'dialing_pauses',
  'dnc_entries',
  'inbound_calls',
  'inbound_hooks',
  'inbound_numbers',
  'inbound_settings',
  'leases',
  'ledger_entries',
  'list_members',
  'list_switches',
  'number_lists',
  'numbers',
  'outbound_lines',
  'phone_zones',
  'recycle_rules',
  'recycles',
  'scenarios',
  'schedule_exceptions',
  'schedule_windows',
  'sign_in_attempts',
  'site_settings',
  'user_companies',
  'users',
];

describe('migrations', () => {
  it('build the whole data model from an empty file', async () => {
    core = await makeTestCore();
    const names = core.db.sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all();
    expect(names).toEqual(TABLES);
    const applied = core.db.sqlite.prepare('select name from kysely_migration order by name').pluck().all();
    expect(applied).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it('set the pragmas the design asks for', async () => {
    core = await makeTestCore();
    expect(core.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(core.db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('run down to empty and up again', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    const res = await migrator.migrateTo(NO_MIGRATIONS);
    expect(res.error).toBeUndefined();
    const left = core.db.sqlite
      .prepare("select count(*) from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'")
      .pluck()
      .get();
    expect(left).toBe(0);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
  });

  it('0006 moves failed sign-ins and running locks out of users, keyed by username', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo('0005_rollup_blocks')).error).toBeUndefined();
    const now = Date.now();
    const insert = core.db.sqlite.prepare(
      "insert into users (username, password_hash, role, failed_logins, locked_until, created_at) values (?, 'x', 'superuser', ?, ?, ?)",
    );
    insert.run('calm', 0, null, now);
    insert.run('typo', 3, null, now);
    insert.run('locked', 0, now + 60_000, now);
    expect((await migrator.migrateTo('0006_sign_in_attempts')).error).toBeUndefined();
    expect(core.db.sqlite.prepare('select username, failures, locked_until from sign_in_attempts order by username').all()).toEqual([
      { username: 'locked', failures: 0, locked_until: now + 60_000 },
      { username: 'typo', failures: 3, locked_until: null },
    ]);
    const columns = core.db.sqlite.prepare("select name from pragma_table_info('users')").pluck().all();
    expect(columns).not.toContain('failed_logins');
    expect(columns).not.toContain('locked_until');
  });

  it('0008 makes a site list of each source already in the pool, and leaves callers that came in on no list', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo('0007_company_country')).error).toBeUndefined();
    const insert = core.db.sqlite.prepare('insert into numbers (phone, imported_at, source) values (?, ?, ?)');
    insert.run('+12125550100', 1_000, 'spring.csv');
    insert.run('+12125550101', 2_000, 'spring.csv');
    insert.run('+12125550102', 3_000, '');
    insert.run('+12125550103', 4_000, 'inbound');
    insert.run('+12125550104', 5_000, 'autumn.csv');
    expect((await migrator.migrateTo('0008_number_lists')).error).toBeUndefined();
    expect(core.db.sqlite.prepare('select company_id, name, created_at from number_lists order by name').all()).toEqual([
      { company_id: null, name: 'autumn.csv', created_at: 5_000 },
      { company_id: null, name: 'earlier imports', created_at: 3_000 },
      { company_id: null, name: 'spring.csv', created_at: 1_000 },
    ]);
    const lists = core.db.sqlite
      .prepare('select n.phone, l.name from numbers n left join number_lists l on l.id = n.list_id order by n.phone')
      .all();
    expect(lists).toEqual([
      { phone: '+12125550100', name: 'spring.csv' },
      { phone: '+12125550101', name: 'spring.csv' },
      { phone: '+12125550102', name: 'earlier imports' },
      { phone: '+12125550103', name: null },
      { phone: '+12125550104', name: 'autumn.csv' },
    ]);
  });

  it("0009 counts each company's earlier calls as one attempt, with no retry scheduled", async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo('0008_number_lists')).error).toBeUndefined();
    const s = core.db.sqlite;
    s.prepare("insert into companies (slug, name, created_at, updated_at) values ('x1', 'X', 0, 0)").run();
    s.prepare("insert into numbers (phone, imported_at) values ('+12125550100', 0)").run();
    s.prepare('insert into company_calls (company_id, number_id, first_called_at) values (1, 1, 7)').run();
    expect((await migrator.migrateTo('0009_recycling')).error).toBeUndefined();
    expect(s.prepare('select * from company_calls').all()).toEqual([
      { company_id: 1, number_id: 1, first_called_at: 7, attempts: 1, last_status: null, last_called_at: null, answered: 0 },
    ]);
    expect(s.prepare('select count(*) from recycles').pluck().get()).toBe(0);
  });

  it('0014 makes every company user a member of the company they had, and the site owner of none', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo('0013_dnc_scopes')).error).toBeUndefined();
    const now = Date.now();
    const company = core.db.sqlite.prepare('insert into companies (slug, name, created_at, updated_at) values (?, ?, ?, ?)');
    company.run('acme', 'Acme', now, now);
    company.run('globex', 'Globex', now, now);
    const user = core.db.sqlite.prepare('insert into users (username, password_hash, role, company_id, created_at) values (?, ?, ?, ?, ?)');
    user.run('owner', 'x', 'superuser', null, now);
    user.run('anna', 'x', 'admin', 1, now);
    user.run('bob', 'x', 'viewer', 2, now);
    expect((await migrator.migrateTo('0014_user_companies')).error).toBeUndefined();
    expect(
      core.db.sqlite.prepare('select u.username, m.company_id from user_companies m join users u on u.id = m.user_id order by 1').all(),
    ).toEqual([
      { username: 'anna', company_id: 1 },
      { username: 'bob', company_id: 2 },
    ]);
  });

  it('0016 lets a result have no number (a withheld caller), keeping every row, index and ledger link', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo('0015_inbound_settings')).error).toBeUndefined();
    const db = core.db.sqlite;
    const now = Date.now();
    db.prepare("insert into companies (slug, name, created_at, updated_at) values ('x1', 'X', ?, ?)").run(now, now);
    db.prepare("insert into numbers (phone, imported_at) values ('+4930111', ?), ('+4930222', ?)").run(now, now);
    const result = db.prepare(
      `insert into call_results (company_id, number_id, phone, status, direction, started_at, duration_s, call_id, request_hash,
         amount_charged, created_at, wallet_balance_after) values (1, ?, ?, 'ANSWERED', 'outbound', ?, 30, ?, 'h', 50, ?, -50)`,
    );
    result.run(1, '+4930111', now, 'c1', now);
    result.run(2, '+4930222', now, 'c2', now);
    db.prepare(
      "insert into ledger_entries (company_id, amount, kind, call_result_id, balance_after, created_at) values (1, -50, 'charge', 1, -50, ?)",
    ).run(now);
    const rows = () => db.prepare('select * from call_results order by id').all();
    const indexes = () =>
      db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'call_results' order by name").all();
    const [rowsBefore, indexesBefore] = [rows(), indexes()];
    const notNull = () => db.prepare("select \"notnull\" from pragma_table_info('call_results') where name = 'number_id'").pluck().get();
    expect(notNull()).toBe(1);

    expect((await migrator.migrateTo('0016_withheld_callers')).error).toBeUndefined();
    expect(notNull()).toBe(0);
    expect(rows()).toEqual(rowsBefore);
    expect(indexes()).toEqual(indexesBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('select call_result_id from ledger_entries').pluck().all()).toEqual([1]);
    // the ledger still points at call_results by name: a charge for a result that is not there is refused
    expect(() =>
      db
        .prepare(
          "insert into ledger_entries (company_id, amount, kind, call_result_id, balance_after, created_at) values (1, -1, 'charge', 99, -51, ?)",
        )
        .run(now),
    ).toThrow(/FOREIGN KEY/);

    db.prepare(
      `insert into call_results (company_id, number_id, phone, status, direction, started_at, call_id, request_hash, created_at)
       values (1, null, 'anonymous', 'INBOUND_CALL', 'inbound', ?, 'c3', 'h', ?)`,
    ).run(now, now);
    const down = await migrator.migrateTo('0015_inbound_settings');
    expect(String(down.error)).toMatch(/withheld callers/);
    db.prepare("delete from call_results where call_id = 'c3'").run();
    expect((await migrator.migrateTo('0015_inbound_settings')).error).toBeUndefined();
    expect(notNull()).toBe(1);
    expect(rows()).toEqual(rowsBefore);
  });

  it('keep the ledger append-only in the database itself', async () => {
    core = await makeTestCore();
    const now = Date.now();
    core.db.sqlite.prepare("insert into companies (slug, name, created_at, updated_at) values ('x1', 'X', ?, ?)").run(now, now);
    core.db.sqlite
      .prepare("insert into ledger_entries (company_id, amount, kind, balance_after, created_at) values (1, 100, 'topup', 100, ?)")
      .run(now);
    expect(() => core.db.sqlite.prepare('update ledger_entries set amount = 5').run()).toThrow(/append-only/);
    expect(() => core.db.sqlite.prepare('delete from ledger_entries').run()).toThrow(/append-only/);
  });
});
