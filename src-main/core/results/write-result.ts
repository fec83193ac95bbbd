import type { CallStatus } from '../../../src-shared/statuses';
import { dialectOf, type Queries } from '../db/engine/queries';
import { companyCallArgs, companyCallSql, type CompanyCallAfter } from './lifecycle';
import type { RecordContext } from './record-one';

/**
 * A result's first writes, once every check has passed: the end of the number's lease, the result row,
 * and for a dialed call the number's last call and status and the company's dedup pair. On SQLite these
 * are four prepared statements of microseconds each; on PostgreSQL each statement is a round trip under
 * the company's row lock, so they go as one (data-modifying WITH parts, on four tables, none reading what
 * another writes).
 */
export interface ResultWrite {
  /** the lease that ends (ours, or an expired one) as it was read, or null */
  endLease: { numberId: number; companyId: number; leasedAt: number } | null;
  /** INSERT_RESULT's parameters */
  result: unknown[];
  /** a dialed call: the number, when it was called, and its status after */
  called: { numberId: number; status: CallStatus; calledAt: number; globalStatus: string } | null;
}

const INSERT_RESULT = `
  insert into call_results (company_id, number_id, phone, scenario_id, outbound_line_id, agent_id, status, direction,
    started_at, duration_s, call_id, request_hash, amount_charged, recording_url, transcript, data, dialer_id, batch_id,
    created_at, wallet_balance_after)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  returning id`;

// The cooldown runs from the call, and a late report never moves the last call back in time.
const NUMBER_CALLED = (q: Queries) => `
  update numbers set last_called_company_id = case when ? >= coalesce(last_called_at, 0) then ? else last_called_company_id end,
    last_called_at = ${dialectOf(q).greatest('coalesce(last_called_at, 0)', '?')}, global_status = ? where id = ?`;

// The lease row as it was read, not any lease of the number: on PostgreSQL another company may take
// an expired lease over (the same row, updated) while this transaction waits, and that lease stays.
const END_LEASE = 'delete from leases where number_id = ? and company_id = ? and leased_at = ?';
const endLeaseArgs = (l: NonNullable<ResultWrite['endLease']>) => [l.numberId, l.companyId, l.leasedAt];

export async function writeResult(ctx: RecordContext, w: ResultWrite): Promise<{ resultId: number; companyCall: CompanyCallAfter | null }> {
  const { q, company } = ctx;
  const numberArgs = (c: NonNullable<ResultWrite['called']>) => [c.calledAt, company.id, c.calledAt, c.globalStatus, c.numberId];
  if (q.engine === 'postgres') return writeInOne(ctx, w, numberArgs);
  if (w.endLease !== null) await q.run(END_LEASE, endLeaseArgs(w.endLease));
  const resultId = (await q.value<number>(INSERT_RESULT, w.result))!;
  if (!w.called) return { resultId, companyCall: null };
  await q.run(NUMBER_CALLED(q), numberArgs(w.called));
  const c = w.called;
  const after = (await q.get<CompanyCallAfter>(companyCallSql(q), companyCallArgs(ctx, c.numberId, c.status, c.calledAt)))!;
  return { resultId, companyCall: after };
}

async function writeInOne(
  ctx: RecordContext,
  w: ResultWrite,
  numberArgs: (c: NonNullable<ResultWrite['called']>) => unknown[],
): Promise<{ resultId: number; companyCall: CompanyCallAfter | null }> {
  const { q } = ctx;
  // the parts in the order of their parameters
  const parts: string[] = [];
  const args: unknown[] = [];
  if (w.endLease !== null) {
    parts.push(`gone as (${END_LEASE})`);
    args.push(...endLeaseArgs(w.endLease));
  }
  parts.push(`r as (${INSERT_RESULT})`);
  args.push(...w.result);
  const c = w.called;
  if (c) {
    parts.push(`n as (${NUMBER_CALLED(q)})`, `c as (${companyCallSql(q)})`);
    args.push(...numberArgs(c), ...companyCallArgs(ctx, c.numberId, c.status, c.calledAt));
  }
  const row = (await q.get<{ id: number } & Partial<CompanyCallAfter>>(
    c
      ? `with ${parts.join(', ')} select r.id, c.attempts, c."lastStatus", c."lastCalledAt" from r, c`
      : `with ${parts.join(', ')} select r.id from r`,
    args,
  ))!;
  const companyCall = c ? { attempts: row.attempts!, lastStatus: row.lastStatus!, lastCalledAt: row.lastCalledAt! } : null;
  return { resultId: row.id, companyCall };
}
