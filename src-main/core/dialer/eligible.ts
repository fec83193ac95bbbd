import { prepare, type Db } from '../db/connection';
import type { CompanyRow } from '../db/schema';
import { openZoneIds } from './callee-hours';
import { getDialingSettings } from './dialing-settings';

/**
 * The number-level rules of one company's lease, read from SQL at the start of the lease and handed
 * to every lease query as named parameters. The rules themselves live in the SQL below; the leasing
 * caches only choose which ids to ask about.
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

export function numberRulesFor(db: Db, company: CompanyRow, now: number, cooldownCutoff: number): NumberRules {
  const closedLists = prepare(
    db.sqlite,
    `select id from number_lists where company_id is not null and company_id <> ?
     union select list_id from list_switches where company_id = ? and is_active = 0`,
  )
    .pluck()
    .all(company.id, company.id) as number[];
  const companyDnc = prepare(db.sqlite, 'select exists (select 1 from dnc_entries where coalesce(company_id, 0) = ?)')
    .pluck()
    .get(company.id) as number;
  const dialing = getDialingSettings(db, company.id);
  return {
    companyId: company.id,
    now,
    cooldownCutoff,
    closedLists: closedLists.sort((a, b) => a - b),
    companyDnc: companyDnc === 1,
    openZones: dialing.calleeLocalHours ? openZoneIds(db, company, dialing.ambiguousZones, now) : null,
  };
}

/** The parameters every query built by `rulesSql` takes. */
export function ruleParams(r: NumberRules): Record<string, string | number> {
  return {
    company: r.companyId,
    now: r.now,
    cutoff: r.cooldownCutoff,
    closed: JSON.stringify(r.closedLists),
    zones: JSON.stringify(r.openZones ?? []),
  };
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
export function rulesSql(r: NumberRules): string {
  let sql = '';
  if (r.closedLists.length) {
    sql += `
    and (n.list_id is null or n.list_id not in (select value from json_each(@closed))
      or exists (select 1 from list_members m where m.number_id = n.id and m.list_id not in (select value from json_each(@closed))))`;
  }
  if (r.companyDnc)
    sql += `\n    and not exists (select 1 from dnc_entries d where coalesce(d.company_id, 0) = @company and d.phone = n.phone)`;
  if (r.openZones) sql += `\n    and (n.zone_id is null or n.zone_id in (select value from json_each(@zones)))`;
  return sql;
}

/** Runs a statement built with rulesSql, giving it only the parameters its text names. */
export function runRules<T>(db: Db, sql: string, params: Record<string, unknown>): T[] {
  const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
  return prepare(db.sqlite, sql).all(used) as T[];
}
