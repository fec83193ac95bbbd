import { globalStatusAfter, type GlobalStatus } from '../../../src-shared/statuses';
import { MAX_MONEY } from '../../../src-shared/contract/common';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import { badInput, conflict, notFound } from '../errors';
import type { CallCharge, CallCharges } from '../billing/wallet';
import { chargeFor } from '../billing/charge';
import { RollupBatch } from '../stats/rollup';
import { normalizePhone } from '../phone/phone';
import { zoneIdOf } from '../phone/zones';
import { reportHash } from './hash';
import { earlierResult, forgetTouched, numberBy, type LookedUp, type PoolNumber, type Prefetched } from './prefetch';
import { askCallback, checkCallbackAt, closeCallback, countReattempt, scheduleRetry } from './lifecycle';
import { writeResults, type ResultWrite, type ResultWritten } from './write-result';
import type { RecordedResult, ResultEffects, ResultReport } from './types';

/** State shared by the results of one transaction: the company row and lookups already made. */
export interface RecordContext {
  /** the recording's transaction: every statement of the recorder goes through it */
  q: Queries;
  /** the connection, for the phone-zone reader (phone/zones.ts), still synchronous, inside the same transaction */
  db: Db;
  company: CompanyRow;
  /** the calls' charges (and the wallet balance as this transaction has moved it so far), written at flush */
  charges: CallCharges;
  /** the dashboard rollup's cells this transaction adds to, written at flush */
  rollup: RollupBatch;
  now: number;
  scenarioIds: Map<string, number>;
  checkedLines: Set<number>;
  checkedAgents: Set<number>;
  /** the company's recycling rules by status, read once per transaction when a call needs them */
  recycleRules?: Map<string, { delay_minutes: number; max_retries: number; is_active: number }>;
  /** the request's earlier results and numbers, read at once (PostgreSQL, report-results) */
  prefetched?: Prefetched;
  /** PostgreSQL: the retries the results scheduled (null: dropped) by number, written at flush (flushRetries) */
  retries?: Map<number, { status: string; dueAt: number } | null>;
  /** PostgreSQL: the re-attempts counted, by 15-minute bucket and kind, written at flush (flushRetries) */
  reattempts?: Map<string, { bucket: number; kind: string; calls: number }>;
  /** whether the company had a callback due when the transaction first asked (closeCallback) */
  callbacksDue?: boolean;
}

const RANK: Record<GlobalStatus, number> = { active: 0, power_off: 1, invalid: 2, complained: 3 };
/** how far ahead of our clock a dialer's started_at may be (DESIGN.md §4): clock skew, not a call from the future */
export const MAX_CLOCK_SKEW_MS = 60_000;

/**
 * A result that passed every check (planOne): its first writes, to be made with others' (writeResults),
 * and what finishOne needs once they are.
 */
export interface PlannedResult {
  report: ResultReport;
  write: ResultWrite;
  /** its charge, taken from the wallet in memory; the result row's id is set on it once written */
  charge: CallCharge | null;
  number: PoolNumber | null;
  ours: Lease | null;
  scenarioId: number | null;
  charged: number;
  balanceAfter: number;
  dials: boolean;
  newStatus: GlobalStatus | null;
}

/** A replayed call_id: answered as the first time, nothing written. */
export interface ReplayedResult {
  answer: RecordedResult;
  effects: null;
}

/**
 * Records one result inside the caller's transaction (DESIGN.md §3 "Call statuses" and "Dialing
 * rules"). Throws an AppError, having written nothing of its own, when the report cannot be taken.
 */
export async function recordOne(ctx: RecordContext, r: ResultReport): Promise<{ answer: RecordedResult; effects: ResultEffects | null }> {
  const planned = await planOne(ctx, r);
  if ('answer' in planned) return planned;
  const [written] = await writeResults(ctx, [planned.write]);
  return finishOne(ctx, planned, written);
}

/**
 * A result's checks, in order: the replay, its clock, its number and lease, its scenario, line and
 * agent, its callback and its charge. Throws an AppError when the report cannot be taken, having
 * written nothing; otherwise answers what to write. Nothing is written here but the inbound caller who
 * joins the pool, after the last check.
 */
