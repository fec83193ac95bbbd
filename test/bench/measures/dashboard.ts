import type { Input } from '../../../src-shared/contract';
import type { StatsRangeInput } from '../../../src-shared/contract/stats';
import type { BenchContext } from '../context';
import { bareCount } from '../baselines';
import { summarize, timeRuns } from '../harness/stats';

const DAY_MS = 86_400_000;

/**
 * The dashboard matrix and call-log pages as the console asks for them (through the handler table:
 * validation, role check, the real services), for the company that has dialed the most, each beside
 * a bare COUNT(*) of the same company's results over the same range.
 */
export async function measureDashboard(ctx: BenchContext): Promise<void> {
  const runs = ctx.quick ? 10 : 30;
  const company = ctx.heavy;
  const db = ctx.core.db;
  const localDate = (ms: number) => new Date(ms + company.profile.offsetMinutes * 60_000).toISOString().slice(0, 10);
  const today = localDate(ctx.clock());
  const days90 = localDate(ctx.clock() - 89 * DAY_MS);

  const ranges: [string, StatsRangeInput][] = [
    ['today', { preset: 'today' }],
    ['this month', { preset: 'thisMonth' }],
    ['90 days', { from: days90, to: today }],
  ];
  for (const [label, range] of ranges) {
    const answer = await ctx.rpc('stats.matrix', { companyId: company.id, range, groupBy: 'scenario' });
    const samples = await timeRuns(runs, (i) =>
      ctx.rpc('stats.matrix', { companyId: company.id, range, groupBy: i % 3 === 0 ? 'agent' : 'scenario' }),
    );
    const base = bareCount(db, company.id, Date.parse(answer.range.startAt), Date.parse(answer.range.endAt));
    const s = summarize(samples);
    ctx.table.add({
      id: `matrix-${label.replace(/ /g, '-')}`,
      figure: `dashboard matrix, ${label} (${fmtCount(base.count)} results), p99 of ${s.n}`,
      value: s.p99,
      unit: 'ms',
      baseline: 'bare COUNT(*) of those results',
      baselineValue: base.ms,
      target: '≤ 100 ms',
      met: s.p99 <= 100,
      note: `p50 ${s.p50.toFixed(2)} ms`,
    });
  }

  const pages: [string, Input<'calls.list'>][] = [
    ['call log, newest page of 50, no filter', { companyId: company.id, limit: 50 }],
    [
      'call log, page of 50, 90 days, INTERESTED in one scenario',
      { companyId: company.id, limit: 50, from: days90, to: today, status: ['INTERESTED'], scenarioId: firstScenario(ctx, company.id) },
    ],
    [
      'call log, page of 50, 90 days, agent and BUSY/CALLBACK',
      { companyId: company.id, limit: 50, from: days90, to: today, status: ['BUSY', 'CALLBACK'], agentId: firstAgent(ctx, company.id) },
    ],
  ];
  const base = bareCount(db, company.id, ctx.clock() - 90 * DAY_MS, ctx.clock());
  for (const [label, input] of pages) {
    // the 20th page, reached by its cursor: keyset paging costs the same deep in the log
    let cursor: string | undefined;
    for (let p = 0; p < 19; p++) cursor = (await ctx.rpc('calls.list', { ...input, cursor })).next ?? undefined;
    const samples = await timeRuns(runs, (i) => ctx.rpc('calls.list', i % 2 ? { ...input, cursor } : input));
    const s = summarize(samples);
    ctx.table.add({
      id: `calllog-${label}`,
      figure: `${label} (first and 20th page), p99 of ${s.n}`,
      value: s.p99,
      unit: 'ms',
      baseline: `bare COUNT(*) of 90 days (${fmtCount(base.count)})`,
      baselineValue: base.ms,
      target: '≤ 100 ms',
      met: s.p99 <= 100,
      note: `p50 ${s.p50.toFixed(2)} ms`,
    });
  }
}

const fmtCount = (n: number) => n.toLocaleString('en-US');

function firstScenario(ctx: BenchContext, companyId: number): number {
  return ctx.core.db.sqlite.prepare('select min(id) from scenarios where company_id = ?').pluck().get(companyId) as number;
}

function firstAgent(ctx: BenchContext, companyId: number): number {
  return ctx.core.db.sqlite
    .prepare(`select min(id) from agents where company_id = ? and type = 'outbound'`)
    .pluck()
    .get(companyId) as number;
}
