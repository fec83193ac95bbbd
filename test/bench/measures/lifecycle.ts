import type { BenchContext } from '../context';
import type { CompanyInfo } from '../generate';
import { dialingFor, interleavedLeases, lease } from '../harness/interleaved';
import { summarize } from '../harness/stats';
import { NEXT_BATCH_P99_RATIO } from './next-batch';
import { poolWritten } from '../../../src-main/core/dialer/pool-cache';

const HOUR = 3_600_000;
/** three statuses recycled, as a campaign would set them */
const RULES = [
  { status: 'NO_ANSWER', delayMinutes: 240, maxRetries: 3 },
  { status: 'BUSY', delayMinutes: 30, maxRetries: 3 },
  { status: 'HANGUP', delayMinutes: 60, maxRetries: 2 },
] as const;

/**
 * next-batch 500 with the number lifecycle on (DESIGN.md §8), for the new company (5% dialed) and the
 * one that has dialed 90%: recycling rules on three statuses with a retry queue of 5% of the pool
 * per company (half of it due), and callbacks due over the day (50k across the two; 5k with --quick),
 * so each batch walks the callback phase, the retry phase and the fresh phase. Interleaved request by
 * request with the bare indexed SELECT … LIMIT 500, as the plain next-batch rows are.
 */
export async function measureLifecycle(ctx: BenchContext): Promise<void> {
  const iterations = ctx.quick ? 60 : 400;
  const callbacksEach = (ctx.quick ? 5_000 : 50_000) / 2;
  const queueEach = Math.round(ctx.dataset.manifest.params.numbers * 0.05);
  const now = ctx.clock();
  const setupStart = Date.now();
  for (const company of [ctx.fresh, ctx.heavy]) seedLifecycle(ctx, company, now, queueEach, callbacksEach);
  for (const company of [ctx.fresh, ctx.heavy])
    for (const rule of RULES) await ctx.rpc('recycling.save', { companyId: company.id, ...rule, ownAttempt: false, isActive: true });
  poolWritten(ctx.core.db, { poolGrew: true });
  ctx.log(`  seeded ${queueEach} retries and ${callbacksEach} callbacks per company in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

  // a third company with the lifecycle off, interleaved with the others: the same-moment control
  const control = ctx.companies.find((c) => c.id !== ctx.fresh.id && c.id !== ctx.heavy.id)!;
  const dialings = [ctx.fresh, ctx.heavy, control].map((company) => dialingFor(ctx, company));
  // untimed warm-up: the first lease after the rules changed reads them and the lists once
  for (const d of dialings) await lease(d, 'bench-lc-warm');
  const base = summarize((await interleavedLeases(ctx, dialings, iterations, 'bench-lc')).select);
  const off = summarize(dialings[2].samples);
  for (const [q, v, b] of [
    ['p50', off.p50, base.p50],
    ['p99', off.p99, base.p99],
  ] as const) {
    ctx.table.add({
      id: `next-batch-lifecycle-off-${q}-${control.slug}`,
      figure: `next-batch 500 ${q}, lifecycle off, ${Math.round(control.dialedShare * 100)}% dialed, interleaved with the rows below (${off.n} calls)`,
      value: v,
      unit: 'ms',
      baseline: `bare SELECT … LIMIT 500 ${q}`,
      baselineValue: b,
      target: 'context',
      met: null,
    });
  }
  for (const d of dialings.slice(0, 2)) {
    const s = summarize(d.samples);
    const kind = (k: string) => d.kinds[k] ?? 0;
    const total = kind('callback') + kind('recycled') + kind('fresh') || 1;
    const mix = `numbers leased: ${pctOf(kind('callback'), total)} callbacks, ${pctOf(kind('recycled'), total)} retries, ${pctOf(kind('fresh'), total)} fresh`;
    for (const [q, v, b] of [
      ['p50', s.p50, base.p50],
      ['p99', s.p99, base.p99],
    ] as const) {
      ctx.table.add({
        id: `next-batch-lifecycle-${q}-${d.company.slug}`,
        figure: `next-batch 500 ${q} with recycling (3 statuses) and callbacks on, ${Math.round(d.company.dialedShare * 100)}% dialed (${s.n} calls)`,
        value: v,
        unit: 'ms',
        baseline: `bare SELECT … LIMIT 500 ${q}`,
        baselineValue: b,
        target: q === 'p99' ? `≤ ${NEXT_BATCH_P99_RATIO}× baseline` : 'context',
        met: q === 'p99' ? v <= NEXT_BATCH_P99_RATIO * b : null,
        note: `${mix}; ${(v / (q === 'p50' ? off.p50 : off.p99)).toFixed(2)}× the lifecycle-off company's ${q} beside it; plain next-batch ${q} earlier in this run ${plain(ctx, q, d.company)}`,
      });
    }
  }
}

/** the same figure without the lifecycle, from the plain next-batch rows when they ran in this run */
function plain(ctx: BenchContext, q: string, company: CompanyInfo): string {
  const row = ctx.table.rows.find((r) => r.id === `next-batch-${q}-${company.slug}`);
  return row ? `${row.value.toFixed(1)} ms` : 'not measured';
}

const pctOf = (n: number, total: number) => `${Math.round((n / total) * 100)}%`;

/**
 * Retries and callbacks written straight into the working copy, as the recorder would have left them.
 * Retries: numbers the company called more than the global cooldown ago, their last status one the
 * rules recycle, due from 12 h ago to 12 h ahead. Callbacks: numbers it has not called (a callee who
 * called in, say), due across the day, from the 2 h grace ago to 22 h ahead.
 */
function seedLifecycle(ctx: BenchContext, company: CompanyInfo, now: number, queue: number, callbacks: number): void {
  const s = ctx.core.db.sqlite;
  const retries = s
    .prepare(
      `select cc.number_id from company_calls cc join numbers n on n.id = cc.number_id
       where cc.company_id = ? and n.global_status = 'active' and n.last_called_at < ?
       order by cc.number_id limit ?`,
    )
    .pluck()
    .all(company.id, now - 4 * 24 * HOUR, queue) as number[];
  const asked = s
    .prepare(
      `select n.id from numbers n where n.global_status = 'active'
         and not exists (select 1 from company_calls cc where cc.company_id = ? and cc.number_id = n.id)
       order by n.id desc limit ?`,
    )
    .pluck()
    .all(company.id, callbacks) as number[];
  if (retries.length < queue) ctx.log(`  ${company.slug}: ${retries.length} numbers to seed retries on, not ${queue}`);
  const callsTouched = s.prepare(
    'update company_calls set attempts = 1, last_status = ?, last_called_at = (select last_called_at from numbers where id = ?) where company_id = ? and number_id = ?',
  );
  const retry = s.prepare('insert or replace into recycles (company_id, number_id, status, due_at) values (?, ?, ?, ?)');
  const callback = s.prepare(
    `insert into callbacks (company_id, number_id, due_at, state, created_at, updated_at, updated_by) values (?, ?, ?, 'pending', ?, ?, 'bench')`,
  );
  s.transaction(() => {
    retries.forEach((id, i) => {
      const status = RULES[i % RULES.length].status;
      callsTouched.run(status, id, company.id, id);
      retry.run(company.id, id, status, now - 12 * HOUR + Math.floor((i / retries.length) * 24 * HOUR));
    });
    asked.forEach((id, i) => callback.run(company.id, id, now - 2 * HOUR + Math.floor((i / asked.length) * 24 * HOUR), now, now));
  })();
}
