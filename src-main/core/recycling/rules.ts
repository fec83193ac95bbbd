import type { RecycleRuleDto, RecycleRuleSave, RecyclableStatus } from '../../../src-shared/contract/lifecycle';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';
import { companyOf } from '../companies/companies';
import { poolWritten } from '../dialer/pool-cache';
import { toIso } from '../time';

/**
 * A company's recycling rules (DESIGN.md §8), one per status, opt-in: after a call ends with that
 * status, the number is offered to the company again once the delay has passed, up to a number of
 * retries. A rule applies to calls recorded while it exists; switching it off or removing it drops
 * the retries it had scheduled (the lease drops them as it meets them).
 */
interface RuleRow {
  status: RecyclableStatus;
  delay_minutes: number;
  max_retries: number;
  own_attempt: number;
  is_active: number;
  updated_at: number;
}

const toDto = (r: RuleRow): RecycleRuleDto => ({
  status: r.status,
  delayMinutes: r.delay_minutes,
  maxRetries: r.max_retries,
  ownAttempt: r.own_attempt === 1,
  isActive: r.is_active === 1,
  updatedAt: toIso(r.updated_at),
});

const SELECT = 'select status, delay_minutes, max_retries, own_attempt, is_active, updated_at from recycle_rules';

const ruleOf = (q: Queries, companyId: number, status: RecyclableStatus) =>
  q.get<RuleRow>(`${SELECT} where company_id = ? and status = ?`, [companyId, status]);

export async function listRecycleRules(db: Db, companyId: number): Promise<RecycleRuleDto[]> {
  await companyOf(db, companyId);
  return (await db.all<RuleRow>(`${SELECT} where company_id = ? order by status`, [companyId])).map(toDto);
}

/** Creates or replaces the company's rule for a status (the input schema has refused what makes no sense). */
export async function saveRecycleRule(db: Db, actor: Actor, input: RecycleRuleSave, now: number): Promise<RecycleRuleDto> {
  const rule = await db.transaction(async (tx) => {
    await companyOf(tx, input.companyId);
    const before = await ruleOf(tx, input.companyId, input.status);
    await tx.run(
      `insert into recycle_rules (company_id, status, delay_minutes, max_retries, own_attempt, is_active, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (company_id, status) do update set delay_minutes = excluded.delay_minutes, max_retries = excluded.max_retries,
         own_attempt = excluded.own_attempt, is_active = excluded.is_active, updated_at = excluded.updated_at`,
      [input.companyId, input.status, input.delayMinutes, input.maxRetries, input.ownAttempt ? 1 : 0, input.isActive ? 1 : 0, now, now],
    );
    if (before && before.delay_minutes !== input.delayMinutes) {
      // retries already waiting follow the new delay from their call
      await tx.run(
        `update recycles set due_at = (select cc.last_called_at from company_calls cc
           where cc.company_id = recycles.company_id and cc.number_id = recycles.number_id) + ?
         where company_id = ? and status = ?`,
        [input.delayMinutes * 60_000, input.companyId, input.status],
      );
    }
    if (!input.isActive) await tx.run('delete from recycles where company_id = ? and status = ?', [input.companyId, input.status]);
    const after = (await ruleOf(tx, input.companyId, input.status))!;
    await writeAudit(
      tx,
      actor,
      { companyId: input.companyId, entity: 'recycle_rule', entityId: input.status, action: before ? 'update' : 'create', before, after },
      now,
    );
    return after;
  });
  poolWritten(db, { poolGrew: true });
  return toDto(rule);
}

export function removeRecycleRule(
  db: Db,
  actor: Actor,
  input: { companyId: number; status: RecyclableStatus },
  now: number,
): Promise<{ removed: boolean }> {
  return db.transaction(async (tx) => {
    await companyOf(tx, input.companyId);
    const before = await ruleOf(tx, input.companyId, input.status);
    if (!before) return { removed: false };
    await tx.run('delete from recycle_rules where company_id = ? and status = ?', [input.companyId, input.status]);
    await tx.run('delete from recycles where company_id = ? and status = ?', [input.companyId, input.status]);
    await writeAudit(
      tx,
      actor,
      { companyId: input.companyId, entity: 'recycle_rule', entityId: input.status, action: 'delete', before },
      now,
    );
    return { removed: true };
  });
}
