import type { BenchContext } from '../context';
import { runLoad } from '../harness/load';
import type { LoadSummary, ReportPlan } from '../harness/load-plan';
import { profileWhile } from '../harness/profile';

/**
 * Result reporting under load from a separate process (autocannon): report-results in batches of 100
 * and report-result with 8 connections, each beside a bare fastify route that inserts the same rows
 * into call_results with one prepared statement. Results are for numbers the company leased first,
 * as a dialer's would be; the figure counts the rows that really landed.
 */
export async function measureReport(ctx: BenchContext): Promise<void> {
  const company = ctx.fresh;
  const durationS = ctx.quick ? 2 : 10;
  const numbers = await leaseMany(ctx, ctx.quick ? 30_000 : 120_000);
  ctx.log(`  leased ${numbers.length} numbers for ${company.slug} to report on`);
  const plan = (over: Partial<ReportPlan>) => reportPlan(ctx, numbers, durationS, over);

  const batch = await runCounted(ctx, plan({ tag: 'rb' }));
  const bareBatch = await runLoad(plan({ base: ctx.bare.url, path: '/bare/results', tag: 'bb' }));
  const bareBatchRate = (bareBatch.ok * 100) / bareBatch.durationS;
  ctx.table.add({
    id: 'report-results-rate',
    figure: `report-results, 100 per request, 4 connections: results stored/s`,
    value: batch.rate,
    unit: 'results/s',
    baseline: 'bare route, one transaction of prepared inserts',
    baselineValue: bareBatchRate,
    target: '≥ 0.33× baseline (and ≥ 5,000/s)',
    met: batch.rate >= 0.33 * bareBatchRate,
    note: problems(batch.load),
  });

  // the floor of the rows a result must write, no checks: how much of the ratio the writes alone take
  const rows = await runLoad(plan({ base: ctx.bare.url, path: '/bare/results-rows', tag: 'bw' }));
  const rowsRate = (rows.ok * 100) / rows.durationS;
  ctx.table.add({
    id: 'report-results-floor',
    figure:
      'floor of a result: its call, dedup row, cooldown, ended lease and ledger entry written with prepared statements, no checks, 100 per request, 4 connections: results/s',
    value: rowsRate,
    unit: 'results/s',
    baseline: 'bare route, one transaction of prepared inserts',
    baselineValue: bareBatchRate,
    target: 'context',
    met: null,
    note: `report-results is ${(batch.rate / rowsRate).toFixed(2)}× this floor`,
  });

  // where its time goes, by kind of work: a shorter run under the profiler (it slows what it watches)
  ctx.table.addBreakdown(
    await profileWhile('report-results, 100 per request, 4 connections over the port, profiled', async () => {
      await runLoad(plan({ tag: 'rp', durationS: Math.max(1, durationS / 3) }));
    }),
  );

  const single = await runCounted(
    ctx,
    plan({ tag: 'rs', path: '/api/v1/dialer/report-result', perRequest: 1, connections: 8, numbers: [...numbers].reverse() }),
  );
  const bareSingle = await runLoad(plan({ base: ctx.bare.url, path: '/bare/result', tag: 'bs', perRequest: 1, connections: 8 }));
  ctx.table.add({
    id: 'report-result-rate',
    figure: 'report-result, 8 connections: results stored/s',
    value: single.rate,
    unit: 'results/s',
    baseline: 'bare route, one prepared insert',
    baselineValue: bareSingle.ok / bareSingle.durationS,
    target: 'context',
    met: null,
    note: problems(single.load),
  });
  ctx.table.add({
    id: 'report-result-p99',
    figure: 'report-result, 8 connections: p99 latency',
    value: single.load.latency.p99,
    unit: 'ms',
    baseline: 'bare route p99',
    baselineValue: bareSingle.latency.p99,
    target: 'context',
    met: null,
  });
}

/** report-results of 100 for the fresh company's leased numbers, 4 connections, unless `over` says otherwise */
export const reportPlan = (ctx: BenchContext, numbers: number[], durationS: number, over: Partial<ReportPlan>): ReportPlan => ({
  kind: 'report',
  base: ctx.port.url,
  keys: ctx.keys,
  company: ctx.fresh.slug,
  connections: 4,
  durationS,
  startedAt: new Date(ctx.clock()).toISOString(),
  tag: 'x',
  path: '/api/v1/dialer/report-results',
  perRequest: 100,
  numbers,
  scenario: 'sales',
  ...over,
});

/** runs the plan and counts the rows it stored (by its call_id prefix), so rejected items do not count */
export async function runCounted(ctx: BenchContext, plan: ReportPlan): Promise<{ load: LoadSummary; rate: number }> {
  const load = await runLoad(plan);
  const companyId = ctx.companies.find((c) => c.slug === plan.company)!.id;
  // through the engine-neutral reader: the PostgreSQL rows count the same way (postgres/measure.ts)
  const n = await ctx.core.db.value<number>('select count(*) from call_results where company_id = ? and call_id >= ? and call_id < ?', [
    companyId,
    `${plan.tag}-`,
    `${plan.tag}.`,
  ]);
  return { load, rate: Number(n) / load.durationS };
}

export function problems(load: LoadSummary): string | undefined {
  const bad = Object.entries(load.statusCodes).filter(([code]) => !code.startsWith('2'));
  if (!bad.length && !load.errors && !load.timeouts) return undefined;
  return `answers: ${JSON.stringify(load.statusCodes)}, errors ${load.errors}, timeouts ${load.timeouts}`;
}

/** leases up to `count` numbers for the fresh company through next-batch (untimed set-up) */
export async function leaseMany(ctx: BenchContext, count: number): Promise<number[]> {
  const client = ctx.client(ctx.fresh.slug);
  const ids: number[] = [];
  while (ids.length < count) {
    const answer = await client.ok<{ numbers: { number_id: number }[] }>(
      'GET',
      `/api/v1/dialer/next-batch?company=${ctx.fresh.slug}&size=1000&dialer=bench-report`,
    );
    if (answer.numbers.length === 0) break;
    for (const n of answer.numbers) ids.push(n.number_id);
  }
  return ids;
}
