import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey } from '../../../src-main/core/apikeys/apikeys';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createCore } from '../../../src-main/core/core';
import { memoryDeskSettings } from '../../../src-main/core/settings/desk';
import type { Clock } from '../../../src-main/core/time';
import { startPort } from '../../../src-main/http/port';
import type { BenchContext } from '../context';
import { DATA_ROOT, type Dataset } from '../generate';
import { FRESH_COMPANY, HEAVY_COMPANY } from '../gen/params';
import { JsonClient } from '../harness/http';
import { runLoad } from '../harness/load';
import { dialingFor, interleavedLeases, lease, SIZE } from '../harness/interleaved';
import { summarize } from '../harness/stats';
import type { BenchTable } from '../harness/table';
import { leaseMany, problems, reportPlan, runCounted } from '../measures/report';
import { startBarePostgres } from './bare';
import { postgresInstalled, startCluster } from './cluster';
import { ensurePostgresData, HISTORY_DAYS, TEMPLATE } from './data';

/** issue 17: next-batch 500 p99 at most 3× a bare SELECT … LIMIT 500 on the same PostgreSQL */
const P99_RATIO = 3;
/** issue 17: report-results at least this many results a second on a 2-core machine */
const REPORT_FLOOR = 2_000;
/**
 * The server as a site would run it (durable commits: fsync and synchronous_commit on, the defaults),
 * with a shared_buffers that holds the pool and its indexes, and pg_stat_statements to count what a
 * request sends (statementRows).
 */
const SERVER = ['shared_buffers=512MB', 'max_connections=100', 'shared_preload_libraries=pg_stat_statements'];
const RUN_DATABASE = 'run';

/**
 * The rows of issue 17 on PostgreSQL, each beside a bare PostgreSQL baseline measured in the same run,
 * on the same database: next-batch 500 (a new company and one that has dialed 90%) beside a bare
 * SELECT … LIMIT 500, and report-results of 100 over 4 connections beside a bare insert route.
 * Starts its own PostgreSQL on the cached data set and stops it on every way out.
 */
export async function measurePostgres(dataset: Dataset, table: BenchTable, quick: boolean, log: (line: string) => void): Promise<void> {
  if (!postgresInstalled()) {
    log('  not measured: PostgreSQL is not installed here (apt-get install -y postgresql)');
    return;
  }
  const data = await ensurePostgresData(dataset, log);
  const history = `${data.counts.call_results.toLocaleString('en-US')} results, the last ${HISTORY_DAYS} of ${dataset.manifest.params.days} days`;
  const cluster = await startCluster(data.dataDir, SERVER);
  const runDir = join(DATA_ROOT, `${dataset.manifest.key}-pg-run`);
  try {
    cluster.psql(`drop database if exists ${RUN_DATABASE} with (force)`);
    const copyStart = Date.now();
    cluster.psql(`create database ${RUN_DATABASE} template ${TEMPLATE} strategy file_copy`);
    log(`  working copy of the PostgreSQL data set in ${((Date.now() - copyStart) / 1000).toFixed(1)} s (${history})`);
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    await measureOn(cluster.url(RUN_DATABASE), runDir, dataset, table, quick, log, history);
  } finally {
    try {
      cluster.psql(`drop database if exists ${RUN_DATABASE} with (force)`);
    } finally {
      cluster.stop();
      rmSync(runDir, { recursive: true, force: true });
    }
  }
}

async function measureOn(
  url: string,
  runDir: string,
  dataset: Dataset,
  table: BenchTable,
  quick: boolean,
  log: (line: string) => void,
  history: string,
): Promise<void> {
  const anchor = Date.parse(dataset.manifest.params.anchor);
  const startedAt = Date.now();
  const clock: Clock = () => anchor + (Date.now() - startedAt);
  const desk = memoryDeskSettings({ rateLimitPerKey: 10_000_000 });
  const core = await createCore({ dataDir: runDir, database: url, desk, clock });
  const clients: JsonClient[] = [];
  const closers: (() => Promise<void>)[] = [() => core.close()];
  try {
    const keys: Record<string, string> = {};
    for (const c of dataset.manifest.companies) {
      keys[c.slug] = (await createApiKey(core.db, CLI_ACTOR, { companyId: c.id, name: 'bench dialer', scopes: ['dialer'] }, clock())).key;
    }
    const port = await startPort(core, { host: '127.0.0.1', port: 0, logger: false });
    closers.unshift(() => port.close());
    const bare = await startBarePostgres(url);
    closers.unshift(() => bare.close());
    const companies = dataset.manifest.companies;
    // what the shared measurement helpers read of a bench context; the SQLite-only parts are not here
    const ctx = {
      quick,
      dataset,
      runDir,
      core,
      port,
      bare,
      clock,
      keys,
      heavy: companies[HEAVY_COMPANY],
      fresh: companies[FRESH_COMPANY],
      companies,
      table,
      log,
      client(slug: string) {
        const c = new JsonClient(port.url, { authorization: `Bearer ${keys[slug]}` });
        clients.push(c);
        return c;
      },
    } as unknown as BenchContext;
    await nextBatchRows(ctx, history);
    const numbers = await reportRows(ctx, history);
    await statementRows(ctx, numbers);
  } finally {
    for (const c of clients) c.close();
    for (const close of closers) await close();
  }
}

