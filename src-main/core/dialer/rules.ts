import type { BlockedReason } from '../../../src-shared/contract/dialer';
import { prepare, type Db } from '../db/connection';
import type { CompanyRow } from '../db/schema';
import { costOfOneCall } from '../billing/charge';
import { openState } from '../schedule/open';
import { activePause } from '../pause/pause';

/** What a dialer needs to place the calls of a batch: scenarios, caller IDs and where to route. */
export interface Routing {
  activeScenarios: { id: number; key: string; name: string }[];
  outboundLines: { id: number; phone: string; name: string }[];
  inboundAgents: { id: number; name: string; extension: string }[];
  outboundAgents: { id: number; name: string; extension: string }[];
}

export function routingOf(db: Db, companyId: number): Routing {
  const agents = prepare(
    db.sqlite,
    'select id, name, extension, type from agents where company_id = ? and is_active = 1 order by name, id',
  ).all(companyId) as {
    id: number;
    name: string;
    extension: string;
    type: 'inbound' | 'outbound';
  }[];
  return {
    activeScenarios: prepare(db.sqlite, 'select id, key, name from scenarios where company_id = ? and is_active = 1 order by name, id').all(
      companyId,
    ) as Routing['activeScenarios'],
    outboundLines: prepare(
      db.sqlite,
      'select id, phone, name from outbound_lines where company_id = ? and is_active = 1 order by name, id',
    ).all(companyId) as Routing['outboundLines'],
    inboundAgents: agents.filter((a) => a.type === 'inbound').map(({ id, name, extension }) => ({ id, name, extension })),
    outboundAgents: agents.filter((a) => a.type === 'outbound').map(({ id, name, extension }) => ({ id, name, extension })),
  };
}

export interface Blocked {
  reason: BlockedReason;
  /** when the schedule opens next (outside_schedule only) */
  nextOpenAt: number | null;
}

/**
 * The company-level dialing rules of DESIGN.md §3, in the order a supervisor would fix them:
 * switched off, paused, outside hours, nothing to run, no money. Number-level rules are the lease query's.
 */
export function companyBlock(db: Db, company: CompanyRow, routing: Routing, now: number): Blocked | null {
  if (company.is_active !== 1) return { reason: 'company_inactive', nextOpenAt: null };
  // stopped on purpose, by the company's people or the site's owner: leases already out run to their end
  if (activePause(db, company.id)) return { reason: 'paused', nextOpenAt: null };
  const hours = openState(db, company.id, company.timezone, now);
  if (!hours.open) return { reason: 'outside_schedule', nextOpenAt: hours.nextOpenAt };
  if (routing.activeScenarios.length === 0) return { reason: 'no_active_scenarios', nextOpenAt: null };
  if (company.wallet_balance < costOfOneCall(company)) return { reason: 'insufficient_balance', nextOpenAt: null };
  return null;
}
