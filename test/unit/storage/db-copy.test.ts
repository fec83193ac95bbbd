import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToPostgres } from '../../../src-main/core/db/copy';
import { recordResults } from '../../../src-main/core/results/record';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { dialerWorld, runCli, type DialerWorld } from '../../world';
import { postgresBin, startPostgres, type TestPostgres } from '../../world/postgres';

const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('db copy: skipped, no PostgreSQL installed here (.ci/run installs it)');

let server: TestPostgres;
let d: DialerWorld;
let databases = 0;
const freshDatabase = () => {
  const name = `copy_${++databases}`;
  server.createDatabase(name);
  return server.url(name);
};
const query = async (url: string, text: string) => {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  // a desk that has dialed: results, charges, rollups, an API key, an audit log
  d = await dialerWorld({ numbers: 40 });
  const batch = await nextBatch(d.core, { companyId: d.w.companyA, size: 30, dialerId: 'd1' });
  const statuses = ['ANSWERED', 'NO_ANSWER', 'BUSY', 'INTERESTED', 'POWER_OFF'] as const;
  await recordResults(
    d.core,
    d.w.companyA,
    batch.numbers.map((n, i) => ({
      callId: `c${i}`,
      numberId: n.numberId,
      scenarioKey: 'sales',
      status: statuses[i % 5],
      startedAt: d.clock.clock() - 1000,
      durationS: 30 + i,
    })),
  );
}, 90_000);
afterAll(async () => {
  await d?.close();
  server?.stop();
});

describe.skipIf(!available)('db copy: a desk to PostgreSQL', () => {
  it('copies every table with its ids, rebuilds the rollups, and checks counts and ledger sums', async () => {
    const url = freshDatabase();
    const report = await copyToPostgres(d.core.db.file, url);
    const source = d.core.db.sqlite;
    for (const table of [
      'companies',
      'numbers',
      'call_results',
      'ledger_entries',
      'company_calls',
      'leases',
      'api_keys',
      'audit_log',
      'call_stats',
    ]) {
      expect(report.tables[table], table).toBe(source.prepare(`select count(*) from ${table}`).pluck().get());
    }
    expect(report.tables.call_results).toBe(30);
    expect(report.ledgerSum).toBe(source.prepare('select sum(amount) from ledger_entries').pluck().get());
    const [one] = await query(url, "select id, phone, amount_charged from call_results where call_id = 'c3'");
    expect({ ...one, id: Number(one.id), amount_charged: Number(one.amount_charged) }).toEqual(
      source.prepare("select id, phone, amount_charged from call_results where call_id = 'c3'").get(),
    );
    // new rows get ids after the copied ones
    const [next] = await query(
      url,
      "insert into scenarios (company_id, key, name, created_at, updated_at) values (1, 'x', 'X', 0, 0) returning id",
    );
    expect(Number(next.id)).toBe(Number(source.prepare('select max(id) from scenarios').pluck().get()) + 1);
  });

  it('refuses a target that holds data or another app, and an unreachable one, writing nothing', async () => {
    const filled = freshDatabase();
    await copyToPostgres(d.core.db.file, filled);
    await expect(copyToPostgres(d.core.db.file, filled)).rejects.toThrow(/already holds DialDesk data/);
    const foreign = freshDatabase();
    await query(foreign, 'create table invoices (id int primary key)');
    await expect(copyToPostgres(d.core.db.file, foreign)).rejects.toThrow(/another application's tables/);
    expect(await query(foreign, "select count(*)::int as n from information_schema.tables where table_schema = 'public'")).toEqual([
      { n: 1 },
    ]);
    await expect(copyToPostgres(d.core.db.file, `postgres://postgres@127.0.0.1:${server.port}/no_such_db`)).rejects.toThrow(
      /cannot open .*that database does not exist/,
    );
    await expect(copyToPostgres(d.core.db.file, 'mysql://x')).rejects.toThrow(/not a postgres:\/\/ URL/);
  });

  it('from the command line, with one JSON answer', async () => {
    const url = freshDatabase();
    const answer = await runCli(d.core.dataDir, ['db', 'copy', '--from', d.core.db.file, '--to', url]);
    expect(answer.report.tables.call_results).toBe(30);
  }, 60_000);
});
