import { CALL_STATUSES, type CallStatus } from '../../../src-shared/statuses';

const QUARTER_MS = 900_000;
const STATUS_INDEX = new Map<string, number>(CALL_STATUSES.map((s, i) => [s, i]));
/** ids up to 1023 per dimension: (company, quarter, scenario, line, agent, status) packs into 53 bits */
const ID_LIMIT = 1024;

/**
 * The 15-minute rollup (call_stats) kept while the history is written, the way the recorder's RollupBatch keeps it
 * one result at a time, and handed out a simulated day at a time: sorting 10M results once with a
 * GROUP BY afterwards costs more than the whole history.
 */
export class RollupAccumulator {
  private readonly cells = new Map<number, [calls: number, duration: number, cost: number]>();
  private base = -1;

  add(
    companyId: number,
    startedAt: number,
    scenarioId: number | null,
    lineId: number | null,
    agentId: number | null,
    status: CallStatus,
    durationS: number,
    cost: number,
  ): void {
    const quarter = Math.floor(startedAt / QUARTER_MS);
    if (this.base < 0) this.base = quarter;
    const q = quarter - this.base;
    const s = scenarioId ?? 0;
    const l = lineId ?? 0;
    const a = agentId ?? 0;
    if (companyId >= ID_LIMIT || s >= ID_LIMIT || l >= ID_LIMIT || a >= ID_LIMIT || q >= 128) {
      throw new Error('rollup key out of range: flush at least once a simulated day');
    }
    const key = ((((companyId * 128 + q) * ID_LIMIT + s) * ID_LIMIT + l) * ID_LIMIT + a) * 16 + STATUS_INDEX.get(status)!;
    const cell = this.cells.get(key);
    if (cell) {
      cell[0]++;
      cell[1] += durationS;
      cell[2] += cost;
    } else this.cells.set(key, [1, durationS, cost]);
  }

  /** every cell so far as call_stats rows (company_id, bucket, scenario_id, outbound_line_id, agent_id, status, calls, duration_s, cost), in key order */
  drain(put: (row: unknown[]) => void): number {
    const keys = [...this.cells.keys()].sort((x, y) => x - y);
    const row: unknown[] = new Array(9);
    for (const key of keys) {
      const [calls, duration, cost] = this.cells.get(key)!;
      let k = key;
      row[5] = CALL_STATUSES[k % 16];
      k = Math.floor(k / 16);
      row[4] = k % ID_LIMIT;
      k = Math.floor(k / ID_LIMIT);
      row[3] = k % ID_LIMIT;
      k = Math.floor(k / ID_LIMIT);
      row[2] = k % ID_LIMIT;
      k = Math.floor(k / ID_LIMIT);
      row[1] = (this.base + (k % 128)) * QUARTER_MS;
      row[0] = Math.floor(k / 128);
      row[6] = calls;
      row[7] = duration;
      row[8] = cost;
      put(row);
    }
    this.cells.clear();
    this.base = -1;
    return keys.length;
  }
}
