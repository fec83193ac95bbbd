import type { CallStatus } from '../../../src-shared/statuses';
import { dialectOf, type Queries } from '../db/engine/queries';
import { companyCallArgs, companyCallOf, companyCallSql, companyCallUpsert, type CompanyCallAfter } from './lifecycle';
import type { RecordContext } from './record-one';

/**
 * A result's first writes, once every check has passed: the end of the number's lease, the result row,
 * and for a dialed call the number's last call and status and the company's dedup pair. On SQLite these
 * are four prepared statements of microseconds each, a result at a time. On PostgreSQL each statement is
 * a round trip under the company's row lock, so the writes of all the results handed in go as one
 * statement: data-modifying WITH parts on four tables, none reading what another writes, each part one
 * set of rows from arrays (unnest). The recorder hands in no two results on one number or one call_id
 * (record.ts), so no part writes a row twice.
 */
export interface ResultWrite {
  /** the lease that ends (ours, or an expired one) as it was read, or null */
  endLease: { numberId: number; companyId: number; leasedAt: number } | null;
  /** INSERT_RESULT's parameters, in RESULT_COLUMNS' order */
  result: unknown[];
  /** a dialed call: the number, when it was called, and its status after */
  called: { numberId: number; status: CallStatus; calledAt: number; globalStatus: string } | null;
}

export interface ResultWritten {
  resultId: number;
  /** the company's dedup pair after a dialed call, or null */
  companyCall: CompanyCallAfter | null;
}

/** call_results' columns a result writes, and their PostgreSQL types */
const RESULT_COLUMNS: [string, 'bigint' | 'text'][] = [
  ['company_id', 'bigint'],
  ['number_id', 'bigint'],
  ['phone', 'text'],
  ['scenario_id', 'bigint'],
  ['outbound_line_id', 'bigint'],
  ['agent_id', 'bigint'],
  ['status', 'text'],
  ['direction', 'text'],
  ['started_at', 'bigint'],
  ['duration_s', 'bigint'],
  ['call_id', 'text'],
  ['request_hash', 'text'],
  ['amount_charged', 'bigint'],
  ['recording_url', 'text'],
  ['transcript', 'text'],
  ['data', 'text'],
  ['dialer_id', 'text'],
  ['batch_id', 'text'],
  ['created_at', 'bigint'],
  ['wallet_balance_after', 'bigint'],
];
const CALL_ID = RESULT_COLUMNS.findIndex(([c]) => c === 'call_id');

const INSERT_RESULT = `insert into call_results (${RESULT_COLUMNS.map(([c]) => c).join(', ')})
  values (${RESULT_COLUMNS.map(() => '?').join(', ')}) returning id`;

// The cooldown runs from the call, and a late report never moves the last call back in time.
const NUMBER_CALLED = (q: Queries) => `
  update numbers set last_called_company_id = case when ? >= coalesce(last_called_at, 0) then ? else last_called_company_id end,
    last_called_at = ${dialectOf(q).greatest('coalesce(last_called_at, 0)', '?')}, global_status = ? where id = ?`;

// The lease row as it was read, not any lease of the number: on PostgreSQL another company may take
// an expired lease over (the same row, updated) while this transaction waits, and that lease stays.
const END_LEASE = 'delete from leases where number_id = ? and company_id = ? and leased_at = ?';

export async function writeResults(ctx: RecordContext, writes: ResultWrite[]): Promise<ResultWritten[]> {
  if (writes.length === 0) return [];
  if (ctx.q.engine === 'postgres') return writeAsOne(ctx, writes);
  const written: ResultWritten[] = [];
  for (const w of writes) written.push(await writeOne(ctx, w));
  return written;
}

