import { walSummary, type BenchContext } from '../context';
import { startLoad } from '../harness/load';
import { LoopStall } from '../harness/monitor';
import { nowMs } from '../harness/stats';
import { importFile } from './import';

/**
 * The serving thread's longest stall (perf_hooks monitorEventLoopDelay on this process, which runs the
 * core and the HTTP port) while a supplier file is imported and four dialers of four companies work
 * against the port, beside the longest stall with the same dialers and no import.
 *
 * The dialers run in a separate process (generating load must not stall the thread measured) at a
 * dialer's pace: lease 100, report 100 results, pause ~300 ms, again; together about 1,000 results
 * a second, far above a site's real rate. A load that keeps the port saturated measures queueing
 * instead (four requests arriving together wait for each other, however short each is): that is the
 * throughput figure's business, and its latency under the import is reported beside it as context.
 */
export async function measureStall(ctx: BenchContext): Promise<void> {
  const file = await importFile(ctx, 2);
  const companies = ctx.companies.slice(1, 5).map((c) => c.slug);
  const monitor = new LoopStall();
  const dialers = (durationS: number) =>
    startLoad({
      kind: 'paced-dialers',
      base: ctx.port.url,
      keys: ctx.keys,
      companies,
      batchSize: 100,
      pauseMs: 300,
      durationS,
      startedAt: new Date(ctx.clock()).toISOString(),
      tag: `st${Date.now() % 100000}`,
      scenario: 'sales',
    });

  // each company's first next-batch after start builds its caches (measured on its own in the
  // next-batch rows); here the dialers are already warm, as they are after a minute of work
  for (const slug of companies) {
    const client = ctx.client(slug);
    const batch = await client.ok<{ batch_id: string | null }>('GET', `/api/v1/dialer/next-batch?company=${slug}&size=1&dialer=warm-up`);
    if (batch.batch_id) await client.ok('POST', '/api/v1/dialer/release', { company: slug, batch_id: batch.batch_id });
  }

  const aloneS = ctx.quick ? 2 : 15;
  const alone = dialers(aloneS + 2);
  await sleep(1000);
  monitor.start(1);
  await sleep(aloneS * 1000);
  const aloneStall = monitor.stop();
  alone.stop();
  const aloneLoad = await alone.done;

  const both = dialers(600);
  await sleep(1000);
  monitor.start(1);
  const t = nowMs();
  const report = await ctx.importList(file.path, 'IR');
  const importMs = nowMs() - t;
  const stall = monitor.stop();
  both.stop();
  const load = await both.done;

  ctx.table.add({
    id: 'stall-max',
    figure: `longest event-loop stall: import of ${file.rows.toLocaleString('en-US')} rows (${(importMs / 1000).toFixed(1)} s) + 4 dialers`,
    value: stall.maxMs,
    unit: 'ms',
    baseline: 'longest stall, the 4 dialers alone',
    baselineValue: aloneStall.maxMs,
    target: '≤ 25 ms',
    met: stall.maxMs <= 25,
    note: `p99 delay ${stall.p99Ms.toFixed(1)} ms (alone ${aloneStall.p99Ms.toFixed(1)} ms); longest GC pause ${stall.gcMaxMs.toFixed(0)} ms (alone ${aloneStall.gcMaxMs.toFixed(0)} ms); ${report.added} numbers added; since the port started: ${walSummary(ctx)}`,
  });
  ctx.table.add({
    id: 'stall-dialer-p99',
    figure: 'dialer requests (next-batch 100, report-results 100) during the import: p99 latency',
    value: load.latency.p99,
    unit: 'ms',
    baseline: 'p99, the 4 dialers alone',
    baselineValue: aloneLoad.latency.p99,
    target: 'context',
    met: null,
    note: `${load.requests} requests during the import, ${aloneLoad.requests} alone; answers ${JSON.stringify(load.statusCodes)}`,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
