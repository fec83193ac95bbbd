import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, ensureDataset } from './generate';
import { FULL, QUICK } from './gen/params';
import { openBench, walSummary, type BenchContext } from './context';
import { BenchTable } from './harness/table';
import { RssSampler } from './harness/monitor';
import { measureNextBatch } from './measures/next-batch';
import { measureReport } from './measures/report';
import { measureDashboard } from './measures/dashboard';
import { measureImport } from './measures/import';
import { measureStall } from './measures/stall';
import { measurePhases } from './measures/phases';
import { measureLifecycle } from './measures/lifecycle';
import { measureContention, measureCrowd } from './measures/crowd';
import { measurePostgres } from './postgres/measure';

/**
 * `npm run bench [-- --quick] [-- --only next-batch,report]`: generates (or reuses) the data set, runs
 * every measurement against the real core and HTTP port, prints one table and writes results.json.
 * `--only postgres` runs only the PostgreSQL rows (postgres/measure.ts), which come last otherwise.
 */
const MEASURES: Record<string, (ctx: BenchContext) => Promise<void>> = {
  'next-batch': measureNextBatch,
  phases: measurePhases,
  report: measureReport,
  dashboard: measureDashboard,
  import: measureImport,
  stall: measureStall,
  // after the import and the stall: twenty dialers leave a WAL of hundreds of MiB for the checkpointer
  // to catch up on, which slowed the import that followed by a third
  crowd: measureCrowd,
  contention: measureContention,
  // last: it turns recycling and callbacks on for two companies, which the other figures must not see
  lifecycle: measureLifecycle,
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((a) => a.startsWith('--only'));
  const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',') : null;
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`DialDesk bench (${quick ? 'quick' : 'full'}), load average ${load} on ${cpus().length} cores`);

  const dataset = await ensureDataset(quick ? QUICK : FULL, log);
  const generationS = (Date.now() - started) / 1000;
  log(dataset.generated ? `data set generated in ${generationS.toFixed(1)} s` : `data set reused from ${dataset.dir}`);

  const table = new BenchTable();
  const sqliteRows = Object.keys(MEASURES).filter((name) => !only || only.includes(name));
  const ctx = sqliteRows.length ? await openBench(dataset, table, quick, log) : null;
  // memory from here on: the generation's own 1 GiB page cache is not the app's
  const rssAtOpen = process.memoryUsage.rss() / 2 ** 20;
  const rss = new RssSampler();
  rss.start();
  const failures: string[] = [];
  const timed = async (name: string, measure: () => Promise<void>, after: () => string = () => '') => {
    log(`\n${name}`);
    const t = Date.now();
    try {
      await measure();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`${name}: ${message}`);
      log(`  NOT MEASURED: ${message}`);
    }
    log(`  (${((Date.now() - t) / 1000).toFixed(1)} s${after()})`);
  };
  if (ctx) {
    try {
      for (const name of sqliteRows)
        await timed(
          name,
          () => MEASURES[name](ctx),
          () => `; ${walSummary(ctx)}`,
        );
    } finally {
      await ctx.close();
    }
  }
  if (!only || only.includes('postgres')) await timed('postgres', () => measurePostgres(dataset, table, quick, log));
  const memory = rss.stop();
  table.add({
    id: 'peak-rss',
    figure: 'peak RSS during the measurements (core, port, baseline server, bench)',
    value: memory.peakMiB,
    unit: 'MiB',
    baseline: 'RSS with the data set open, before any measurement',
    baselineValue: rssAtOpen,
    target: 'context',
    met: null,
  });

  const totalS = (Date.now() - started) / 1000;
  console.log(`\n${table.markdown()}\n`);
  const loadAfter = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`load average before ${load}, after ${loadAfter}; total ${totalS.toFixed(1)} s`);
  for (const f of failures) log(`not measured: ${f}`);
  table.write(
    quick || only ? join(BENCH_DIR, 'data', quick ? 'results.quick.json' : 'results.partial.json') : join(BENCH_DIR, 'results.json'),
    {
      mode: quick ? 'quick' : 'full',
      command: quick ? 'npm run bench -- --quick' : 'npm run bench',
      at: new Date().toISOString(),
      loadAverageBefore: load,
      loadAverageAfter: loadAfter,
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      dataset: {
        key: dataset.manifest.key,
        params: dataset.manifest.params,
        counts: dataset.manifest.counts,
        generated: dataset.generated,
        generationS: dataset.generated ? generationS : null,
        generationTimings: dataset.manifest.timings,
      },
      totalS,
      failures,
      markdown: table.markdown(),
    },
  );
  if (failures.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
