import type { Core } from '../core';
import { AppError } from '../errors';
import type { Queries } from '../db/engine/queries';
import { lockedCompany } from '../companies/locked';
import { CallCharges } from '../billing/wallet';
import { RollupBatch } from '../stats/rollup';
import { poolWritten } from '../dialer/pool-cache';
import { dialerRegistry } from '../dialer/registry';
import { toIso } from '../time';
import { phoneZonesReady } from '../phone/zones';
import { flushRetries } from './lifecycle';
import { prefetch } from './prefetch';
import { finishOne, planOne, recordOne, type PlannedResult, type RecordContext } from './record-one';
import { writeResults } from './write-result';
import { normalizePhone } from '../phone/phone';
import { updateInboundOne, type InboundResultUpdate } from './update-inbound';
import type { RecordedResult, ResultEffects, ResultOutcome, ResultReport } from './types';

export interface RecordOptions {
  /** the reporter's address, for the console's live list of dialers */
  address?: string;
  /** who reported, when no lease says it */
  dialerId?: string;
}

/**
 * Records one result: the call, the end of its lease, the number's new state, the dedup pair, the
 * charge through the ledger and the dashboard rollup, all in one transaction. Throws an AppError
 * (400/404/409) having written nothing. A replay of the same call_id answers the first answer.
 */
export async function recordResult(
  core: Core,
  companyId: number,
  report: ResultReport,
  options: RecordOptions = {},
): Promise<RecordedResult> {
  const [{ answer, effects }, recorded] = await inRecording(core, companyId, (ctx) => recordOne(ctx, report));
  afterCommit(core, recorded, effects ? [effects] : [], answer.walletBalance, options);
  return answer;
}

/**
 * Records many results in one transaction. Each item succeeds or fails on its own: a bad item is
 * answered with its error and leaves no trace (every check precedes the first write), the others
 * are kept.
 */
export async function recordResults(
  core: Core,
  companyId: number,
  reports: ResultReport[],
  options: RecordOptions = {},
): Promise<{ outcomes: ResultOutcome[]; walletBalance: number }> {
  const [{ outcomes, effects, walletBalance }, recorded] = await inRecording(core, companyId, async (ctx) => {
    ctx.prefetched = await prefetch(ctx, reports);
    return { ...(await recordMany(ctx, reports)), walletBalance: ctx.charges.balance };
  });
  afterCommit(core, recorded, effects, walletBalance, options);
  return { outcomes, walletBalance };
}

/**
 * A request's results, checked one by one in order and written together (writeResults: on PostgreSQL
 * one statement for all of them, not one a result). A result with the call_id or the number of one
 * still unwritten waits for those writes first, so it reads the rows as they are by then, as if each
 * result had written before the next was checked.
 */
async function recordMany(ctx: RecordContext, reports: ResultReport[]): Promise<{ outcomes: ResultOutcome[]; effects: ResultEffects[] }> {
  const outcomes: ResultOutcome[] = new Array<ResultOutcome>(reports.length);
  const effects: ResultEffects[] = [];
  let pending: { at: number; planned: PlannedResult }[] = [];
  const unwritten = new Set<string>();
  const write = async () => {
    const written = await writeResults(
      ctx,
      pending.map((p) => p.planned.write),
    );
    for (const [i, { at, planned }] of pending.entries()) {
      const one = await finishOne(ctx, planned, written[i]);
      effects.push(one.effects);
      outcomes[at] = { ok: true, ...one.answer };
    }
    pending = [];
    unwritten.clear();
  };
  for (const [at, report] of reports.entries()) {
    if (keysOf(ctx, report).some((k) => unwritten.has(k))) await write();
    try {
      const planned = await planOne(ctx, report);
      if ('answer' in planned) {
        outcomes[at] = { ok: true, ...planned.answer };
        continue;
      }
      pending.push({ at, planned });
      unwritten.add(`call ${report.callId}`);
      if (planned.number) unwritten.add(`id ${planned.number.id}`).add(`phone ${planned.number.phone}`);
    } catch (err) {
      // planOne refuses before its first write, so the others' work stands as it is
      if (err instanceof AppError) outcomes[at] = { ok: false, error: err };
      else throw err;
    }
  }
  await write();
  return { outcomes, effects };
}

