import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { topUp } from '../../../src-main/core/billing/wallet';
import { createCore, type Core } from '../../../src-main/core/core';
import { nextBatch, type NextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResults } from '../../../src-main/core/results/record';
import { setSchedule, OPEN_24X7 } from '../../../src-main/core/schedule/schedule';
import { memoryDeskSettings } from '../../../src-main/core/settings/desk';
import { MONDAY_10Z, manualClock, phoneOf, seedCompanies } from '../../world';
import { postgresBin, queryOnce, startPostgres, type TestPostgres } from '../../world/postgres';

/**
 * Two desks (two cores, each with its own connection pool) on one PostgreSQL, leasing for two
 * companies that share one pool (DESIGN.md §10). The company row lock serialises one company's leases
 * across desks; what keeps two companies' leases apart is the candidate rows' lock (claimRows). Without
 * it both desks read the same free numbers and the loser's batch came back short.
 */
const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('leasing across desks: skipped, no PostgreSQL installed here (.ci/run installs it)');

const POOL = 12_000;
let server: TestPostgres;
let url: string;
const desks: Core[] = [];
const dirs: string[] = [];
let companies: { companyA: number; companyB: number };

async function desk(): Promise<Core> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-desk-'));
  dirs.push(dataDir);
  const core = await createCore({ dataDir, database: url, desk: memoryDeskSettings(), clock: manualClock(MONDAY_10Z).clock });
  desks.push(core);
  return core;
}

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  server.createDatabase('site');
  url = server.url('site');
  const first = await desk();
  await desk();
  companies = await seedCompanies(first);
  const now = first.clock();
  for (const companyId of [companies.companyA, companies.companyB]) {
    await setSchedule(first.db, CLI_ACTOR, { companyId, windows: OPEN_24X7, exceptions: [] }, now);
    await first.db.run(
      "insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, 'sales', 'Sales', 1, ?, ?)",
      [companyId, now, now],
    );
    await topUp(first.db, CLI_ACTOR, { companyId, amount: 1_000_000 }, now);
  }
  await first.db.run(
    "insert into numbers (phone, imported_at, source) select '+1212' || lpad((2000000 + i)::text, 7, '0'), ?, 'test' from generate_series(0, ?) i",
    [now, POOL - 1],
  );
  expect(await first.db.value('select phone from numbers order by id limit 1')).toBe(phoneOf(0));
}, 60_000);

