import { afterEach, describe, expect, it } from 'vitest';
import { createMigrator } from '../../src-main/core/db/migrator';
import { MIGRATIONS } from '../../migrations';
import { makeTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
afterEach(async () => core?.dispose());

const before0003 = Object.keys(MIGRATIONS)[Object.keys(MIGRATIONS).indexOf('0003_reporting') - 1]!;

const DIMS = [['scenario', 'scenario_id'], ['line', 'outbound_line_id'], ['agent', 'agent_id']] as const;

/** The coarse tables as they should be: call_stats summed by hour / day per dimension, and by status. */
function expected(c: TestCore) {
  const q = (sql: string) => c.db.sqlite.prepare(sql).all();
  const grain = (unit: number) =>
    q(
      DIMS.map(
        ([dim, col]) => `select company_id, '${dim}' dim, bucket - bucket % ${unit} b, ${col} dim_id, status, sum(calls) calls, sum(duration_s) d, sum(cost) cost
          from call_stats group by 1, 3, 4, 5 having sum(calls) <> 0`,
      ).join(' union all ') + ' order by 1, 2, 3, 4, 5',
    );
  return {
    hourly: grain(3_600_000),
    daily: grain(86_400_000),
    byStatus: q(`select company_id, bucket b, status, sum(calls) calls, sum(duration_s) d, sum(cost) cost
                 from call_stats group by 1,2,3 having sum(calls) <> 0 order by 1,2,3`),
  };
}
function actual(c: TestCore) {
  const q = (sql: string) => c.db.sqlite.prepare(sql).all();
  return {
    hourly: q('select company_id, dim, bucket b, dim_id, status, calls, duration_s d, cost from call_stats_hourly where calls <> 0 order by 1,2,3,4,5'),
    daily: q('select company_id, dim, bucket b, dim_id, status, calls, duration_s d, cost from call_stats_daily where calls <> 0 order by 1,2,3,4,5'),
    byStatus: q('select company_id, bucket b, status, calls, duration_s d, cost from call_stats_by_status where calls <> 0 order by 1,2,3'),
  };
}

const insert = (c: TestCore, bucketIso: string, dims: [number, number, number, number], status: string, calls: number, d: number, cost: number) =>
  c.db.sqlite
    .prepare('insert into call_stats values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(dims[0], Date.parse(bucketIso), dims[1], dims[2], dims[3], status, calls, d, cost);

describe('the coarse dashboard rollups', () => {
  it('are filled from what call_stats already held when 0003 runs', async () => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo(before0003)).error).toBeUndefined();
    insert(core, '2026-03-01T10:00:00Z', [1, 1, 0, 0], 'ANSWERED', 3, 90, 150);
    insert(core, '2026-03-01T10:45:00Z', [1, 1, 0, 0], 'ANSWERED', 2, 10, 100);
    insert(core, '2026-03-01T23:45:00Z', [1, 2, 0, 5], 'BUSY', 1, 0, 0);
    insert(core, '2026-03-02T00:00:00Z', [2, 0, 0, 0], 'INBOUND_CALL', 4, 40, 0);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const got = actual(core);
    expect(got).toEqual(expected(core));
    // company 1: 10:00 hour (scenario 1) and 23:00 hour (scenario 2); company 2: one hour; x 3 dimensions
    expect(got.hourly).toHaveLength(9);
    expect(got.daily).toHaveLength(9);
    expect(got.hourly.find((r: any) => r.dim === 'scenario' && r.dim_id === 1)).toMatchObject({
      calls: 5, d: 100, cost: 250, b: Date.parse('2026-03-01T10:00:00Z'),
    });
  });

  it('follow every insert, counter update, key change and delete on call_stats', async () => {
    core = await makeTestCore();
    insert(core, '2026-03-01T10:00:00Z', [1, 1, 2, 3], 'ANSWERED', 1, 10, 50);
    insert(core, '2026-03-01T10:15:00Z', [1, 1, 2, 3], 'ANSWERED', 1, 20, 50);
    insert(core, '2026-03-01T10:15:00Z', [1, 1, 2, 3], 'BUSY', 1, 0, 0);
    core.db.sqlite.prepare("update call_stats set calls = calls + 4, cost = cost + 200 where status = 'BUSY'").run();
    core.db.sqlite.prepare("update call_stats set bucket = ? where status = 'ANSWERED' and bucket = ?").run(
      Date.parse('2026-03-02T05:30:00Z'),
      Date.parse('2026-03-01T10:15:00Z'),
    );
    core.db.sqlite.prepare("update call_stats set status = 'CALLBACK', scenario_id = 9 where bucket = ?").run(Date.parse('2026-03-01T10:00:00Z'));
    expect(actual(core)).toEqual(expected(core));
    core.db.sqlite.prepare("delete from call_stats where status = 'BUSY'").run();
    expect(actual(core)).toEqual(expected(core));
    expect(actual(core).byStatus.map((r: any) => r.status)).toEqual(['CALLBACK', 'ANSWERED']);
  });
});
