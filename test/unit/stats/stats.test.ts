import { afterEach, describe, expect, it } from 'vitest';
import { createCompany } from '../../../src-main/core/companies/companies';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { statsMatrix } from '../../../src-main/core/stats/matrix';
import { statsSeries } from '../../../src-main/core/stats/series';
import { localDays } from '../../../src-main/core/stats/range';
import { CALL_STATUSES, type CallStatus } from '../../../src-shared/statuses';
import { call, makeTestCore, manualClock, ok, seedWorld, recordTestResult, seedDimensions, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const NOW = Date.parse('2026-03-02T10:00:00Z'); // 11:00 in Berlin, 13:30 in Tehran

async function setup() {
  const clock = manualClock(NOW);
  core = await makeTestCore({ clock: clock.clock });
  const w = await seedWorld(core);
  const tehran = (
    await createCompany(
      core.db,
      CLI_ACTOR,
      {
        slug: 'parsian',
        name: 'Parsian',
        timezone: 'Asia/Tehran',
        currency: 'IRR',
        billingMode: 'per_call',
        costPerBillable: 1000,
        costPerMinute: 0,
        lowBalanceThreshold: 0,
      },
      NOW,
    )
  ).id;
  return { w, tehran, dims: await seedDimensions(core, w.companyA, 'a'), dims2: await seedDimensions(core, w.companyA, 'b') };
}

const result = (
  companyId: number,
  status: CallStatus,
  startedAt: string | number,
  extra: Partial<Parameters<typeof recordTestResult>[1]> = {},
) => recordTestResult(core, { companyId, phone: `+4917${Math.floor(Math.random() * 1e8)}`, status, startedAt, ...extra });

describe('stats.matrix', () => {
  it('counts per scenario with names, the "—" row, totals, cost and answer rate, over today in Berlin', async () => {
    const { w, dims, dims2 } = await setup();
    const A = w.companyA;
    // today in Berlin is [2026-03-01T23:00Z, 2026-03-02T23:00Z)
    await result(A, 'ANSWERED', '2026-03-01T22:59:59Z', { scenarioId: dims.scenarioId }); // yesterday 23:59:59
    await result(A, 'ANSWERED', '2026-03-01T23:00:00Z', { scenarioId: dims.scenarioId, durationS: 30 });
    await result(A, 'INTERESTED', '2026-03-02T08:10:00Z', { scenarioId: dims.scenarioId, durationS: 90 });
    await result(A, 'NO_ANSWER', '2026-03-02T08:11:00Z', { scenarioId: dims.scenarioId });
    await result(A, 'BUSY', '2026-03-02T09:00:00Z', { scenarioId: dims2.scenarioId });
    await result(A, 'INBOUND_CALL', '2026-03-02T09:30:00Z', { durationS: 12 });
    await result(A, 'FAILED', '2026-03-02T22:59:59Z'); // today 23:59:59
    await result(A, 'ANSWERED', '2026-03-02T23:00:00Z', { scenarioId: dims.scenarioId }); // tomorrow
    await result(w.companyB, 'ANSWERED', '2026-03-02T08:00:00Z', {}); // another company

    const m = ok(await call(core, w.users.viewer, 'stats.matrix', { companyId: A, range: { preset: 'today' }, groupBy: 'scenario' }));
    expect(m.range).toEqual({
      from: '2026-03-02',
      to: '2026-03-02',
      timezone: 'Europe/Berlin',
      startAt: '2026-03-01T23:00:00.000Z',
      endAt: '2026-03-02T23:00:00.000Z',
    });
    expect(m.currency).toBe('EUR');
    expect(m.rows.map((r) => [r.id, r.name, r.total])).toEqual([
      [dims.scenarioId, 'Scenario a', 3],
      [dims2.scenarioId, 'Scenario b', 1],
    ]);
    const a = m.rows[0]!;
    expect(a.counts).toMatchObject({ ANSWERED: 1, INTERESTED: 1, NO_ANSWER: 1, BUSY: 0 });
    expect(Object.keys(a.counts)).toEqual([...CALL_STATUSES]);
    expect(a).toMatchObject({ billable: 2, inbound: 0, outbound: 3, cost: 100, durationS: 120 });
    expect(a.answerRate).toBeCloseTo(2 / 3);
    expect(m.none).toMatchObject({ inbound: 1, outbound: 1, billable: 0, answerRate: 0, counts: { INBOUND_CALL: 1, FAILED: 1 } });
    expect(m.totals).toMatchObject({ total: 6, billable: 2, inbound: 1, outbound: 5, cost: 100, durationS: 132 });
    expect(m.totals.answerRate).toBeCloseTo(2 / 5);

    const yesterday = ok(
      await call(core, w.users.viewer, 'stats.matrix', { companyId: A, range: { preset: 'yesterday' }, groupBy: 'scenario' }),
    );
    expect(yesterday.totals.total).toBe(1);
  });

  it('groups by line and by agent with their names', async () => {
    const { w, dims } = await setup();
    await result(w.companyA, 'CALLBACK', '2026-03-02T08:00:00Z', { outboundLineId: dims.lineId, agentId: dims.agentId });
    await result(w.companyA, 'HANGUP', '2026-03-02T08:00:00Z', { outboundLineId: dims.lineId });
    const byLine = await statsMatrix(core.db, { companyId: w.companyA, range: { preset: 'today' }, groupBy: 'line' }, NOW);
    expect(byLine.rows).toHaveLength(1);
    expect(byLine.rows[0]!.name).toMatch(/^Line a \(\+4930\d+\)$/);
    const byAgent = await statsMatrix(core.db, { companyId: w.companyA, range: { preset: 'today' }, groupBy: 'agent' }, NOW);
    expect(byAgent.rows.map((r) => [r.name, r.total])).toEqual([['Agent a', 1]]);
    expect(byAgent.none?.total).toBe(1);
    expect(byAgent.totals.answerRate).toBe(1);
  });

  it("by agent: each agent's own answer rate and talk time, and the calls no agent took kept out of the rows", async () => {
    const { w, dims, dims2 } = await setup();
    const A = w.companyA;
    const at = '2026-03-02T08:00:00Z';
    // a predictive dialer: unanswered calls reach no agent
    for (let i = 0; i < 6; i++) await result(A, 'NO_ANSWER', at);
    await result(A, 'BUSY', at);
    // agent a: three answered (60 + 120 + 30 s), one hung up at once
    await result(A, 'ANSWERED', at, { agentId: dims.agentId, durationS: 60 });
    await result(A, 'INTERESTED', at, { agentId: dims.agentId, durationS: 120 });
    await result(A, 'NOT_INTERESTED', at, { agentId: dims.agentId, durationS: 30 });
    await result(A, 'HANGUP', at, { agentId: dims.agentId, durationS: 2 });
    // agent b dials by hand (preview): two of four reached a person
    await result(A, 'ANSWERED', at, { agentId: dims2.agentId, durationS: 45 });
    await result(A, 'CALLBACK', at, { agentId: dims2.agentId, durationS: 15 });
    await result(A, 'NO_ANSWER', at, { agentId: dims2.agentId });
    await result(A, 'BUSY', at, { agentId: dims2.agentId });
    const m = await statsMatrix(core.db, { companyId: A, range: { preset: 'today' }, groupBy: 'agent' }, NOW);
    expect(m.rows.map((r) => [r.name, r.total, r.answerRate, r.durationS])).toEqual([
      ['Agent a', 4, 1, 212],
      ['Agent b', 4, 0.5, 60],
    ]);
    expect(m.rows.some((r) => r.id === 0)).toBe(false);
    expect(m.none).toMatchObject({ total: 7, billable: 0, durationS: 0, counts: { NO_ANSWER: 6, BUSY: 1 } });
    expect(m.totals).toMatchObject({ total: 15, billable: 6, durationS: 272 });
    expect(m.totals.answerRate).toBeCloseTo(6 / 15);
  });

  it('counts a 25-hour DST day whole, and nothing of its neighbours', async () => {
    const { w } = await setup();
    const A = w.companyA; // Europe/Berlin; 2026-10-25 runs 2026-10-24T22:00Z .. 2026-10-25T23:00Z
    await result(A, 'BUSY', '2026-10-24T21:59:00Z');
    await result(A, 'ANSWERED', '2026-10-24T22:00:00Z');
    await result(A, 'ANSWERED', '2026-10-25T00:30:00Z'); // 02:30 CEST
    await result(A, 'ANSWERED', '2026-10-25T01:30:00Z'); // 02:30 CET, the second time round
    await result(A, 'ANSWERED', '2026-10-25T22:45:00Z'); // 23:45 CET
    await result(A, 'BUSY', '2026-10-25T23:00:00Z');
    const m = await statsMatrix(core.db, { companyId: A, range: { from: '2026-10-25', to: '2026-10-25' }, groupBy: 'scenario' }, NOW);
    expect(m.totals.counts).toMatchObject({ ANSWERED: 4, BUSY: 0 });

    const spring = await statsMatrix(core.db, { companyId: A, range: { from: '2026-03-29', to: '2026-03-29' }, groupBy: 'agent' }, NOW);
    expect([spring.range.startAt, spring.range.endAt]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('cuts a +03:30 day at 20:30 UTC', async () => {
    const { w, tehran } = await setup();
    await result(tehran, 'ANSWERED', '2026-03-01T20:29:59Z', {});
    await result(tehran, 'ANSWERED', '2026-03-01T20:30:00Z', {});
    await result(tehran, 'POWER_OFF', '2026-03-02T20:29:00Z');
    await result(tehran, 'INVALID', '2026-03-02T20:30:00Z');
    const m = ok(
      await call(core, w.superuser, 'stats.matrix', {
        companyId: tehran,
        range: { from: '2026-03-02', to: '2026-03-02' },
        groupBy: 'scenario',
      }),
    );
    expect(m.totals.counts).toMatchObject({ ANSWERED: 1, POWER_OFF: 1, INVALID: 0 });
    expect(m.totals.cost).toBe(1000);
    expect(m.currency).toBe('IRR');
  });

  it('agrees with a count of the call log over long ranges in odd zones (days, hours and quarters combined)', async () => {
    const { w, tehran, dims } = await setup();
    const kathmandu = (
      await createCompany(
        core.db,
        CLI_ACTOR,
        {
          slug: 'everest',
          name: 'Everest',
          timezone: 'Asia/Kathmandu',
          currency: 'NPR',
          billingMode: 'per_call',
          costPerBillable: 7,
          costPerMinute: 0,
          lowBalanceThreshold: 0,
        },
        NOW,
      )
    ).id;
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const start = Date.parse('2026-01-20T00:00:00Z');
    for (const company of [w.companyA, tehran, kathmandu]) {
      for (let i = 0; i < 600; i++) {
        const status = CALL_STATUSES[rnd(CALL_STATUSES.length)]!;
        await result(company, status, start + rnd(60 * 24 * 60) * 60_000 + rnd(60) * 1000, {
          scenarioId: company === w.companyA && rnd(2) ? dims.scenarioId : null,
          durationS: rnd(100),
        });
      }
    }
    for (const [company, tz] of [
      [w.companyA, 'Europe/Berlin'],
      [tehran, 'Asia/Tehran'],
      [kathmandu, 'Asia/Kathmandu'],
    ] as const) {
      for (const [from, to] of [
        ['2026-02-01', '2026-02-28'],
        ['2026-02-03', '2026-02-03'],
        ['2026-01-25', '2026-03-15'],
      ]) {
        const r = localDays(from, to, tz);
        const expected = await core.db.all<{ status: CallStatus; n: number; c: number }>(
          'select status, count(*) n, sum(amount_charged) c from call_results where company_id = ? and started_at >= ? and started_at < ? group by status',
          [company, r.startMs, r.endMs],
        );
        const m = await statsMatrix(core.db, { companyId: company, range: { from, to }, groupBy: 'scenario' }, NOW);
        expect(m.totals.total, `${tz} ${from}..${to}`).toBe(expected.reduce((s, e) => s + e.n, 0));
        expect(m.totals.cost).toBe(expected.reduce((s, e) => s + e.c, 0));
        for (const e of expected) expect(m.totals.counts[e.status]).toBe(e.n);
        const days = await statsSeries(core.db, { companyId: company, range: { from, to }, granularity: 'day' }, NOW);
        expect(days.buckets.reduce((s, b) => s + b.total, 0)).toBe(m.totals.total);
        for (const b of days.buckets) {
          const day = localDays(b.date, b.date, tz);
          const n = await core.db.value('select count(*) from call_results where company_id = ? and started_at >= ? and started_at < ?', [
            company,
            day.startMs,
            day.endMs,
          ]);
          expect(b.total, `${tz} ${b.date}`).toBe(n);
        }
      }
    }
  });
});

describe('stats.series', () => {
  it('has 25 hourly buckets on a fall-back day, two of them at 02:00', async () => {
    const { w } = await setup();
    await result(w.companyA, 'ANSWERED', '2026-10-25T00:30:00Z'); // 02:30 CEST
    await result(w.companyA, 'BUSY', '2026-10-25T01:30:00Z'); // 02:30 CET
    await result(w.companyA, 'BUSY', '2026-10-25T01:45:00Z');
    const s = ok(
      await call(core, w.users.viewer, 'stats.series', {
        companyId: w.companyA,
        range: { from: '2026-10-25', to: '2026-10-25' },
        granularity: 'hour',
      }),
    );
    expect(s.buckets).toHaveLength(25);
    const twos = s.buckets.filter((b) => b.time === '02:00');
    expect(twos.map((b) => [b.start, b.utcOffsetMinutes, b.counts.ANSWERED, b.counts.BUSY])).toEqual([
      ['2026-10-25T00:00:00.000Z', 120, 1, 0],
      ['2026-10-25T01:00:00.000Z', 60, 0, 2],
    ]);
    expect(s.buckets[0]).toMatchObject({ date: '2026-10-25', time: '00:00', start: '2026-10-24T22:00:00.000Z' });
    expect(s.buckets[24]).toMatchObject({ time: '23:00', start: '2026-10-25T22:00:00.000Z' });
    expect(twos[0]!.answerRate).toBe(1);
    expect(twos[1]!.answerRate).toBe(0);
    expect(s.buckets[5]!.answerRate).toBeNull();
  });

  it('has 23 hourly buckets and no 02:00 on a spring-forward day', async () => {
    const { w } = await setup();
    const s = await statsSeries(
      core.db,
      { companyId: w.companyA, range: { from: '2026-03-29', to: '2026-03-29' }, granularity: 'hour' },
      NOW,
    );
    expect(s.buckets.map((b) => b.time)).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`).filter((t) => t !== '02:00'),
    );
  });

  it('starts hours at :30 UTC in Tehran and sums days of the company calendar', async () => {
    const { tehran } = await setup();
    await result(tehran, 'ANSWERED', '2026-03-01T20:29:00Z'); // 23:59 on March 1st
    await result(tehran, 'ANSWERED', '2026-03-01T20:30:00Z'); // 00:00 on March 2nd
    await result(tehran, 'NO_ANSWER', '2026-03-01T21:29:00Z'); // 00:59
    await result(tehran, 'NO_ANSWER', '2026-03-02T10:00:00Z'); // 13:30, "now"
    const hours = await statsSeries(core.db, { companyId: tehran, range: { preset: 'today' }, granularity: 'hour' }, NOW);
    expect(hours.buckets).toHaveLength(24);
    expect(hours.buckets[0]).toMatchObject({ start: '2026-03-01T20:30:00.000Z', time: '00:00', utcOffsetMinutes: 210, total: 2 });
    expect(hours.buckets[13]).toMatchObject({ start: '2026-03-02T09:30:00.000Z', time: '13:00', total: 1 });
    const days = await statsSeries(core.db, { companyId: tehran, range: { preset: 'last7' }, granularity: 'day' }, NOW);
    expect(days.buckets.map((b) => [b.date, b.total])).toEqual([
      ['2026-02-24', 0],
      ['2026-02-25', 0],
      ['2026-02-26', 0],
      ['2026-02-27', 0],
      ['2026-02-28', 0],
      ['2026-03-01', 1],
      ['2026-03-02', 3],
    ]);
    expect(days.buckets[6]!.answerRate).toBeCloseTo(1 / 3);
  });

  it('refuses an hourly chart over a long range and a reversed range', async () => {
    const { w } = await setup();
    const long = await call(core, w.superuser, 'stats.series', {
      companyId: w.companyA,
      range: { from: '2026-01-01', to: '2026-06-30' },
      granularity: 'hour',
    });
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const reversed = await call(core, w.superuser, 'stats.matrix', {
      companyId: w.companyA,
      range: { from: '2026-03-02', to: '2026-03-01' },
      groupBy: 'line',
    });
    expect(reversed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const notADate = await call(core, w.superuser, 'stats.matrix', {
      companyId: w.companyA,
      range: { from: '2026-02-30', to: '2026-03-01' },
      groupBy: 'line',
    });
    expect(notADate).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const other = await call(core, w.users.viewer, 'stats.matrix', { companyId: w.companyB, range: { preset: 'today' }, groupBy: 'line' });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