async function writeOne(ctx: RecordContext, w: ResultWrite): Promise<ResultWritten> {
  const { q, company } = ctx;
  if (w.endLease !== null) await q.run(END_LEASE, [w.endLease.numberId, w.endLease.companyId, w.endLease.leasedAt]);
  const resultId = (await q.value<number>(INSERT_RESULT, w.result))!;
  const c = w.called;
  if (!c) return { resultId, companyCall: null };
  await q.run(NUMBER_CALLED(q), [c.calledAt, company.id, c.calledAt, c.globalStatus, c.numberId]);
  const after = (await q.get<CompanyCallAfter>(companyCallSql(q), companyCallArgs(ctx, c.numberId, c.status, c.calledAt)))!;
  return { resultId, companyCall: after };
}

const unnest = (types: string[]) => `unnest(${types.map((t) => `?::${t}[]`).join(', ')})`;

// PostgreSQL: every part always present, each from arrays that may be empty, so the text never varies
const writeAsOneSql = (q: Queries) => `
  with gone as (
    delete from leases l using ${unnest(['bigint', 'bigint', 'bigint'])} as e(number_id, company_id, leased_at)
    where l.number_id = e.number_id and l.company_id = e.company_id and l.leased_at = e.leased_at),
  r as (
    insert into call_results (${RESULT_COLUMNS.map(([c]) => c).join(', ')})
    select * from ${unnest(RESULT_COLUMNS.map(([, t]) => t))}
    returning id, call_id),
  n as (
    update numbers set
      last_called_company_id = case when v.called_at >= coalesce(numbers.last_called_at, 0) then ?::bigint
        else numbers.last_called_company_id end,
      last_called_at = greatest(coalesce(numbers.last_called_at, 0), v.called_at),
      global_status = v.global_status
    from ${unnest(['bigint', 'bigint', 'text'])} as v(id, called_at, global_status) where numbers.id = v.id),
  c as (
    insert into company_calls (company_id, number_id, first_called_at, attempts, last_status, last_called_at, answered)
    select ?::bigint, v.number_id, ?::bigint, 1, v.status, v.called_at, v.answered
    from ${unnest(['bigint', 'text', 'bigint', 'bigint'])} as v(number_id, status, called_at, answered)
    ${companyCallUpsert(q)})
  select
    (select coalesce(json_agg(json_build_array(r.call_id, r.id)), '[]') from r) as results,
    (select coalesce(json_agg(json_build_array(c."numberId", c.attempts, c."lastStatus", c."lastCalledAt")), '[]') from c) as calls`;

async function writeAsOne(ctx: RecordContext, writes: ResultWrite[]): Promise<ResultWritten[]> {
  const { company } = ctx;
  const columns = <T>(rows: T[], width: number, row: (x: T) => unknown[]): unknown[][] => {
    const out: unknown[][] = Array.from({ length: width }, () => []);
    for (const x of rows) row(x).forEach((v, i) => out[i].push(v));
    return out;
  };
  const ended = writes.flatMap((w) => (w.endLease ? [w.endLease] : []));
  const called = writes.flatMap((w) => (w.called ? [w.called] : []));
  const calls = called.map((c) => companyCallOf(c.numberId, c.status, c.calledAt));
  const args = [
    ...columns(ended, 3, (l) => [l.numberId, l.companyId, l.leasedAt]),
    ...columns(writes, RESULT_COLUMNS.length, (w) => w.result),
    company.id,
    ...columns(called, 3, (c) => [c.numberId, c.calledAt, c.globalStatus]),
    company.id,
    ctx.now,
    ...columns(calls, 4, (c) => [c.numberId, c.status, c.calledAt, c.answered]),
  ];
  const row = (await ctx.q.get<{ results: [string, number][]; calls: [number, number, CallStatus, number][] }>(
    writeAsOneSql(ctx.q),
    args,
  ))!;
  const ids = new Map(row.results);
  const pairs = new Map(
    row.calls.map(([numberId, attempts, lastStatus, lastCalledAt]) => [numberId, { attempts, lastStatus, lastCalledAt }]),
  );
  return writes.map((w) => ({
    resultId: ids.get(w.result[CALL_ID] as string)!,
    companyCall: w.called ? pairs.get(w.called.numberId)! : null,
  }));
}
