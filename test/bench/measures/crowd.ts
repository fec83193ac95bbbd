import type { BenchContext } from '../context';
import { dialingFor, interleavedLeases, SIZE } from '../harness/interleaved';
import { runCrowdLoad, runLoad } from '../harness/load';
import type { CrowdPlan } from '../harness/load-plan';
import { startSpinner } from '../harness/spinner';
import { summarize } from '../harness/stats';
import { NEXT_BATCH_P99_RATIO } from './next-batch';
import { leaseMany, problems, reportPlan, runCounted } from './report';

const DIALERS = 20;

/**
 * Twenty dialers asking at once (DESIGN.md §7), four for each of the five companies that have dialed
 * least: each leases 500, reports 500 results and asks again, with no pause, from a separate process.
 * Beside it, the same twenty against the bare routes (the plain SELECT and the plain inserts). With one
 * thread serving, a request's latency here is mostly the queue in front of it, so the ratio is that
 * of the two servers' work per round.
 */
export async function measureCrowd(ctx: BenchContext): Promise<void> {
  const durationS = ctx.quick ? 3 : 12;
  const companies = [...ctx.companies]
    .sort((a, b) => a.dialedShare - b.dialedShare)
    .slice(0, 5)
    .map((c) => c.slug);
  const plan = (bare: boolean): CrowdPlan => ({
    kind: 'crowd',
    bare,
    base: bare ? ctx.bare.url : ctx.port.url,
    keys: ctx.keys,
    companies,
    dialers: DIALERS,
    batchSize: SIZE,
    durationS,
    startedAt: new Date(ctx.clock()).toISOString(),
    tag: `crowd${bare ? 'b' : 'p'}${Date.now() % 100_000}`,
    scenario: 'sales',
  });
  const port = await runCrowdLoad(plan(false));
  const bare = await runCrowdLoad(plan(true));
  const note = `${port.lease.n} leases, ${port.reported.toLocaleString('en-US')} results; bare ${bare.lease.n} reads${port.failures ? `; ${port.failures} answers not 2xx` : ''}`;
  ctx.table.add({
    id: 'crowd-next-batch-p99',
    figure: `next-batch 500 p99, ${DIALERS} dialers leasing and reporting at once`,
    value: port.lease.p99,
    unit: 'ms',
    baseline: `bare SELECT … LIMIT 500 p99, ${DIALERS} at once`,
    baselineValue: bare.lease.p99,
    target: `≤ ${NEXT_BATCH_P99_RATIO}× baseline`,
    met: port.lease.p99 <= NEXT_BATCH_P99_RATIO * bare.lease.p99,
    note: `p50 ${port.lease.p50.toFixed(1)} ms (bare ${bare.lease.p50.toFixed(1)} ms); ${note}`,
  });
  ctx.table.add({
    id: 'crowd-results-rate',
    figure: `report-results, ${DIALERS} dialers leasing and reporting at once: results stored/s`,
    value: port.reported / port.durationS,
    unit: 'results/s',
    baseline: `bare inserts, ${DIALERS} at once`,
    baselineValue: bare.reported / bare.durationS,
    target: 'context',
    met: null,
    note: `report-results p99 ${port.report.p99.toFixed(1)} ms (bare ${bare.report.p99.toFixed(1)} ms)`,
  });
}

/**
 * The next-batch and report-results ratios again while another process keeps one of the two cores
 * busy: contention the rules and the baselines share, so a ratio that grows here is the rules'
 * cost growing faster than the bare work's, which is what a busy site feels.
 */
export async function measureContention(ctx: BenchContext): Promise<void> {
  const numbers = await leaseMany(ctx, ctx.quick ? 10_000 : 40_000);
  const spinner = startSpinner();
  try {
    const dialing = dialingFor(ctx, ctx.fresh);
    const base = summarize((await interleavedLeases(ctx, [dialing], ctx.quick ? 40 : 200, 'bench-spin')).select);
    const s = summarize(dialing.samples);
    ctx.table.add({
      id: 'contention-next-batch-p99',
      figure: `next-batch 500 p99, another process spinning on one core (${s.n} calls)`,
      value: s.p99,
      unit: 'ms',
      baseline: 'bare SELECT … LIMIT 500 p99, same spin',
      baselineValue: base.p99,
      target: `≤ ${NEXT_BATCH_P99_RATIO}× baseline`,
      met: s.p99 <= NEXT_BATCH_P99_RATIO * base.p99,
      note: `p50 ${s.p50.toFixed(1)} ms (bare ${base.p50.toFixed(1)} ms)`,
    });

    const durationS = ctx.quick ? 2 : 6;
    const batch = await runCounted(ctx, reportPlan(ctx, numbers, durationS, { tag: 'rspin' }));
    const bare = await runLoad(reportPlan(ctx, numbers, durationS, { base: ctx.bare.url, path: '/bare/results', tag: 'bspin' }));
    const bareRate = (bare.ok * 100) / bare.durationS;
    ctx.table.add({
      id: 'contention-report-results-rate',
      figure: 'report-results, 100 per request, 4 connections, another process spinning on one core: results stored/s',
      value: batch.rate,
      unit: 'results/s',
      baseline: 'bare route, same spin',
      baselineValue: bareRate,
      target: '≥ 0.33× baseline',
      met: batch.rate >= 0.33 * bareRate,
      note: problems(batch.load),
    });
  } finally {
    await spinner.stop();
  }
}
