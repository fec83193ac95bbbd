import { MAX_CALLBACK_DAYS } from '../../../src-shared/contract/lifecycle';
import { isBillable, type CallStatus, type GlobalStatus } from '../../../src-shared/statuses';
import { dialectOf, type Queries } from '../db/engine/queries';
import { badInput } from '../errors';
import { toIso } from '../time';
import type { RecordContext } from './record-one';

/**
 * What a recorded result does to the number's lifecycle for its company (DESIGN.md §8): the company's
 * attempt count and last status, the retry its recycling rule schedules, the callback it closes or
 * asks for, and the re-attempt counter of the dashboard. Called by recordOne inside its transaction.
 */

const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;

/** A callback_at that cannot be taken: refused before the result writes anything. */
export function checkCallbackAt(ctx: RecordContext, callbackAt: number | null | undefined, statusAfter: GlobalStatus): void {
  if (callbackAt == null) return;
  const when = new Date(callbackAt).toISOString();
  if (callbackAt < ctx.now) {
    throw badInput(`callback_at ${when} is in the past (this server's clock reads ${toIso(ctx.now)}); a callback is for a time to come`);
  }
  if (callbackAt > ctx.now + MAX_CALLBACK_DAYS * DAY_MS) {
    throw badInput(
      `callback_at ${when} is more than ${MAX_CALLBACK_DAYS} days ahead; a callback is at most ${MAX_CALLBACK_DAYS} days away`,
    );
  }
  if (statusAfter !== 'active') {
    throw badInput(`callback_at: after this result the number is ${statusAfter} and is never dialed again, so it cannot be called back`);
  }
}

interface RecycleRule {
  delay_minutes: number;
  max_retries: number;
  is_active: number;
}

async function recycleRules(ctx: RecordContext): Promise<Map<string, RecycleRule>> {
  ctx.recycleRules ??= new Map(
    (
      await ctx.q.all<RecycleRule & { status: string }>(
        'select status, delay_minutes, max_retries, is_active from recycle_rules where company_id = ?',
        [ctx.company.id],
      )
    ).map((r) => [r.status, r]),
  );
  return ctx.recycleRules;
}

/** A dialed call on the company's dedup pair: the first makes it, each later one counts an attempt. */
export const companyCallUpsert = (q: Queries) => `
  on conflict (company_id, number_id) do update set attempts = company_calls.attempts + 1,
    last_status = case when excluded.last_called_at >= coalesce(company_calls.last_called_at, 0) then excluded.last_status
      else company_calls.last_status end,
    last_called_at = ${dialectOf(q).greatest('coalesce(company_calls.last_called_at, 0)', 'excluded.last_called_at')},
    answered = ${dialectOf(q).greatest('company_calls.answered', 'excluded.answered')}
  returning number_id as "numberId", attempts, last_status as "lastStatus", last_called_at as "lastCalledAt"`;

export const companyCallSql = (q: Queries) => `
  insert into company_calls (company_id, number_id, first_called_at, attempts, last_status, last_called_at, answered)
  values (?, ?, ?, 1, ?, ?, ?) ${companyCallUpsert(q)}`;

/** The company's dedup pair after a dialed call: what companyCallSql returns. */
export interface CompanyCallAfter {
  attempts: number;
  lastStatus: CallStatus;
  lastCalledAt: number;
}

/** A dialed call as its company's dedup pair records it: answered when the call was billable. */
export const companyCallOf = (numberId: number, status: CallStatus, calledAt: number) => ({
  numberId,
  status,
  calledAt,
  answered: isBillable(status) ? 1 : 0,
});

/** companyCallSql's parameters for one dialed call. */
export const companyCallArgs = (ctx: RecordContext, numberId: number, status: CallStatus, calledAt: number): unknown[] => {
  const c = companyCallOf(numberId, status, calledAt);
  return [ctx.company.id, c.numberId, ctx.now, c.status, c.calledAt, c.answered];
};

/**
 * A dialed call, its dedup pair written (companyCallSql): the retry its company's rule for the
 * number's latest status schedules (or none: no rule, rule off, retries used up).
 */
export async function scheduleRetry(ctx: RecordContext, numberId: number, after: CompanyCallAfter): Promise<void> {
  const { q, company } = ctx;
  const rules = await recycleRules(ctx);
  if (rules.size === 0) return; // a company without rules has no retries waiting (the lease drops stale ones)
  const rule = rules.get(after.lastStatus);
  const retry = rule && rule.is_active === 1 && after.attempts <= rule.max_retries;
  const due = retry ? { status: after.lastStatus, dueAt: after.lastCalledAt + rule.delay_minutes * 60_000 } : null;
  // PostgreSQL: a round trip a result saved; nothing in the recording reads recycles, so they are written at flush
  if (ctx.retries) ctx.retries.set(numberId, due);
  else if (due) await q.run(UPSERT_RECYCLE(), [company.id, numberId, due.status, due.dueAt]);
  else await q.run('delete from recycles where company_id = ? and number_id = ?', [company.id, numberId]);
}

