import type { Alert } from '../../../src-shared/contract/alerts';
import type { CompanyRow } from '../db/schema';
import type { Core } from '../core';
import { findCompany } from '../companies/companies';
import { costOfOneCall } from '../billing/charge';
import { dialerRegistry } from '../dialer/registry';
import { poolCounts } from '../numbers/pool';
import { companyOpenState } from '../schedule/open';
import { HOUR_MS } from '../time-zone';

/**
 * The console's alerts: one function per kind, each answering the alerts of one company now. A new
 * kind is one more function in ALERT_CHECKS (and a sentence in the console's languages).
 */
export type AlertCheck = (core: Core, company: CompanyRow, now: number) => Alert[] | Promise<Alert[]>;

/** A dialer unheard of for this long while its company is open has gone silent (it asks every few seconds when at work). */
export const SILENT_AFTER_MS = 5 * 60_000;
/** ...until this long, after which it is taken as switched off for good (until it calls in again). */
const SILENT_FORGOTTEN_MS = 24 * HOUR_MS;
/** The pool is running low when fewer numbers are left than the company dialed in this long. */
export const POOL_LOW_WITHIN_MS = 24 * HOUR_MS;
/** Counting what a company may still dial reads the whole pool: at most once this often per company. */
const POOL_COUNT_EVERY_MS = 60_000;

/** Fewer numbers left to dial than the last day's pace; none left at all is critical. */
export const poolLow: AlertCheck = async (core, company, now) => {
  if (company.is_active !== 1) return [];
  const available = await availableNow(core, company.id, now);
  const dialedLastDay =
    (await core.db.value<number>(
      "select coalesce(sum(calls), 0) from call_stats_by_status where company_id = ? and bucket >= ? and status <> 'INBOUND_CALL'",
      [company.id, now - POOL_LOW_WITHIN_MS],
    )) ?? 0;
  if (available > 0 && available >= dialedLastDay) return [];
  // an idle company with numbers left is not short of them
  if (available > 0 && dialedLastDay === 0) return [];
  return [
    {
      id: `pool_low:${company.id}`,
      kind: 'pool_low',
      companyId: company.id,
      severity: available === 0 ? 'critical' : 'warning',
      params: { available, dialedLastDay },
    },
  ];
};

/** A dialer that was at work and has not asked for numbers or reported for a while, during opening hours. */
export const dialerSilent: AlertCheck = async (core, company, now) => {
  if (company.is_active !== 1 || !(await companyOpenState(core.db, company.id, company.timezone, now)).open) return [];
  return (await dialerRegistry(core).list(company.id))
    .filter((d) => {
      const quiet = now - Date.parse(d.lastSeenAt);
      return quiet >= SILENT_AFTER_MS && quiet < SILENT_FORGOTTEN_MS;
    })
    .map((d) => ({
      id: `dialer_silent:${company.id}:${d.dialerId}`,
      kind: 'dialer_silent' as const,
      companyId: company.id,
      severity: 'warning' as const,
      params: { dialerId: d.dialerId, lastSeenAt: d.lastSeenAt },
    }));
};

/** Below the company's warning level; unable to pay for one more call (dialing has stopped) is critical. */
export const walletLow: AlertCheck = (_core, company) => {
  const price = costOfOneCall(company);
  const empty = price > 0 && company.wallet_balance < price;
  const low = company.low_balance_threshold > 0 && company.wallet_balance < company.low_balance_threshold;
  if (!empty && !low) return [];
  return [
    {
      id: `wallet_low:${company.id}`,
      kind: 'wallet_low',
      companyId: company.id,
      severity: empty ? 'critical' : 'warning',
      params: { balance: company.wallet_balance, threshold: company.low_balance_threshold, currency: company.currency },
    },
  ];
};

/**
 * Every kind, in the order they are shown within a severity.
 * Callbacks due (DESIGN.md §8): plug the callbacks' "due callbacks" function in here as one more
 * AlertCheck answering kind 'callbacks_due' with params { due } (the console already words it).
 */
export const ALERT_CHECKS: AlertCheck[] = [walletLow, poolLow, dialerSilent];

/** The alerts of the given companies now, critical first. */
export async function alertsFor(core: Core, companyIds: readonly number[]): Promise<Alert[]> {
  const now = core.clock();
  const out: Alert[] = [];
  for (const id of companyIds) {
    const company = await findCompany(core.db, id);
    if (!company) continue;
    for (const check of ALERT_CHECKS) out.push(...(await check(core, company, now)));
  }
  return out.sort((a, b) => Number(b.severity === 'critical') - Number(a.severity === 'critical'));
}

const counted = new WeakMap<Core, Map<number, { at: number; available: number }>>();

async function availableNow(core: Core, companyId: number, now: number): Promise<number> {
  let cache = counted.get(core);
  if (!cache) counted.set(core, (cache = new Map()));
  const hit = cache.get(companyId);
  if (hit && now - hit.at < POOL_COUNT_EVERY_MS && now >= hit.at) return hit.available;
  const available = (await poolCounts(core, companyId)).availableNow ?? 0;
  cache.set(companyId, { at: now, available });
  return available;
}
