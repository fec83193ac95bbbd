import type { CallStatus } from '../../../src-shared/statuses';
import type { Queries } from '../db/engine/queries';

/** Every real UTC offset is a multiple of 15 minutes, so local days are whole numbers of buckets. */
export const BUCKET_MS = 15 * 60 * 1000;
export const bucketOf = (ms: number): number => Math.floor(ms / BUCKET_MS) * BUCKET_MS;

export interface RollupDelta {
  companyId: number;
  startedAt: number;
  scenarioId: number | null;
  outboundLineId: number | null;
  agentId: number | null;
  status: CallStatus;
  durationS: number;
  cost: number;
}

const UPSERT = `
  insert into call_stats (company_id, bucket, scenario_id, outbound_line_id, agent_id, status, calls, duration_s, cost)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (company_id, bucket, scenario_id, outbound_line_id, agent_id, status)
  do update set calls = call_stats.calls + excluded.calls, duration_s = call_stats.duration_s + excluded.duration_s,
    cost = call_stats.cost + excluded.cost`;

/**
 * The rollup rows a transaction's results add to, summed in memory and written once each when the
 * transaction is about to commit (flush). A batch of 100 results lands in a handful of 15-minute
 * cells, and every call_stats write also updates the block and status rollups through triggers
 * (four more upserts), so one write per cell instead of one per result is most of the rollup's cost.
 * Flush in the same transaction that inserts the call_results rows: the rollup never disagrees with
 * the log after a commit.
 */
export class RollupBatch {
  private readonly cells = new Map<string, { d: RollupDelta; calls: number; durationS: number; cost: number }>();

  add(d: RollupDelta): void {
    const bucket = bucketOf(d.startedAt);
    const key = `${d.companyId}|${bucket}|${d.scenarioId ?? 0}|${d.outboundLineId ?? 0}|${d.agentId ?? 0}|${d.status}`;
    const cell = this.cells.get(key);
    if (cell) {
      cell.calls += 1;
      cell.durationS += d.durationS;
      cell.cost += d.cost;
    } else {
      this.cells.set(key, { d: { ...d, startedAt: bucket }, calls: 1, durationS: d.durationS, cost: d.cost });
    }
  }

  async flush(q: Queries): Promise<void> {
    for (const { d, calls, durationS, cost } of this.cells.values()) {
      await q.run(UPSERT, [
        d.companyId,
        d.startedAt,
        d.scenarioId ?? 0,
        d.outboundLineId ?? 0,
        d.agentId ?? 0,
        d.status,
        calls,
        durationS,
        cost,
      ]);
    }
    this.cells.clear();
  }
}

const ADJUST = `
  insert into call_stats (company_id, bucket, scenario_id, outbound_line_id, agent_id, status, calls, duration_s, cost)
  values (?, ?, ?, ?, ?, ?, 0, ?, ?)
  on conflict (company_id, bucket, scenario_id, outbound_line_id, agent_id, status)
  do update set duration_s = call_stats.duration_s + excluded.duration_s, cost = call_stats.cost + excluded.cost`;

/**
 * Moves an already counted result's duration and cost by a delta (an inbound call learns its length
 * and its charge after it was first recorded), in the transaction that changes the call_results row.
 */
export async function adjustRollup(q: Queries, d: RollupDelta): Promise<void> {
  if (d.durationS === 0 && d.cost === 0) return;
  await q.run(ADJUST, [
    d.companyId,
    bucketOf(d.startedAt),
    d.scenarioId ?? 0,
    d.outboundLineId ?? 0,
    d.agentId ?? 0,
    d.status,
    d.durationS,
    d.cost,
  ]);
}