export async function planOne(ctx: RecordContext, r: ResultReport): Promise<PlannedResult | ReplayedResult> {
  const { company, now } = ctx;
  const hash = r.fingerprint ?? reportHash(r);
  const earlier = await earlierResult(ctx, r.callId);
  if (earlier) {
    if (earlier.request_hash !== hash) {
      throw conflict(
        `call_id "${r.callId}" was already reported (result ${earlier.id}) with different details; a retry must send the same report`,
      );
    }
    return {
      answer: {
        resultId: earlier.id,
        charged: earlier.amount_charged,
        walletBalance: earlier.wallet_balance_after ?? ctx.charges.balance,
        replayed: true,
      },
      effects: null,
    };
  }

  // Every check comes before the first write, so a refused report leaves nothing behind without
  // the cost of a savepoint per result.
  if (r.startedAt > now + MAX_CLOCK_SKEW_MS) {
    throw badInput(
      `started_at ${new Date(r.startedAt).toISOString()} is in the future (this server's clock reads ${new Date(now).toISOString()}); check the dialer's clock`,
    );
  }
  const inbound = r.status === 'INBOUND_CALL';
  if (r.withheldCaller !== undefined && (!inbound || r.phone !== undefined || r.numberId !== undefined)) {
    throw badInput('a withheld caller is only for an inbound call without a phone');
  }
  const found = r.withheldCaller !== undefined ? null : await resolveNumber(ctx, r, inbound);

  // the lease: another company's live lease makes the report a conflict; ours (or any expired one) ends here
  const lease = !inbound && found && found.id !== null ? leaseOf(found) : undefined;
  if (lease && lease.expires_at > now && lease.company_id !== company.id)
    throw conflict(`${found!.phone} is leased to another company right now`);
  const scenarioId = r.scenarioKey === null ? null : await scenarioIdOf(ctx, r.scenarioKey);
  if (r.outboundLineId != null)
    await checkOwned(ctx, 'outbound_lines', ctx.checkedLines, r.outboundLineId, 'outbound_line_id', 'outbound line');
  if (r.agentId != null) await checkOwned(ctx, 'agents', ctx.checkedAgents, r.agentId, 'agent_id', 'agent');

  const dials = !inbound && r.status !== 'FAILED';
  const effect = dials ? globalStatusAfter(r.status) : null;
  if (found === null && r.callbackAt != null) throw badInput('callback_at: a withheld caller has no number to call back');
  const statusBefore = found?.global_status ?? 'active';
  const newStatus: GlobalStatus | null = effect && RANK[effect] > RANK[statusBefore] ? effect : null;
  checkCallbackAt(ctx, r.callbackAt, newStatus ?? statusBefore);

  const charged = chargeFor(company, r.status, r.durationS);
  if (ctx.charges.balance - charged < -MAX_MONEY) {
    throw badInput(`this call's charge would take the wallet of ${company.slug} below -${MAX_MONEY} minor units; top it up first`);
  }

  // A billable result is charged even when that takes the wallet below zero: the call happened and
  // was paid for by the site. The balance check belongs to next-batch, which stops handing out numbers.
  // The charge is in memory (its own bounds may still refuse it), so it comes before the first write.
  const charge = charged > 0 ? ctx.charges.charge(charged, null, `${r.status} ${r.callId}`) : null;
  const balanceAfter = charge?.balanceAfter ?? ctx.charges.balance;

  // writes from here on
  forgetTouched(ctx, r.callId, found);
  const number: PoolNumber | null =
    found === null ? null : found.id !== null ? { ...found, id: found.id } : await addInboundCaller(ctx, found.phone);
  const ours = lease && lease.company_id === company.id ? lease : null;
  const dialerId = ours?.dialer_id ?? null;
  // The cooldown runs from the call. A call made under our lease cannot have started before the lease
  // was handed out (an early started_at would free the number for everyone at once), and a clock ahead
  // of ours must not stretch it. FAILED is a technical failure: the number simply goes back, with no
  // cooldown and no dedup (a callback or a retry it was stays waiting). An inbound call is the
  // customer's, not a dial: it changes neither either.
  const called =
    dials && number
      ? {
          numberId: number.id,
          status: r.status,
          calledAt: Math.min(Math.max(r.startedAt, ours?.leased_at ?? 0), now),
          globalStatus: newStatus ?? number.global_status,
        }
      : null;
  const write: ResultWrite = {
    endLease: lease && number ? { numberId: number.id, companyId: lease.company_id, leasedAt: lease.leased_at } : null,
    result: [
      company.id,
      number?.id ?? null,
      number?.phone ?? r.withheldCaller!.slice(0, 200),
      scenarioId,
      r.outboundLineId ?? null,
      r.agentId ?? null,
      r.status,
      inbound ? 'inbound' : 'outbound',
      r.startedAt,
      r.durationS,
      r.callId,
      hash,
      charged,
      r.recordingUrl ?? null,
      r.transcript ?? null,
      r.data == null ? null : JSON.stringify(r.data),
      dialerId,
      r.batchId ?? null,
      now,
      balanceAfter,
    ],
    called,
  };
  return { report: r, write, charge, number, ours, scenarioId, charged, balanceAfter, dials, newStatus };
}

/**
 * A planned result, its first writes made: its charge points at its row, and its retry, callbacks,
 * re-attempt count and rollup cell follow.
 */
