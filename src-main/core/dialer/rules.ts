import type { BlockedReason } from '../../../src-shared/contract/dialer';
import type { Queries } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import { costOfOneCall } from '../billing/charge';
import { companyOpenState, type OpenState } from '../schedule/open';
import { activePause } from '../pause/pause';

/** What a dialer needs to place the calls of a batch: scenarios, caller IDs and where to route. */
export interface Routing {
  activeScenarios: { id: number; key: string; name: string }[];
  outboundLines: { id: number; phone: string; name: string }[];
  inboundAgents: { id: number; name: string; extension: string }[];
  outboundAgents: { id: number; name: string; extension: string }[];
}

export async function routingOf(q: Queries, companyId: number): Promise<Routing> {
  if (q.engine === 'postgres') return routingInOne(q, companyId);
  const agents = await q.all<{ id: number; name: string; extension: string; type: 'inbound' | 'outbound' }>(
    'select id, name, extension, type from agents where company_id = ? and is_active = 1 order by name, id',
    [companyId],
  );
  return {
    activeScenarios: await q.all<Routing['activeScenarios'][number]>(
      'select id, key, name from scenarios where company_id = ? and is_active = 1 order by name, id',
      [companyId],
    ),
    outboundLines: await q.all<Routing['outboundLines'][number]>(
      'select id, phone, name from outbound_lines where company_id = ? and is_active = 1 order by name, id',
      [companyId],
    ),
    inboundAgents: agents.filter((a) => a.type === 'inbound').map(({ id, name, extension }) => ({ id, name, extension })),
    outboundAgents: agents.filter((a) => a.type === 'outbound').map(({ id, name, extension }) => ({ id, name, extension })),
  };
}

const jsonList = (fields: string[], table: string) =>
  `(select coalesce(json_agg(json_build_object(${fields.map((f) => `'${f}', ${f}`).join(', ')}) order by name, id), '[]')
    from ${table} where company_id = ? and is_active = 1)`;

/** PostgreSQL: each statement is a round trip, so the three lists come in one (same filters, same order). */
async function routingInOne(q: Queries, companyId: number): Promise<Routing> {
  type Agent = { id: number; name: string; extension: string; type: 'inbound' | 'outbound' };
  const row = (await q.get<{ scenarios: Routing['activeScenarios']; lines: Routing['outboundLines']; agents: Agent[] }>(
    `select ${jsonList(['id', 'key', 'name'], 'scenarios')} as scenarios, ${jsonList(['id', 'phone', 'name'], 'outbound_lines')} as lines,
       ${jsonList(['id', 'name', 'extension', 'type'], 'agents')} as agents`,
    [companyId, companyId, companyId],
  ))!;
  const pick = (type: Agent['type']) =>
    row.agents.filter((a) => a.type === type).map(({ id, name, extension }) => ({ id, name, extension }));
  return { activeScenarios: row.scenarios, outboundLines: row.lines, inboundAgents: pick('inbound'), outboundAgents: pick('outbound') };
}

export interface Blocked {
  reason: BlockedReason;
  /** when the schedule opens next (outside_schedule only) */
  nextOpenAt: number | null;
}

/**
 * The company-level dialing rules of DESIGN.md §3, in the order a supervisor would fix them:
 * switched off, paused, outside hours, nothing to run, no money. Number-level rules are the lease query's.
 * The pause and the schedule are read through `q` (next-batch's transaction).
 */
export async function companyBlock(q: Queries, company: CompanyRow, routing: Routing, now: number): Promise<Blocked | null> {
  if (company.is_active !== 1) return { reason: 'company_inactive', nextOpenAt: null };
  const paused = (await activePause(q, company.id)) !== null;
  return blockOf(company, paused, () => companyOpenState(q, company.id, company.timezone, now), routing.activeScenarios.length > 0);
}

/** The rules of companyBlock on what was read (the schedule only when the earlier rules let the company dial). */
export async function blockOf(
  company: CompanyRow,
  paused: boolean,
  hoursNow: () => Promise<OpenState>,
  hasScenarios: boolean,
): Promise<Blocked | null> {
  if (company.is_active !== 1) return { reason: 'company_inactive', nextOpenAt: null };
  // stopped on purpose, by the company's people or the site's owner: leases already out run to their end
  if (paused) return { reason: 'paused', nextOpenAt: null };
  const hours = await hoursNow();
  if (!hours.open) return { reason: 'outside_schedule', nextOpenAt: hours.nextOpenAt };
  if (!hasScenarios) return { reason: 'no_active_scenarios', nextOpenAt: null };
  if (company.wallet_balance < costOfOneCall(company)) return { reason: 'insufficient_balance', nextOpenAt: null };
  return null;
}
