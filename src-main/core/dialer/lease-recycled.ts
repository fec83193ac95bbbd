import { prepare, type Db } from '../db/connection';
import { ruleParams, rulesSql, runRules, type NumberRules } from './eligible';

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
export function dueRecycled(db: Db, rules: NumberRules, size: number): RecycledNumber[] {
  const candidates = prepare(db.sqlite, 'select number_id from recycles where company_id = ? and due_at <= ? order by due_at limit ?')
    .pluck()
    .all(rules.companyId, rules.now, Math.min(CANDIDATES, size * 2 + 64)) as number[];
  if (candidates.length === 0) return [];
  const ids = JSON.stringify(candidates);
  const eligible = runRules<RecycledNumber>(db, recycledSql(rules), { ...ruleParams(rules), ids });
  const order = new Map(candidates.map((id, i) => [id, i]));
  const picked = eligible.sort((a, b) => order.get(a.numberId)! - order.get(b.numberId)!).slice(0, size);
  if (eligible.length < candidates.length) {
    const dialable = new Set(eligible.map((n) => n.numberId));
    const stale = JSON.stringify(candidates.filter((id) => !dialable.has(id)));
    prepare(db.sqlite, NEVER_AGAIN).run(rules.companyId, stale, stale);
    prepare(db.sqlite, 'update recycles set due_at = ? where company_id = ? and number_id in (select value from json_each(?))').run(
      rules.now + RECHECK_MS,
      rules.companyId,
      stale,
    );
  }
  return picked;
}

const recycledSql = (rules: NumberRules) => `
  select n.id as numberId, n.phone from numbers n
  join company_calls cc on cc.company_id = @company and cc.number_id = n.id
  join recycle_rules rr on rr.company_id = @company and rr.status = cc.last_status and rr.is_active = 1
  where n.id in (select value from json_each(@ids))
    and cc.attempts <= rr.max_retries
    and cc.last_called_at + rr.delay_minutes * 60000 <= @now
    and +n.global_status = 'active'
    and (n.last_called_at is null or n.last_called_at <= @cutoff or (rr.own_attempt = 1 and n.last_called_company_id = @company))
    and not exists (select 1 from leases l where l.number_id = n.id and l.expires_at > @now)${rulesSql(rules)}
  order by n.id`;

// a retry whose number is dead for everyone, or whose rule is gone, off or used up, never comes back
const NEVER_AGAIN = `
  delete from recycles where company_id = ? and number_id in (select value from json_each(?)) and (
    number_id in (select id from numbers where id in (select value from json_each(?)) and global_status <> 'active')
    or not exists (
      select 1 from company_calls cc join recycle_rules rr on rr.company_id = cc.company_id and rr.status = cc.last_status
      where cc.company_id = recycles.company_id and cc.number_id = recycles.number_id and rr.is_active = 1 and cc.attempts <= rr.max_retries))`;