export async function finishOne(
  ctx: RecordContext,
  p: PlannedResult,
  { resultId, companyCall }: ResultWritten,
): Promise<{ answer: RecordedResult; effects: ResultEffects }> {
  const { report: r, number, ours } = p;
  if (p.charge) p.charge.callResultId = resultId;
  const dialerId = ours?.dialer_id ?? null;
  const who = dialerId ? `dialer ${dialerId}` : `call ${r.callId}`;
  const called = p.write.called;
  if (called && companyCall) {
    await scheduleRetry(ctx, called.numberId, companyCall);
    const callback = await closeCallback(ctx, called.numberId, ours?.callback_id ?? null, resultId, who);
    if (callback !== null) await countReattempt(ctx, 'callback', r.startedAt);
    else if (companyCall.attempts > 1) await countReattempt(ctx, 'recycled', r.startedAt);
  }
  if (r.callbackAt != null && number) await askCallback(ctx, number.id, r.callbackAt, r.agentId ?? null, resultId, who);
  ctx.rollup.add({
    companyId: ctx.company.id,
    startedAt: r.startedAt,
    scenarioId: p.scenarioId,
    outboundLineId: r.outboundLineId ?? null,
    agentId: r.agentId ?? null,
    status: r.status,
    durationS: r.durationS,
    cost: p.charged,
  });
  return {
    answer: { resultId, charged: p.charged, walletBalance: p.balanceAfter, replayed: false },
    effects: {
      resultId,
      numberId: number?.id ?? null,
      status: r.status,
      direction: r.status === 'INBOUND_CALL' ? 'inbound' : 'outbound',
      startedAt: r.startedAt,
      charged: p.charged,
      dialed: p.dials,
      newStatus: p.newStatus,
      dialerId,
    },
  };
}

function leaseOf(n: PoolNumber | LookedUp): Lease | undefined {
  if (!('lease_company_id' in n) || n.lease_company_id === null) return undefined;
  return {
    company_id: n.lease_company_id,
    dialer_id: n.lease_dialer_id!,
    leased_at: n.lease_leased_at!,
    expires_at: n.lease_expires_at!,
    callback_id: n.lease_callback_id,
  };
}

interface Lease {
  company_id: number;
  dialer_id: string;
  leased_at: number;
  expires_at: number;
  callback_id: number | null;
}

/** The pool's number for the report; an unknown inbound caller comes back with id null, to be added. */
async function resolveNumber(
  ctx: RecordContext,
  r: ResultReport,
  inbound: boolean,
): Promise<LookedUp | { id: null; phone: string; global_status: GlobalStatus }> {
  let phone: string | null = null;
  if (r.phone !== undefined) {
    const n = normalizePhone(r.phone, ctx.company.default_country);
    if (!n.ok) throw badInput(`phone: "${r.phone}" is not usable: ${n.reason}`);
    phone = n.phone;
  }
  if (r.numberId !== undefined) {
    const row = await numberBy(ctx, 'id', r.numberId);
    if (!row) throw notFound(`number_id ${r.numberId} is not in the number pool`);
    if (phone !== null && row.phone !== phone)
      throw badInput(`phone ${phone} and number_id ${r.numberId} (${row.phone}) are different numbers`);
    return row;
  }
  if (phone === null) throw badInput('give the phone or the number_id of the call');
  const row = await numberBy(ctx, 'phone', phone);
  if (row) return row;
  if (!inbound) throw notFound(`${phone} is not in the number pool; report only numbers DialDesk handed out`);
  return { id: null, phone, global_status: 'active' };
}

/** A caller we never dialed joins the pool, marked as having come in. */
async function addInboundCaller(ctx: RecordContext, phone: string): Promise<PoolNumber> {
  const id = (await ctx.q.value<number>(
    "insert into numbers (phone, global_status, imported_at, source, zone_id) values (?, 'active', ?, 'inbound', ?) returning id",
    [phone, ctx.now, zoneIdOf(ctx.db, phone)],
  ))!;
  return { id, phone, global_status: 'active' };
}

async function scenarioIdOf(ctx: RecordContext, key: string): Promise<number> {
  let id = ctx.scenarioIds.get(key);
  if (id === undefined) {
    id = await ctx.q.value<number>('select id from scenarios where company_id = ? and key = ?', [ctx.company.id, key]);
    if (id === undefined) {
      throw badInput(
        `scenario: "${key}" is not a scenario of ${ctx.company.slug}; register it first (POST /api/v1/dialer/register-scenarios)`,
      );
    }
    ctx.scenarioIds.set(key, id);
  }
  return id;
}

async function checkOwned(
  ctx: RecordContext,
  table: 'outbound_lines' | 'agents',
  seen: Set<number>,
  id: number,
  field: string,
  what: string,
): Promise<void> {
  if (seen.has(id)) return;
  const found = await ctx.q.value(`select 1 from ${table} where id = ? and company_id = ?`, [id, ctx.company.id]);
  if (!found) throw badInput(`${field}: ${what} ${id} is not one of ${ctx.company.slug}'s`);
  seen.add(id);
}
