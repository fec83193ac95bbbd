import type { StatsGroupBy, StatsMatrix, StatsRangeInput, StatsRow } from '../../../src-shared/contract/stats';
import { assertNever } from '../../../src-shared/errors';
import type { Db } from '../db/connection';
import { dialectOf } from '../db/engine/queries';
import { companyOf } from '../companies/companies';
import { addCounts, emptyCounts, finishCounts } from './counts';
import { resolveRange, toResolvedRange } from './range';
import { HOUR_MS, QUARTER_MS } from '../time-zone';

/** Which rollup table holds buckets of which width (migrations 0003 and 0005). */
export type RollupTable = 'call_stats' | 'call_stats_blocks';

/** call_stats_blocks: 6-hour UTC blocks, one dimension per row. */
export const BLOCK_MS = 6 * HOUR_MS;

export interface RollupPiece {
  table: RollupTable;
  start: number;
  end: number;
}

const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

/**
 * Covers [start, end) with the fewest rollup rows: whole 6-hour UTC blocks from call_stats_blocks,
 * and the quarter-hours left at the edges from call_stats (a Tehran day starts at 20:30 UTC: 14
 * quarters, 3 blocks, 10 quarters). Over whole local days the edges add up to 0 or 24 quarters.
 */
export function decompose(start: number, end: number): RollupPiece[] {
  const a = floorTo(start, QUARTER_MS);
  const b = ceilTo(end, QUARTER_MS);
  const b1 = ceilTo(a, BLOCK_MS);
  const b2 = floorTo(b, BLOCK_MS);
  if (b1 >= b2) return a < b ? [{ table: 'call_stats', start: a, end: b }] : [];
  const pieces: RollupPiece[] = [];
  if (a < b1) pieces.push({ table: 'call_stats', start: a, end: b1 });
  pieces.push({ table: 'call_stats_blocks', start: b1, end: b2 });
  if (b2 < b) pieces.push({ table: 'call_stats', start: b2, end: b });
  return pieces;
}

const DIMENSION: Record<StatsGroupBy, string> = {
  scenario: 'scenario_id',
  line: 'outbound_line_id',
  agent: 'agent_id',
};

interface CellRow {
  dim: number;
  status: string;
  calls: number;
  cost: number;
  duration_s: number;
}

/** The dashboard matrix: calls per status for each scenario, line or agent, over local days. */
export async function statsMatrix(
  db: Db,
  input: { companyId: number; range: StatsRangeInput; groupBy: StatsGroupBy },
  now: number,
): Promise<StatsMatrix> {
  const company = await companyOf(db, input.companyId);
  const range = resolveRange(input.range, company.timezone, now);
  const column = DIMENSION[input.groupBy];
  const byDim = new Map<number, StatsRow>();
  const totals = emptyCounts();
  for (const piece of decompose(range.startMs, range.endMs)) {
    // quarters hold every dimension at once; blocks hold one dimension per row
    const rows =
      piece.table === 'call_stats'
        ? await db.all<CellRow>(
            `select ${column} as dim, status, sum(calls) as calls, sum(cost) as cost, sum(duration_s) as duration_s
             from call_stats where company_id = ? and bucket >= ? and bucket < ? group by dim, status`,
            [company.id, piece.start, piece.end],
          )
        : await db.all<CellRow>(
            `select dim_id as dim, status, sum(calls) as calls, sum(cost) as cost, sum(duration_s) as duration_s
             from call_stats_blocks where company_id = ? and dim = ? and bucket >= ? and bucket < ? group by dim_id, status`,
            [company.id, input.groupBy, piece.start, piece.end],
          );
    for (const r of rows) {
      let row = byDim.get(r.dim);
      if (!row) byDim.set(r.dim, (row = { id: r.dim, name: '', ...emptyCounts() }));
      addCounts(row, r.status, r.calls, r.cost, r.duration_s);
      addCounts(totals, r.status, r.calls, r.cost, r.duration_s);
    }
  }
  // dimension id 0 in the rollup: the results that had no scenario / line / agent, kept apart from the rows
  const none = byDim.get(0);
  byDim.delete(0);
  const rows = [...byDim.values()].filter((r) => r.total > 0);
  const names = await dimensionNames(
    db,
    input.groupBy,
    company.id,
    rows.map((r) => r.id),
  );
  for (const row of rows) {
    row.name = names.get(row.id) ?? `#${row.id}`;
    finishCounts(row);
  }
  rows.sort((x, y) => y.total - x.total || x.name.localeCompare(y.name) || x.id - y.id);
  const { id: _id, name: _name, ...noneCounts } = none ?? { id: 0, name: '', ...emptyCounts() };
  return {
    companyId: company.id,
    groupBy: input.groupBy,
    currency: company.currency,
    range: toResolvedRange(range),
    rows,
    none: noneCounts.total > 0 ? finishCounts(noneCounts) : null,
    totals: finishCounts(totals),
  };
}

async function dimensionNames(db: Db, groupBy: StatsGroupBy, companyId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  let sql: string;
  switch (groupBy) {
    case 'scenario':
      sql = 'select id, name from scenarios';
      break;
    case 'line':
      sql = "select id, name || ' (' || phone || ')' as name from outbound_lines";
      break;
    case 'agent':
      sql = 'select id, name from agents';
      break;
    default:
      return assertNever(groupBy, 'stats groupBy');
  }
  const dialect = dialectOf(db);
  const rows = await db.all<{ id: number; name: string }>(`${sql} where company_id = ? and ${dialect.inIds('id')}`, [
    companyId,
    dialect.ids(ids),
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