async function nextBatchRows(ctx: BenchContext, history: string): Promise<void> {
  const iterations = ctx.quick ? 60 : 400;
  const dialings = [ctx.fresh, ctx.heavy].map((company) => dialingFor(ctx, company));
  // untimed: the first statements on each connection are prepared, the first pages read
  const warm = new JsonClient(ctx.bare.url);
  for (const d of dialings) await lease(d, 'pg-warm');
  for (let i = 0; i < 10; i++) await warm.ok('GET', `/bare/numbers?size=${SIZE}`);
  warm.close();
  const baselines = await interleavedLeases(ctx, dialings, iterations, 'pg');
  const base = summarize(baselines.select);
  const floor = summarize(baselines.leaseFloor);
  for (const d of dialings) {
    const s = summarize(d.samples);
    const pct = `${Math.round(d.company.dialedShare * 100)}%`;
    const note = d.short ? `${d.short} of ${iterations} batches came back short of ${SIZE}` : undefined;
    for (const [q, v, b] of [
      ['p50', s.p50, base.p50],
      ['p99', s.p99, base.p99],
    ] as const) {
      ctx.table.add({
        id: `pg-next-batch-${q}-${d.company.slug}`,
        figure: `PostgreSQL: next-batch 500 ${q}, ${pct} of pool dialed (${s.n} calls; ${history})`,
        value: v,
        unit: 'ms',
        baseline: `bare SELECT … LIMIT 500 on the same PostgreSQL, ${q}`,
        baselineValue: b,
        target: q === 'p99' ? `≤ ${P99_RATIO}× baseline` : 'context',
        met: q === 'p99' ? v <= P99_RATIO * b : null,
        note,
      });
    }
  }
  ctx.table.add({
    id: 'pg-lease-floor-p99',
    figure: 'PostgreSQL: floor of an atomic lease (the free rows held SKIP LOCKED and 500 lease rows, one transaction, no rules), p99',
    value: floor.p99,
    unit: 'ms',
    baseline: 'bare SELECT … LIMIT 500 on the same PostgreSQL, p99',
    baselineValue: base.p99,
    target: 'context',
    met: null,
  });
}

async function reportRows(ctx: BenchContext, history: string): Promise<number[]> {
  const durationS = ctx.quick ? 3 : 10;
  const numbers = await leaseMany(ctx, ctx.quick ? 20_000 : 60_000);
  ctx.log(`  leased ${numbers.length} numbers for ${ctx.fresh.slug} to report on`);
  const plan = (over: Parameters<typeof reportPlan>[3]) => reportPlan(ctx, numbers, durationS, over);
  const batch = await runCounted(ctx, plan({ tag: 'pgrb' }));
  const bare = await runLoad(plan({ base: ctx.bare.url, path: '/bare/results', tag: 'pgbb' }));
  const bareRate = (bare.ok * 100) / bare.durationS;
  ctx.table.add({
    id: 'pg-report-results-rate',
    figure: `PostgreSQL: report-results, 100 per request, 4 connections: results stored/s (${history})`,
    value: batch.rate,
    unit: 'results/s',
    baseline: 'bare route on the same PostgreSQL, one multi-row insert a request',
    baselineValue: bareRate,
    target: `≥ ${REPORT_FLOOR.toLocaleString('en-US')}/s`,
    met: batch.rate >= REPORT_FLOOR,
    note: problems(batch.load),
  });
  return numbers;
}

/**
 * What one request sends to PostgreSQL, counted by pg_stat_statements over a few requests each after
 * the timed runs (BEGIN and COMMIT included): each statement is a round trip, and the round trips, not
 * the work of each, are most of what separates these requests from their bare baselines. A count, so
 * no busier or quieter machine moves it.
 */
async function statementRows(ctx: BenchContext, numbers: number[]): Promise<void> {
  const db = ctx.core.db;
  await db.run('create extension if not exists pg_stat_statements');
  const per = async (times: number, request: (i: number) => Promise<unknown>) => {
    await db.value('select pg_stat_statements_reset()');
    for (let i = 0; i < times; i++) await request(i);
    const n = await db.value<number>("select coalesce(sum(calls), 0) from pg_stat_statements where query not like '%pg_stat_statements%'");
    return Number(n) / times;
  };
  for (const company of [ctx.fresh, ctx.heavy]) {
    const client = ctx.client(company.slug);
    const statements = await per(10, () =>
      client.ok('GET', `/api/v1/dialer/next-batch?company=${company.slug}&size=${SIZE}&dialer=pg-count`),
    );
    ctx.table.add({
      id: `pg-next-batch-statements-${company.slug}`,
      figure: `PostgreSQL: statements one next-batch 500 sends, ${Math.round(company.dialedShare * 100)}% of pool dialed (mean of 10)`,
      value: statements,
      unit: 'statements',
      baseline: 'bare SELECT … LIMIT 500',
      baselineValue: 1,
      target: 'context',
      met: null,
    });
  }
  const client = ctx.client(ctx.fresh.slug);
  const startedAt = new Date(ctx.clock()).toISOString();
  const statements = await per(5, (i) =>
    client.ok('POST', '/api/v1/dialer/report-results', {
      company: ctx.fresh.slug,
      results: numbers.slice(i * 100, i * 100 + 100).map((numberId, j) => ({
        call_id: `pg-count-${i}-${j}`,
        number_id: numberId,
        scenario: 'sales',
        status: 'ANSWERED',
        started_at: startedAt,
        duration_s: 30,
      })),
    }),
  );
  ctx.table.add({
    id: 'pg-report-results-statements',
    figure: 'PostgreSQL: statements one report-results of 100 sends (mean of 5)',
    value: statements,
    unit: 'statements',
    baseline: 'bare route: one multi-row insert',
    baselineValue: 1,
    target: 'context',
    met: null,
  });
}
