import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { releaseBatch } from '../../../src-main/core/dialer/release';
import { recordResults } from '../../../src-main/core/results/record';
import { toReport } from '../../../src-main/http/dialer-map';
import type { BenchContext } from '../context';
import { resultItem } from '../harness/load-plan';
import { profileWhile } from '../harness/profile';
import { nowMs, summarize } from '../harness/stats';

const SIZE = 500;
const PER_REPORT = 100;

/**
 * Where a request's time goes, layer by layer, for next-batch 500 and report-results 100 on the fresh
 * company: the core's own call (the rules and the SQL), the same request through fastify's inject (auth,
 * validation, JSON in and out, no socket), and through the real port (the socket and HTTP parsing added).
 * The three are interleaved so noise hits them alike; medians, since the three share one thread.
 */
export async function measurePhases(ctx: BenchContext): Promise<void> {
  const rounds = ctx.quick ? 60 : 300;
  const company = ctx.fresh;
  const key = ctx.keys[company.slug];
  const headers = { authorization: `Bearer ${key}` };
  const client = ctx.client(company.slug);
  const url = `/api/v1/dialer/next-batch?company=${company.slug}&size=${SIZE}&dialer=phases`;
  const lease = { core: [] as number[], inject: [] as number[], http: [] as number[] };
  const report = { core: [] as number[], inject: [] as number[], http: [] as number[] };
  const startedAt = new Date(ctx.clock()).toISOString();
  let n = 0;
  const items = (ids: number[], layer: string) =>
    ids.slice(0, PER_REPORT).map((id) => resultItem(id, `ph-${layer}-${n++}`, startedAt, 'sales', n));

  for (let i = 0; i < rounds; i++) {
    let t = nowMs();
    const direct = await nextBatch(ctx.core, { companyId: company.id, size: SIZE, dialerId: 'phases' });
    lease.core.push(nowMs() - t);
    t = nowMs();
    const injected = await ctx.port.app.inject({ method: 'GET', url, headers });
    lease.inject.push(nowMs() - t);
    t = nowMs();
    const overHttp = await client.ok<{ batch_id: string; numbers: { number_id: number }[] }>('GET', url);
    lease.http.push(nowMs() - t);
    const viaInject = JSON.parse(injected.body) as { batch_id: string; numbers: { number_id: number }[] };

    const reports = items(
      direct.numbers.map((x) => x.numberId),
      'c',
    ).map(toReport);
    t = nowMs();
    await recordResults(ctx.core, company.id, reports);
    report.core.push(nowMs() - t);
    const body = JSON.stringify({
      company: company.slug,
      results: items(
        viaInject.numbers.map((x) => x.number_id),
        'i',
      ),
    });
    t = nowMs();
    await ctx.port.app.inject({
      method: 'POST',
      url: '/api/v1/dialer/report-results',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    report.inject.push(nowMs() - t);
    t = nowMs();
    await client.ok('POST', '/api/v1/dialer/report-results', {
      company: company.slug,
      results: items(
        overHttp.numbers.map((x) => x.number_id),
        'h',
      ),
    });
    report.http.push(nowMs() - t);

    // the rest of each batch goes back, untimed, so the pool does not run dry
    for (const batch of [direct.batchId, viaInject.batch_id, overHttp.batch_id]) {
      if (batch) await releaseBatch(ctx.core, { companyId: company.id, batchId: batch });
    }
  }

  for (const [label, samples] of [
    ['next-batch 500', lease],
    ['report-results 100', report],
  ] as const) {
    const core = summarize(samples.core).p50;
    const inject = summarize(samples.inject).p50;
    const http = summarize(samples.http).p50;
    ctx.table.add({
      id: `phases-${label}`,
      figure: `${label} p50, layer by layer: the core's own call / + fastify (auth, validation, JSON) / + the socket`,
      value: http,
      unit: 'ms',
      baseline: `core ${core.toFixed(2)} ms, inject ${inject.toFixed(2)} ms`,
      baselineValue: core,
      target: 'context',
      met: null,
    });
  }

  // where a next-batch's time goes, by kind of work: a separate run under the profiler (it slows what it watches)
  const batches: string[] = [];
  const profiled = await profileWhile(`next-batch 500 through fastify's inject, ${rounds} calls, profiled`, async () => {
    for (let i = 0; i < rounds; i++) {
      const res = await ctx.port.app.inject({ method: 'GET', url, headers });
      batches.push((JSON.parse(res.body) as { batch_id: string }).batch_id);
    }
  });
  for (const batchId of batches) await releaseBatch(ctx.core, { companyId: company.id, batchId });
  ctx.table.addBreakdown(profiled);
}
