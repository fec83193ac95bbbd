import { afterEach, describe, expect, it } from 'vitest';
import { createMigrator } from '../../../src-main/core/db/migrator';
import { MIGRATIONS } from '../../../migrations';
import { makeTestCore, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const names = Object.keys(MIGRATIONS).sort();
const before = (name: string) => names[names.indexOf(name) - 1]!;

const DIMS = [
  ['scenario', 'scenario_id'],
  ['line', 'outbound_line_id'],
  ['agent', 'agent_id'],
] as const;
const BLOCK = 6 * 3_600_000;

/** The coarse tables as they should be: call_stats summed per 6-hour block and dimension, and by status. */
async function expected(c: TestCore) {
  const q = (sql: string) => c.db.all(sql);
  return {
    blocks: await q(
      DIMS.map(
        ([
          dim,
          col,
        ]) => `select company_id, '${dim}' dim, bucket - bucket % ${BLOCK} b, ${col} dim_id, status, sum(calls) calls, sum(duration_s) d, sum(cost) cost
          from call_stats group by 1, 3, 4, 5 having sum(calls) <> 0`,
      ).join(' union all ') + ' order by 1, 2, 3, 4, 5',
    ),
    byStatus: await q(`select company_id, bucket b, status, sum(calls) calls, sum(duration_s) d, sum(cost) cost
                 from call_stats group by 1,2,3 having sum(calls) <> 0 order by 1,2,3`),
  };
}
async function actual(c: TestCore) {
  const q = (sql: string) => c.db.all<Record<string, unknown>>(sql);
  return {
    blocks: await q(
      'select company_id, dim, bucket b, dim_id, status, calls, duration_s d, cost from call_stats_blocks where calls <> 0 order by 1,2,3,4,5',
    ),
    byStatus: await q(
      'select company_id, bucket b, status, calls, duration_s d, cost from call_stats_by_status where calls <> 0 order by 1,2,3',
    ),
  };
}

const insert = (
  c: TestCore,
  bucketIso: string,
  dims: [number, number, number, number],
  status: string,
  calls: number,
  d: number,
  cost: number,
) =>
  c.db.run('insert into call_stats values (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    dims[0],
    Date.parse(bucketIso),
    dims[1],
    dims[2],
    dims[3],
    status,
    calls,
    d,
    cost,
  ]);

describe('the coarse dashboard rollups', () => {
  it.each(['0003_reporting', '0005_rollup_blocks'])('are filled from what call_stats already held when %s runs', async (migration) => {
    core = await makeTestCore();
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo(before(migration))).error).toBeUndefined();
    await insert(core, '2026-03-01T10:00:00Z', [1, 1, 0, 0], 'ANSWERED', 3, 90, 150);
    await insert(core, '2026-03-01T10:45:00Z', [1, 1, 0, 0], 'ANSWERED', 2, 10, 100);
    await insert(core, '2026-03-01T23:45:00Z', [1, 2, 0, 5], 'BUSY', 1, 0, 0);
    await insert(core, '2026-03-02T00:00:00Z', [2, 0, 0, 0], 'INBOUND_CALL', 4, 40, 0);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const got = await actual(core);
    expect(got).toEqual(await expected(core));
    // company 1: the 06-12 block (scenario 1) and the 18-24 block (scenario 2); company 2: one block; x 3 dimensions
    expect(got.blocks).toHaveLength(9);
    expect(got.byStatus).toHaveLength(4);
    expect(got.blocks.find((r: any) => r.dim === 'scenario' && r.dim_id === 1)).toMatchObject({
      calls: 5,
      d: 100,
      cost: 250,
      b: Date.parse('2026-03-01T06:00:00Z'),
    });
  });

  it('come back as 0003 made them when 0005 is rolled back', async () => {
    core = await makeTestCore();
    await insert(core, '2026-03-01T10:00:00Z', [1, 1, 0, 0], 'ANSWERED', 3, 90, 150);
    const migrator = createMigrator(core.db);
    expect((await migrator.migrateTo(before('0005_rollup_blocks'))).error).toBeUndefined();
    const hourly = await core.db.all('select dim, bucket, calls from call_stats_hourly order by dim');
    expect(hourly).toEqual(['agent', 'line', 'scenario'].map((dim) => ({ dim, bucket: Date.parse('2026-03-01T10:00:00Z'), calls: 3 })));
    await insert(core, '2026-03-01T10:15:00Z', [1, 1, 0, 0], 'ANSWERED', 1, 0, 0); // 0003's triggers are back
    expect(await core.db.value("select calls from call_stats_daily where dim = 'scenario'")).toBe(4);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await actual(core)).toEqual(await expected(core));
  });

  it('follow every insert, counter update, key change and delete on call_stats', async () => {
    core = await makeTestCore();
    await insert(core, '2026-03-01T10:00:00Z', [1, 1, 2, 3], 'ANSWERED', 1, 10, 50);
    await insert(core, '2026-03-01T10:15:00Z', [1, 1, 2, 3], 'ANSWERED', 1, 20, 50);
    await insert(core, '2026-03-01T10:15:00Z', [1, 1, 2, 3], 'BUSY', 1, 0, 0);
    await core.db.run("update call_stats set calls = calls + 4, cost = cost + 200 where status = 'BUSY'");
    await core.db.run("update call_stats set bucket = ? where status = 'ANSWERED' and bucket = ?", [
      Date.parse('2026-03-02T05:30:00Z'),
      Date.parse('2026-03-01T10:15:00Z'),
    ]);
    await core.db.run("update call_stats set status = 'CALLBACK', scenario_id = 9 where bucket = ?", [Date.parse('2026-03-01T10:00:00Z')]);
    expect(await actual(core)).toEqual(await expected(core));
    await core.db.run("delete from call_stats where status = 'BUSY'");
    expect(await actual(core)).toEqual(await expected(core));
    expect((await actual(core)).byStatus.map((r: any) => r.status)).toEqual(['CALLBACK', 'ANSWERED']);
    expect((await actual(core)).blocks.map((r: any) => `${r.dim}:${r.dim_id}:${r.status}`)).toEqual([
      'agent:3:CALLBACK',
      'agent:3:ANSWERED',
      'line:2:CALLBACK',
      'line:2:ANSWERED',
      'scenario:9:CALLBACK',
      'scenario:1:ANSWERED',
    ]);
  });
});
