import type { Core } from '../core';
import { AppError } from '../errors';
import { getCompany } from '../companies/companies';
import { CallCharges } from '../billing/wallet';
import { RollupBatch } from '../stats/rollup';
import { poolWritten } from '../dialer/pool-cache';
import { dialerRegistry } from '../dialer/registry';
import { toIso } from '../time';
import { recordOne, type RecordContext } from './record-one';
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
  const { answer, effects } = await inRecording(core, companyId, (ctx) => recordOne(ctx, report));
  afterCommit(core, companyId, effects ? [effects] : [], answer.walletBalance, options);
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
  const { outcomes, effects, walletBalance } = await inRecording(core, companyId, (ctx) => {
    const effects: ResultEffects[] = [];
    const outcomes = reports.map((report): ResultOutcome => {
      try {
        const one = recordOne(ctx, report);
        if (one.effects) effects.push(one.effects);
        return { ok: true, ...one.answer };
      } catch (err) {
        // recordOne refuses before its first write, so the others' work stands as it is
        if (err instanceof AppError) return { ok: false, error: err };
        throw err;
      }
    });
    return { outcomes, effects, walletBalance: ctx.charges.balance };
  });
  afterCommit(core, companyId, effects, walletBalance, options);
  return { outcomes, walletBalance };
}

/** The recorder inside a transaction that also writes rows of its own (the inbound call service). */
export interface Recorder {
  record(report: ResultReport): RecordedResult;
  updateInbound(update: InboundResultUpdate): void;
}

/**
 * Runs `fn` in one transaction with the recorder at hand: results it records or updates commit with
 * whatever else `fn` writes, and the caches and the console hear of them once the whole is durable.
 * `fn` is synchronous: nothing but the database may be awaited inside a transaction.
 */
export async function withRecorder<T>(core: Core, companyId: number, fn: (recorder: Recorder) => T): Promise<T> {
  const effects: ResultEffects[] = [];
  let balance = 0;
  const value = await inRecording(core, companyId, (ctx) => {
    const out = fn({
      record(report) {
        const one = recordOne(ctx, report);
        if (one.effects) effects.push(one.effects);
        return one.answer;
      },
      updateInbound(update) {
        const e = updateInboundOne(ctx, update);
        if (e) effects.push(e);
      },
    });
    balance = ctx.charges.balance;
    return out;
  });
  afterCommit(core, companyId, effects, balance, {});
  return value;
}

/**
 * One transaction of the recorder: the company read once, then `fn`, then what the results wrote in
 * memory (their charges and rollup cells) before the commit. Every recording goes through here, so
 * nothing is left unwritten.
 */
function inRecording<T>(core: Core, companyId: number, fn: (ctx: RecordContext) => T): Promise<T> {
  // the recorder's statements still run on the raw connection, inside this transaction
  return core.db.transaction(async () => {
    const company = getCompany(core.db, companyId);
    const ctx: RecordContext = {
      db: core.db,
      company,
      charges: new CallCharges(company.id, company.wallet_balance),
      rollup: new RollupBatch(),
      now: core.clock(),
      scenarioIds: new Map(),
      checkedLines: new Set(),
      checkedAgents: new Set(),
    };
    const value = fn(ctx);
    ctx.charges.flush(core.db, ctx.now);
    ctx.rollup.flush(core.db);
    return value;
  });
}

/** Caches, the dialer registry and the console's events learn of the results once they are durable. */
export function afterCommit(core: Core, companyId: number, effects: ResultEffects[], walletBalance: number, options: RecordOptions): void {
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
    const company = getCompany(db, companyId);
    core.events.emit('wallet.changed', { companyId, balance: walletBalance, currency: company.currency });
  }
}
