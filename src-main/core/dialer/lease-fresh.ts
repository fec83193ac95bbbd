import type { Db } from '../db/connection';
import { dialectOf, type Queries } from '../db/engine/queries';
import { companyScan, deadNumbers, excludedNumbers, type CompanyScan } from './pool-cache';
import { CANDIDATE_QUERY, claimRows, noIndex, rulesSql, type NumberRules } from './eligible';

export interface FreshNumber {
  numberId: number;
  phone: string;
}

/** ids checked in SQL per round trip */
const CHUNK = 1024;
/** ids checked per request at most, so one request never holds the thread for long */
const BUDGET = 16 * 1024;
/**
 * Without the cache (PostgreSQL, or SQLite with it off) no bitset says which ids are worth asking
 * about: SQL walks a range of ids itself, this many at most per round trip, and stops at the limit.
 * Sent as a list instead, a company that had dialed 90% of the pool took 7 round trips of 1,000 ids
 * for a batch of 500.
 */
const WINDOW = 8 * 1024;
/**
 * After a full lap found nothing, answer pool_exhausted without scanning for this long, or until
 * the next lease expires, whichever is first. (A cooldown ending, or a callee's zone opening, is
 * noticed up to this late.)
 */
const EXHAUSTED_RECHECK_MS = 2_000;

// every number-level rule, in SQL: the bitsets, when there are any, only decide which ids are worth
// asking about. Its parameters: the ids (a list, or the first and last of a range), then `rest` (the
// rules'), then the limit.
function eligibleSql(q: Queries, rules: NumberRules, ids: string): { sql: string; rest: unknown[] } {
  const where = rulesSql(q, rules);
  const sql = `
  select n.id as "numberId", n.phone from numbers n
  where ${ids}
    and ${noIndex(q)}n.global_status = 'active'
    and (n.last_called_at is null or n.last_called_at <= ?)
    and not exists (select 1 from leases l where l.number_id = n.id and l.expires_at > ?)
    and not exists (select 1 from company_calls c where c.company_id = ? and c.number_id = n.id)${where.sql}
  order by n.id limit ?${claimRows(q)}`;
  return { sql, rest: [rules.cooldownCutoff, rules.now, rules.companyId, ...where.params] };
}

/**
 * Numbers the company never called that it may dial now. Walks numbers.id from the company's cursor,
 * wrapping around once. With the cache, it asks SQL only about ids the company has not dialed, that are
 * not dead and that its lists and do-not-call list do not rule out; without it, about ranges of ids.
 * Numbers skipped for a cooldown or another company's lease are met again on the next lap.
 */
export async function freshNumbers(q: Queries, db: Db, rules: NumberRules, size: number, cooldownDays: number): Promise<FreshNumber[]> {
  const scan = await companyScan(q, db, rules.companyId);
  const maxId = (await q.value<number | null>('select max(id) from numbers')) ?? 0;
  if (maxId === 0) return [];
  // the lap that found nothing saw these rules: other lists, do-not-call or open zones mean look again
  const seen = JSON.stringify([maxId, cooldownDays, rules.closedLists, rules.companyDnc, rules.openZones]);
  if (scan.cached && rules.now < scan.exhaustedUntil && scan.exhaustedRules === seen) return [];
  const skip = [await deadNumbers(q, db), await excludedNumbers(q, db, rules.companyId, rules.closedLists)];
  const d = dialectOf(q);
  const listed = eligibleSql(q, rules, d.inIds('n.id'));
  const ranged = eligibleSql(q, rules, 'n.id between ? and ?');
  const picked: FreshNumber[] = [];
  const lapStart = scan.cursor + 1;
  let pos = lapStart;
  let wrapped = false;
  let lapDone = false;
  let examined = 0;
  // with the cache off every id goes to SQL, so the budget would stop a lap short of the numbers left
  const budget = scan.cached ? BUDGET : Infinity;
  while (picked.length < size && examined < budget) {
    const end = wrapped ? lapStart - 1 : maxId;
    if (pos > end) {
      if (wrapped) {
        lapDone = true;
        break;
      }
      wrapped = true;
      pos = 1;
      continue;
    }
    const need = size - picked.length;
    let last: number;
    let rows: FreshNumber[];
    // the ids come in order and the checks stop at the limit: ids past the last one taken are not checked
    if (scan.cached) {
      const ids: number[] = [];
      const want = Math.min(CHUNK, budget - examined, Math.max(64, need * 2));
      last = scan.dialed.collectAbsent(skip, pos, end, want, ids);
      examined += ids.length;
      rows = ids.length ? await q.all<FreshNumber>(listed.sql, [d.ids(ids), ...listed.rest, need], CANDIDATE_QUERY) : [];
    } else {
      last = Math.min(end, pos + WINDOW - 1);
      examined += last - pos + 1;
      rows = await q.all<FreshNumber>(ranged.sql, [pos, last, ...ranged.rest, need], CANDIDATE_QUERY);
    }
    if (rows.length === need) {
      picked.push(...rows);
      scan.cursor = rows[need - 1].numberId;
      break;
    }
    picked.push(...rows);
    scan.cursor = last;
    pos = last + 1;
  }
  await noteLap(q, scan, lapDone && picked.length === 0, rules.now, seen);
  return picked;
}

async function noteLap(q: Queries, scan: CompanyScan, foundNothing: boolean, now: number, seen: string): Promise<void> {
  if (!scan.cached || !foundNothing) {
    scan.exhaustedUntil = 0;
    return;
  }
  const nextExpiry = await q.value<number | null>('select min(expires_at) from leases where expires_at > ?', [now]);
  scan.exhaustedUntil = Math.min(now + EXHAUSTED_RECHECK_MS, nextExpiry ?? Infinity);
  scan.exhaustedRules = seen;
}
