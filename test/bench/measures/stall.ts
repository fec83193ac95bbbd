import type { BenchContext } from '../context';
import { startLoad } from '../harness/load';
import { LoopStall } from '../harness/monitor';
import { nowMs } from '../harness/stats';
import { importFile } from './import';

/**
 * The serving thread's longest stall (perf_hooks monitorEventLoopDelay on this process, which runs the
 * core and the HTTP port) while a supplier file is imported and four dialers of four companies lease
 * and report against the port, beside the longest stall with the same dialer load and no import.
 * The dialers run in a separate process, so generating their load does not stall the thread measured.
 */
export async function measureStall(ctx: BenchContext): Promise<void> {
  const file = await importFile(ctx, 2);
  const companies = ctx.companies.slice(1, 5).map((c) => c.slug);
  const dialers = () =>
    startLoad({
      kind: 'dialer-loop',
      base: ctx.port.url,
      keys: ctx.keys,
      companies,
      connections: 4,
      batchSize: 100,
      durationS: 600,
      startedAt: new Date(ctx.clock()).toISOString(),
      tag: `st${Date.now() % 100000}`,
      scenario: 'sales',
    });
  const monitor = new LoopStall();

  // the same dialer load alone, for as long as the import is expected to take
  const alone = dialers();
  await sleep(1000);
  monitor.start();
  await sleep(ctx.quick ? 2000 : 8000);
  const aloneStall = monitor.stop();
  alone.stop();
  const aloneLoad = await alone.done;

  const both = dialers();
  await sleep(1000);
  monitor.start();
  const t = nowMs();
  const report = await ctx.rpc('numbers.import', { path: file.path, region: 'IR' });
  const importMs = nowMs() - t;
  const stall = monitor.stop();
  both.stop();
  const load = await both.done;

  ctx.table.add({
    id: 'stall-max',
    figure: `longest event-loop stall, import of ${file.rows.toLocaleString('en-US')} rows (${(importMs / 1000).toFixed(1)} s) + 4 dialers`,
    value: stall.maxMs,
    unit: 'ms',
    baseline: 'longest stall, the 4 dialers alone',
    baselineValue: aloneStall.maxMs,
    target: '≤ 50 ms',
    met: stall.maxMs <= 50,
    note: `p99 delay ${stall.p99Ms.toFixed(1)} ms (alone ${aloneStall.p99Ms.toFixed(1)} ms); ${report.added} numbers added`,
  });
  ctx.table.add({
    id: 'stall-dialer-p99',
    figure: 'dialer requests during the import: p99 latency',
    value: load.latency.p99,
    unit: 'ms',
    baseline: 'p99, the 4 dialers alone',
    baselineValue: aloneLoad.latency.p99,
    target: 'context',
    met: null,
    note: `${load.rps.toFixed(0)} req/s during the import, ${aloneLoad.rps.toFixed(0)} alone; answers ${JSON.stringify(load.statusCodes)}`,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
