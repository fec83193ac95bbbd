import type { CallStatus } from '../../../src-shared/statuses';
import { prepare, type Db } from '../db/connection';

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
  values (?, ?, ?, ?, ?, ?, 1, ?, ?)
  on conflict (company_id, bucket, scenario_id, outbound_line_id, agent_id, status)
  do update set calls = calls + 1, duration_s = duration_s + excluded.duration_s, cost = cost + excluded.cost`;

/**
 * Adds one recorded result to the dashboard rollup. Call in the same transaction that inserts the
 * call_results row, so the rollup never disagrees with the log.
 */
export function addToRollup(db: Db, d: RollupDelta): void {
  prepare(db.sqlite, UPSERT).run(
    d.companyId,
    bucketOf(d.startedAt),
    d.scenarioId ?? 0,
    d.outboundLineId ?? 0,
    d.agentId ?? 0,
    d.status,
    d.durationS,
    d.cost,
  );
}

const ADJUST = `
  insert into call_stats (company_id, bucket, scenario_id, outbound_line_id, agent_id, status, calls, duration_s, cost)
  values (?, ?, ?, ?, ?, ?, 0, ?, ?)
  on conflict (company_id, bucket, scenario_id, outbound_line_id, agent_id, status)
  do update set duration_s = duration_s + excluded.duration_s, cost = cost + excluded.cost`;

/**
 * Moves an already counted result's duration and cost by a delta (an inbound call learns its length
 * and its charge after it was first recorded), in the transaction that changes the call_results row.
 */
export function adjustRollup(db: Db, d: RollupDelta): void {
  if (d.durationS === 0 && d.cost === 0) return;
  prepare(db.sqlite, ADJUST).run(
    d.companyId,
    bucketOf(d.startedAt),
    d.scenarioId ?? 0,
    d.outboundLineId ?? 0,
    d.agentId ?? 0,
    d.status,
    d.durationS,
    d.cost,
  );
}
