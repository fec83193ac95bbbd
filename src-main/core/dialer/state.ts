import type { DialingBlock, DialingState } from '../../../src-shared/contract/dialer';
import { prepare, type Db } from '../db/connection';
import type { Core } from '../core';
import { getCompany } from '../companies/companies';
import { toIso, toIsoOrNull } from '../time';
import { companyBlock, routingOf, type Blocked } from './rules';

/**
 * What next-batch would answer a company's dialers right now, for the console: the company-level rules
 * (rules.ts companyBlock, the very function next-batch runs) and, when they let it dial, whether the
 * lease scan's last answer for the company found the pool empty. That answer stands until the pool
 * grows; a lease scan that finds numbers again clears it.
 */
export function dialingState(core: Core, companyId: number): DialingState {
  const now = core.clock();
  return { companyId, blocked: toBlock(liveBlock(core, companyId, now)), at: toIso(now) };
}

export function liveBlock(core: Core, companyId: number, now: number): Blocked | null {
  const { db } = core;
  const company = getCompany(db, companyId);
  const rules = companyBlock(db, company, routingOf(db, company.id), now);
  if (rules) return rules;
  const scan = lastScans(core).get(companyId);
  if (scan?.exhausted && scan.maxId === maxNumberId(db)) return { reason: 'pool_exhausted', nextOpenAt: null };
  return null;
}

export const toBlock = (b: Blocked | null): DialingBlock | null => b && { reason: b.reason, nextOpenAt: toIsoOrNull(b.nextOpenAt) };

/** The lease scan's last answer for a company: whether it found nothing, and how big the pool was then. */
interface LastScan {
  exhausted: boolean;
  maxId: number;
}

const scans = new WeakMap<Core, Map<number, LastScan>>();
function lastScans(core: Core): Map<number, LastScan> {
  let m = scans.get(core);
  if (!m) scans.set(core, (m = new Map()));
  return m;
}

/** next-batch tells it what its lease scan found (nothing: pool_exhausted), once the company's rules let it scan. */
export function sawLeaseScan(core: Core, companyId: number, exhausted: boolean): void {
  lastScans(core).set(companyId, { exhausted, maxId: exhausted ? maxNumberId(core.db) : 0 });
}

function maxNumberId(db: Db): number {
  return (prepare(db.sqlite, 'select max(id) from numbers').pluck().get() as number | null) ?? 0;
}
