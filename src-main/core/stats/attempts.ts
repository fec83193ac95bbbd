import type { AttemptCounts } from '../../../src-shared/contract/lifecycle';
import type { StatsRangeInput } from '../../../src-shared/contract/stats';
import type { Db } from '../db/connection';
import { companyOf } from '../companies/companies';
import { resolveRange, toResolvedRange } from './range';

/**
 * The dashboard's dialed calls over a range, first attempts apart from re-attempts (DESIGN.md §8):
 * the dialed calls come from the status rollup (every outbound status but FAILED, which is no
 * attempt), the re-attempts (retries under a recycling rule, callbacks) from their own rollup; the
 * first attempts are the rest. Both are 15-minute buckets, so a local day of any zone is whole buckets.
 */
export async function attemptCounts(db: Db, input: { companyId: number; range: StatsRangeInput }, now: number): Promise<AttemptCounts> {
  const company = await companyOf(db, input.companyId);
  const range = resolveRange(input.range, company.timezone, now);
  const dialed = (await db.value<number>(
    `select coalesce(sum(calls), 0) from call_stats_by_status
     where company_id = ? and bucket >= ? and bucket < ? and status not in ('INBOUND_CALL', 'FAILED')`,
    [company.id, range.startMs, range.endMs],
  ))!;
  const kinds = await db.all<{ kind: 'recycled' | 'callback'; calls: number }>(
    'select kind, sum(calls) as calls from attempt_stats where company_id = ? and bucket >= ? and bucket < ? group by kind',
    [company.id, range.startMs, range.endMs],
  );
  const again = Object.fromEntries(kinds.map((r) => [r.kind, r.calls])) as Partial<Record<'recycled' | 'callback', number>>;
  const recycled = again.recycled ?? 0;
  const callbacks = again.callback ?? 0;
  return { range: toResolvedRange(range), dialed, first: dialed - recycled - callbacks, recycled, callbacks };
}
