import type { DialingBlock, DialingState } from '../../../src-shared/contract/dialer';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import { companyOf } from '../companies/companies';
import { toIso, toIsoOrNull } from '../time';
import { companyBlock, routingOf, type Blocked } from './rules';

/**
 * What next-batch would answer a company's dialers right now, for the console: the company-level rules
 * (rules.ts companyBlock, the very function next-batch runs) and, when they let it dial, whether the
 * lease scan's last answer for the company found the pool empty. That answer stands until the pool
 * grows; a lease scan that finds numbers again clears it.
 */
export async function dialingState(core: Core, companyId: number): Promise<DialingState> {
  const now = core.clock();
  return { companyId, blocked: toBlock(await liveBlock(core, companyId, now)), at: toIso(now) };
}

export async function liveBlock(core: Core, companyId: number, now: number): Promise<Blocked | null> {
  const { db } = core;
  const company = await companyOf(db, companyId);
  const rules = await companyBlock(db, company, await routingOf(db, company.id), now);
  if (rules) return rules;
  const scan = lastScans(core).get(companyId);
  if (scan?.exhausted && scan.maxId === (await maxNumberId(db))) return { reason: 'pool_exhausted', nextOpenAt: null };
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

/**
 * next-batch tells it what its lease scan found (nothing: pool_exhausted), once the company's rules let
 * it scan; `maxId` is the pool's size then, read in the lease's transaction when it found nothing.
 */
export function sawLeaseScan(core: Core, companyId: number, exhausted: boolean, maxId: number): void {
  lastScans(core).set(companyId, { exhausted, maxId: exhausted ? maxId : 0 });
}

export async function maxNumberId(q: Queries): Promise<number> {
  return (await q.value<number | null>('select max(id) from numbers')) ?? 0;
}