/** What a report names before it is read: its call_id, and its number by id or by phone. */
function keysOf(ctx: RecordContext, r: ResultReport): string[] {
  const keys = [`call ${r.callId}`];
  if (r.numberId !== undefined) keys.push(`id ${r.numberId}`);
  if (r.phone !== undefined) {
    const n = normalizePhone(r.phone, ctx.company.default_country);
    if (n.ok) keys.push(`phone ${n.phone}`);
  }
  return keys;
}

/** The recorder inside a transaction that also writes rows of its own (the inbound call service). */
export interface Recorder {
  /** the recording's transaction, for the caller's own rows */
  tx: Queries;
  record(report: ResultReport): Promise<RecordedResult>;
  updateInbound(update: InboundResultUpdate): Promise<void>;
}

/**
 * Runs `fn` in one transaction with the recorder at hand: results it records or updates commit with
 * whatever else `fn` writes (through `recorder.tx`), and the caches and the console hear of them once
 * the whole is durable. Nothing but the database may be awaited inside `fn`.
 */
export async function withRecorder<T>(core: Core, companyId: number, fn: (recorder: Recorder) => Promise<T>): Promise<T> {
  const effects: ResultEffects[] = [];
  let balance = 0;
  const [value, recorded] = await inRecording(core, companyId, async (ctx) => {
    const out = await fn({
      tx: ctx.q,
      async record(report) {
        const one = await recordOne(ctx, report);
        if (one.effects) effects.push(one.effects);
        return one.answer;
      },
      async updateInbound(update) {
        const e = await updateInboundOne(ctx, update);
        if (e) effects.push(e);
      },
    });
    balance = ctx.charges.balance;
    return out;
  });
  afterCommit(core, recorded, effects, balance, {});
  return value;
}

/**
 * One transaction of the recorder: the company read once, then `fn`, then what the results wrote in
 * memory (their charges and rollup cells) before the commit. Every recording goes through here, so
 * nothing is left unwritten.
 */
/** Which company the transaction recorded for, as it read it: the console's wallet event names its currency. */
interface Recorded {
  companyId: number;
  currency: string;
}

async function inRecording<T>(core: Core, companyId: number, fn: (ctx: RecordContext) => Promise<T>): Promise<[T, Recorded]> {
  // a caller the pool does not know is written with its zones' id, read from memory inside the transaction
  await phoneZonesReady(core.db);
  return core.db.transaction(async (tx) => {
    const company = await lockedCompany(tx, companyId);
    const ctx: RecordContext = {
      q: tx,
      db: core.db,
      company,
      charges: new CallCharges(company.id, company.wallet_balance),
      rollup: new RollupBatch(),
      now: core.clock(),
      scenarioIds: new Map(),
      checkedLines: new Set(),
      checkedAgents: new Set(),
      retries: tx.engine === 'postgres' ? new Map() : undefined,
      reattempts: tx.engine === 'postgres' ? new Map() : undefined,
    };
    const value = await fn(ctx);
    await flushRetries(ctx);
    await ctx.charges.flush(tx, ctx.now);
    await ctx.rollup.flush(tx);
    return [value, { companyId: company.id, currency: company.currency }];
  });
}

/** Caches, the dialer registry and the console's events learn of the results once they are durable. */
export function afterCommit(core: Core, recorded: Recorded, effects: ResultEffects[], walletBalance: number, options: RecordOptions): void {
  const { companyId } = recorded;
  if (effects.length === 0) return;
  const { db } = core;
  poolWritten(db, {
    dialed: { companyId, numberIds: effects.filter((e) => e.dialed && e.numberId !== null).map((e) => e.numberId!) },
    statuses: effects.filter((e) => e.newStatus !== null && e.numberId !== null).map((e) => ({ id: e.numberId!, status: e.newStatus! })),
    // ended leases (and, with a zero cooldown, called numbers) may be another company's to dial now
    poolGrew: true,
  });

  const byDialer = new Map<string, number>();
  for (const e of effects) {
    const who = e.dialerId ?? options.dialerId;
    if (who) byDialer.set(who, (byDialer.get(who) ?? 0) + 1);
  }
  for (const [dialerId, count] of byDialer) dialerRegistry(core).sawResults(companyId, dialerId, options.address ?? 'local', count);

  for (const e of effects) {
    core.events.emit('result.reported', {
      companyId,
      resultId: e.resultId,
      status: e.status,
      direction: e.direction,
      charged: e.charged,
      at: toIso(e.startedAt),
    });
  }
  if (effects.some((e) => e.charged !== 0)) {
    core.events.emit('wallet.changed', { companyId, balance: walletBalance, currency: recorded.currency });
  }
}
