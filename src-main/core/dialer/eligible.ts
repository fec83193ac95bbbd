import type { Db } from '../db/connection';
import { dialectOf, type Queries, type StatementOptions } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import { openZoneIds } from './callee-hours';
import type { DialingSettings } from '../../../src-shared/contract/lifecycle';
import type { AmbiguousZones } from '../db/schema';
import { dialingSettingsOf } from './dialing-settings';

/**
 * The number-level rules of one company's lease, read from SQL at the start of the lease and handed
 * to every lease query as parameters. The rules themselves live in the SQL below; the leasing caches
 * only choose which ids to ask about.
 */
export interface NumberRules {
  companyId: number;
  now: number;
  /** a number called at or before this instant is out of the global cooldown */
  cooldownCutoff: number;
  /** lists whose numbers the company may not dial (another company's, or switched off by it) */
  closedLists: number[];
  /** the company has a do-not-call list of its own */
  companyDnc: boolean;
  /** zone answers open on the callee's clock; null: the company dials on its own hours only */
  openZones: number[] | null;
}

/**
 * `db` keys the callee-hours cache; the rules are read through `q`, the lease's transaction. (The
 * company's schedule is still read by the synchronous schedule reader, inside the same transaction.)
 */
export async function numberRulesFor(q: Queries, db: Db, company: CompanyRow, now: number, cooldownCutoff: number): Promise<NumberRules> {
  const read = q.engine === 'postgres' ? await listRulesInOne(q, company.id) : await listRulesOneByOne(q, company.id);
  return {
    companyId: company.id,
    now,
    cooldownCutoff,
    closedLists: read.closedLists.sort((a, b) => a - b),
    companyDnc: read.companyDnc,
    openZones: read.dialing.calleeLocalHours ? await openZoneIds(q, db, company, read.dialing.ambiguousZones, now) : null,
  };
}

interface ListRules {
  closedLists: number[];
  companyDnc: boolean;
  dialing: DialingSettings;
}

const CLOSED_LISTS = `select id from number_lists where company_id is not null and company_id <> ?
  union select list_id from list_switches where company_id = ? and is_active = 0`;
const COMPANY_DNC = 'select exists (select 1 from dnc_entries where coalesce(company_id, 0) = ?)';

/** SQLite: three prepared point reads, microseconds each. */
async function listRulesOneByOne(q: Queries, companyId: number): Promise<ListRules> {
  return {
    closedLists: await q.column<number>(CLOSED_LISTS, [companyId, companyId]),
    companyDnc: Number(await q.value<number>(COMPANY_DNC, [companyId])) === 1,
    dialing: await dialingSettingsOf(q, companyId),
  };
}

/** PostgreSQL: each statement is a round trip, so the same three reads go as one. */
async function listRulesInOne(q: Queries, companyId: number): Promise<ListRules> {
  const row = (await q.get<{ closed: (string | number)[] | null; dnc: boolean; local: number | null; ambiguous: AmbiguousZones | null }>(
    `select (select array_agg(id) from (${CLOSED_LISTS}) c) as closed, (${COMPANY_DNC}) as dnc,
       d.callee_local_hours as local, d.ambiguous_zones as ambiguous
     from (select 1) one left join company_dialing d on d.company_id = ?`,
    [companyId, companyId, companyId, companyId],
  ))!;
  return {
    closedLists: (row.closed ?? []).map(Number),
    companyDnc: row.dnc === true,
    dialing: { companyId, calleeLocalHours: row.local === 1, ambiguousZones: row.ambiguous ?? 'strictest' },
  };
}

/**
 * SQLite's unary `+` on a column keeps its planner off that column's index (here: onto the primary key,
 * one lookup an id, rather than the status index plus a second lookup for the row), as the lease
 * queries were tuned. PostgreSQL has no such hint and no `+` on text; its planner picks its own.
 */
export const noIndex = (q: Queries): string => (q.engine === 'sqlite' ? '+' : '');

/**
 * On PostgreSQL, the end of every lease's candidate query: the numbers rows it returns are held until
 * the lease commits, and rows another desk's lease holds are passed over, not waited for. The company
 * row lock (lockedCompany) serialises one company's leases, but the pool is shared: without this, desks
 * leasing for two companies at once read the same free numbers, the loser's upsert keeps the winner's
 * leases, and its batch came back short. NO KEY UPDATE, not UPDATE: the recorder's foreign-key checks
 * on numbers (KEY SHARE) neither wait for a lease nor are skipped by one. On SQLite the IMMEDIATE
 * transaction holds the file, and the statement stays as its query plans were tuned.
 */
export const claimRows = (q: Queries): string => (q.engine === 'postgres' ? '\n  for no key update of n skip locked' : '');

/**
 * How the candidate queries run: planned at each run on PostgreSQL, since the leases they test against
 * grow and shrink by thousands of rows between two ANALYZEs (StatementOptions.planEachRun).
 */
export const CANDIDATE_QUERY: StatementOptions = { planEachRun: true };

/** A piece of a WHERE clause and its parameters, in the order its `?` appear. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * The list, do-not-call and callee-hours rules, on the numbers row `n`. Only the rules that can refuse
 * anything for this company are in the statement (each variant is prepared once and cached):
 * - a number is the company's to dial while it is on no list, or its first list is open to it, or it
 *   is on another list that is open to it;
 * - never while its phone is on the company's own do-not-call list (the site's list marks numbers
 *   complained, which every query already refuses);
 * - with callee-local hours on, only while its zones are inside the company's window on their own
 *   clock (a number not looked up yet follows the company's own hours, already checked).
 */
export function rulesSql(q: Queries, r: NumberRules): SqlPart {
  const d = dialectOf(q);
  let sql = '';
  const params: unknown[] = [];
  if (r.closedLists.length) {
    sql += `
    and (n.list_id is null or not (${d.inIds('n.list_id')})
      or exists (select 1 from list_members m where m.number_id = n.id and not (${d.inIds('m.list_id')})))`;
    params.push(d.ids(r.closedLists), d.ids(r.closedLists));
  }
  if (r.companyDnc) {
    sql += `\n    and not exists (select 1 from dnc_entries d where coalesce(d.company_id, 0) = ? and d.phone = n.phone)`;
    params.push(r.companyId);
  }
  if (r.openZones) {
    sql += `\n    and (n.zone_id is null or ${d.inIds('n.zone_id')})`;
    params.push(d.ids(r.openZones));
  }
  return { sql, params };
}