afterAll(async () => {
  for (const core of desks) await core.close();
  server?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sql = <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) => queryOnce<R>(url, text, params);

describe.skipIf(!available)('leasing for two companies from two desks on one PostgreSQL', () => {
  it('many next-batch calls at once: every batch full while the pool has room, no number leased twice', async () => {
    const [x, y] = desks;
    const { companyA, companyB } = companies;
    const SIZE = 100;
    const batches: NextBatch[] = [];
    // each round: both companies on both desks, four calls each (each desk's pool has ten connections)
    for (let round = 0; round < 6; round++) {
      const calls = [];
      for (let i = 0; i < 4; i++) {
        for (const [core, companyId] of [
          [x, companyA],
          [y, companyB],
          [y, companyA],
          [x, companyB],
        ] as const) {
          calls.push(nextBatch(core, { companyId, size: SIZE, dialerId: `d${round}-${i}-${companyId}` }));
        }
      }
      batches.push(...(await Promise.all(calls)));
    }
    // 6 × 16 × 100 = 9,600 of 12,000: the pool always had room for every batch asked
    expect(batches.map((b) => b.blocked)).toEqual(batches.map(() => null));
    expect(batches.map((b) => b.numbers.length)).toEqual(batches.map(() => SIZE));
    const leased = batches.flatMap((b) => b.numbers.map((n) => n.numberId));
    expect(new Set(leased).size).toBe(leased.length);
    const [{ n }] = await sql<{ n: string }>('select count(*) as n from leases');
    expect(Number(n)).toBe(leased.length);
  }, 120_000);

  it("a candidate another desk's open lease holds is passed over at once, not waited for or handed out", async () => {
    const [x] = desks;
    // another desk mid-lease: the next free numbers held and leased, not committed yet
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      const held = (
        await other.query<{ id: number }>(
          `select id from numbers n where not exists (select 1 from leases l where l.number_id = n.id)
           order by id limit 200 for no key update`,
        )
      ).rows.map((r) => r.id);
      await other.query(
        `insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at)
         select unnest($1::bigint[]), $2, 'other-desk', 'other', $3, $4`,
        [held, companies.companyB, MONDAY_10Z, MONDAY_10Z + 3_600_000],
      );
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000).unref());
      const batch = await Promise.race([nextBatch(x, { companyId: companies.companyA, size: 100, dialerId: 'beside' }), timeout]);
      expect(batch).not.toBe('waited');
      const numbers = (batch as NextBatch).numbers.map((n) => n.numberId);
      expect(numbers).toHaveLength(100);
      expect(numbers.filter((id) => held.includes(Number(id)))).toEqual([]);
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
    }
  }, 30_000);
  /**
   * Another desk (of company B unless `taker` says) takes an expired lease over (the same row, updated)
   * while this desk's transaction is about to end that lease. PostgreSQL re-reads the row it waited on;
   * only the lease as it was read may end, never the one that replaced it.
   */
  async function whileTakenOver(
    numberId: number,
    act: () => Promise<unknown>,
    taker = companies.companyB,
  ): Promise<{ companyId: number; batchId: string } | undefined> {
    const { companyA } = companies;
    await sql('delete from leases where number_id = $1', [numberId]);
    // company A's lease, an hour over
    await sql(
      `insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at) values ($1, $2, 'old', 'old', $3, $4)`,
      [numberId, companyA, MONDAY_10Z - 7_200_000, MONDAY_10Z - 3_600_000],
    );
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from numbers where id = $1 for no key update', [numberId]);
      await other.query(
        `update leases set company_id = $2, batch_id = 'new', dialer_id = 'other', leased_at = $3, expires_at = $4
         where number_id = $1 and expires_at <= $3`,
        [numberId, taker, MONDAY_10Z, MONDAY_10Z + 3_600_000],
      );
      const done = act();
      // the desk's statement waits on the rows the other desk holds; then the other desk commits
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = await sql<{ n: string }>(
          `select count(*) as n from pg_stat_activity
           where datname = current_database() and backend_type = 'client backend' and wait_event_type = 'Lock' and pid <> $1`,
          [(other as unknown as { processID: number }).processID],
        );
        if (Number(n) > 0) break;
        if (waited > 10_000) throw new Error('the desk never waited on the taken-over lease');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await other.query('commit');
      await done;
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
    }
    // the lease the number holds now, if any
    const [row] = await sql<{ company_id: string; batch_id: string }>('select company_id, batch_id from leases where number_id = $1', [
      numberId,
    ]);
    return row && { companyId: Number(row.company_id), batchId: row.batch_id };
  }

  it('a late report on an expired lease leaves the lease another company took over meanwhile', async () => {
    const [x] = desks;
    const [{ id }] = await sql<{ id: string }>('select id from numbers order by id desc limit 1');
    const numberId = Number(id);
    let outcome: unknown;
    const lease = await whileTakenOver(numberId, async () => {
      const { outcomes } = await recordResults(x, companies.companyA, [
        { callId: 'late-1', scenarioKey: null, status: 'NO_ANSWER', startedAt: MONDAY_10Z - 5_000_000, durationS: 0, numberId },
      ]);
      outcome = outcomes[0];
    });
    expect(outcome).toMatchObject({ ok: true });
    expect(lease).toEqual({ companyId: companies.companyB, batchId: 'new' });
  }, 30_000);

  it('a late report on an expired lease leaves the lease another desk of the same company took over meanwhile', async () => {
    const [x] = desks;
    const [{ id }] = await sql<{ id: string }>('select id from numbers order by id desc limit 1 offset 2');
    const numberId = Number(id);
    const report = { callId: 'late-2', scenarioKey: null, status: 'NO_ANSWER' as const, startedAt: MONDAY_10Z - 5_000_000, durationS: 0 };
    const lease = await whileTakenOver(numberId, () => recordResults(x, companies.companyA, [{ ...report, numberId }]), companies.companyA);
    // the old lease ended with the late report; the new one, the same company's, stands
    expect(lease).toEqual({ companyId: companies.companyA, batchId: 'new' });
  }, 30_000);

  it('the sweep of expired leases leaves one another company took over meanwhile', async () => {
    // a desk of its own: its first next-batch sweeps
    const fresh = await desk();
    const [{ id }] = await sql<{ id: string }>('select id from numbers order by id desc limit 1 offset 1');
    const lease = await whileTakenOver(Number(id), () => nextBatch(fresh, { companyId: companies.companyA, size: 1, dialerId: 'sweeper' }));
    expect(lease).toEqual({ companyId: companies.companyB, batchId: 'new' });
  }, 30_000);
});
