import { dialectOf, type Queries } from '../db/engine/queries';
import { CANDIDATE_QUERY, claimRows, noIndex, rulesSql, type NumberRules } from './eligible';

export interface RecycledNumber {
  numberId: number;
  phone: string;
}

/** a retry found not dialable now is looked at again this much later (a cooldown, another company's lease, closed hours) */
export const RECHECK_MS = 10 * 60_000;
/** due retries looked at per lease, at most: a lease's cost does not grow with the queue */
const CANDIDATES = 2048;

/**
 * Numbers due for a retry under the company's recycling rules (DESIGN.md §8), oldest due first. The
 * queue (recycles) only says where to look; the rules are checked here, in SQL, on the company's own
 * call record: the rule for the last status it got is on, it has retries left, its delay has passed
 * since the call; the number is active, not leased, out of the global cooldown unless the rule makes
 * the retry the company's own attempt and the company made the last call; and the list, do-not-call
 * and callee-hours rules hold. The company's dedup is what recycling lifts.
 *
 * Retries looked at and found not dialable are moved back RECHECK_MS (or dropped when they can never
 * be dialed again), so the front of the queue is always worth reading.
 */
export async function dueRecycled(q: Queries, rules: NumberRules, size: number): Promise<RecycledNumber[]> {
  const d = dialectOf(q);
  const { companyId, now } = rules;
  const candidates = await q.column<number>('select number_id from recycles where company_id = ? and due_at <= ? order by due_at limit ?', [
    companyId,
    now,
    Math.min(CANDIDATES, size * 2 + 64),
  ]);
  if (candidates.length === 0) return [];
  const where = rulesSql(q, rules);
  const eligible = await q.all<RecycledNumber>(
    `
  select n.id as "numberId", n.phone from numbers n
  join company_calls cc on cc.company_id = ? and cc.number_id = n.id
  join recycle_rules rr on rr.company_id = ? and rr.status = cc.last_status and rr.is_active = 1
  where ${d.inIds('n.id')}
    and cc.attempts <= rr.max_retries
    and cc.last_called_at + rr.delay_minutes * 60000 <= ?
    and ${noIndex(q)}n.global_status = 'active'
    and (n.last_called_at is null or n.last_called_at <= ? or (rr.own_attempt = 1 and n.last_called_company_id = ?))
    and not exists (select 1 from leases l where l.number_id = n.id and l.expires_at > ?)${where.sql}
  order by n.id${claimRows(q)}`,
    [companyId, companyId, d.ids(candidates), now, rules.cooldownCutoff, companyId, now, ...where.params],
    CANDIDATE_QUERY,
  );
  const order = new Map(candidates.map((id, i) => [id, i]));
  const picked = eligible.sort((a, b) => order.get(a.numberId)! - order.get(b.numberId)!).slice(0, size);
  if (eligible.length < candidates.length) {
    const dialable = new Set(eligible.map((n) => n.numberId));
    const stale = d.ids(candidates.filter((id) => !dialable.has(id)));
    await q.run(neverAgain(q), [companyId, stale, stale]);
    await q.run(`update recycles set due_at = ? where company_id = ? and ${d.inIds('number_id')}`, [now + RECHECK_MS, companyId, stale]);
  }
  return picked;
}

// a retry whose number is dead for everyone, or whose rule is gone, off or used up, never comes back
const neverAgain = (q: Queries) => `
  delete from recycles where company_id = ? and ${dialectOf(q).inIds('number_id')} and (
    number_id in (select id from numbers where ${dialectOf(q).inIds('id')} and global_status <> 'active')
    or not exists (
      select 1 from company_calls cc join recycle_rules rr on rr.company_id = cc.company_id and rr.status = cc.last_status
      where cc.company_id = recycles.company_id and cc.number_id = recycles.number_id and rr.is_active = 1 and cc.attempts <= rr.max_retries))`;