const UPSERT_RECYCLE = (rows = 1) => `insert into recycles (company_id, number_id, status, due_at)
  values ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
  on conflict (company_id, number_id) do update set status = excluded.status, due_at = excluded.due_at`;

/**
 * The retries a transaction's results scheduled or dropped, by number (the last result on a number
 * decides, as when each wrote its own), in two statements.
 */
export async function flushRetries(ctx: RecordContext): Promise<void> {
  const retries = ctx.retries;
  if (!retries) return;
  const { q, company } = ctx;
  const set: unknown[] = [];
  const dropped: number[] = [];
  for (const [numberId, due] of retries) {
    if (due) set.push(company.id, numberId, due.status, due.dueAt);
    else dropped.push(numberId);
  }
  if (set.length) await q.run(UPSERT_RECYCLE(set.length / 4), set);
  const cells = [...(ctx.reattempts?.values() ?? [])];
  if (cells.length)
    await q.run(
      COUNT_REATTEMPTS(cells.length),
      cells.flatMap((c) => [company.id, c.bucket, c.kind, c.calls]),
    );
  ctx.reattempts?.clear();
  if (dropped.length)
    await q.run(`delete from recycles where company_id = ? and ${dialectOf(q).inIds('number_id')}`, [
      company.id,
      dialectOf(q).ids(dropped),
    ]);
  retries.clear();
}

/**
 * The company's pending callback on the number is honoured by this call: the one its lease handed out,
 * or any that was due by now. Answers its id, or null.
 */
export async function closeCallback(
  ctx: RecordContext,
  numberId: number,
  leasedCallbackId: number | null,
  resultId: number,
  who: string,
): Promise<number | null> {
  // most results close nothing: one look a transaction at whether the company has any callback due
  // saves an update a result (a callback asked in this transaction is due later, or says so below)
  const read = ctx.prefetched;
  if (leasedCallbackId === null && read?.callbacksChecked.has(numberId)) {
    // read with the request's numbers (prefetch.ts): a round trip a result saved on PostgreSQL
    if (!read.callbacksDue.has(numberId)) return null;
  } else if (leasedCallbackId === null) {
    ctx.callbacksDue ??=
      Number(
        await ctx.q.value("select exists (select 1 from callbacks where company_id = ? and state = 'pending' and due_at <= ?)", [
          ctx.company.id,
          ctx.now,
        ]),
      ) === 1;
    if (!ctx.callbacksDue) return null;
  }
  const closed = await ctx.q.value<number>(
    `update callbacks set state = 'done', done_result_id = ?, updated_at = ?, updated_by = ?
     where company_id = ? and number_id = ? and state = 'pending' and (due_at <= ? or id = ?)
     returning id`,
    [resultId, ctx.now, who, ctx.company.id, numberId, ctx.now, leasedCallbackId ?? -1],
  );
  return closed ?? null;
}

/** The callee asked to be called back: one pending callback per company and number, so asking again moves it. */
export async function askCallback(
  ctx: RecordContext,
  numberId: number,
  dueAt: number,
  agentId: number | null,
  resultId: number,
  who: string,
): Promise<void> {
  await ctx.q.run(
    `insert into callbacks (company_id, number_id, due_at, agent_id, state, asked_in_result_id, created_at, updated_at, updated_by)
     values (?, ?, ?, ?, 'pending', ?, ?, ?, ?)
     on conflict (company_id, number_id) where state = 'pending' do update set due_at = excluded.due_at,
       agent_id = excluded.agent_id, asked_in_result_id = excluded.asked_in_result_id, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
    [ctx.company.id, numberId, dueAt, agentId, resultId, ctx.now, ctx.now, who],
  );
  if (dueAt <= ctx.now) {
    ctx.callbacksDue = true;
    ctx.prefetched?.callbacksDue.add(numberId);
  }
}

const COUNT_REATTEMPTS = (rows = 1) => `insert into attempt_stats (company_id, bucket, kind, calls)
  values ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
  on conflict (company_id, bucket, kind) do update set calls = attempt_stats.calls + excluded.calls`;

/**
 * Counts a re-attempt (a retry or a callback) in its 15-minute bucket; first attempts are the rest of
 * the dialed calls. On PostgreSQL the counts are summed in memory and written at the transaction's end
 * (flushRetries), a round trip a result saved.
 */
export async function countReattempt(ctx: RecordContext, kind: 'recycled' | 'callback', startedAt: number): Promise<void> {
  const bucket = Math.floor(startedAt / QUARTER_MS) * QUARTER_MS;
  if (ctx.reattempts) {
    const key = `${bucket}:${kind}`;
    const cell = ctx.reattempts.get(key) ?? { bucket, kind, calls: 0 };
    cell.calls++;
    ctx.reattempts.set(key, cell);
    return;
  }
  await ctx.q.run(COUNT_REATTEMPTS(), [ctx.company.id, bucket, kind, 1]);
}
