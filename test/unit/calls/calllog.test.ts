import { afterEach, describe, expect, it } from 'vitest';
import type { CallListItem } from '../../../src-shared/contract/calls';
import { countCalls } from '../../../src-main/core/calllog/list';
import { call, makeTestCore, manualClock, ok, seedWorld, recordTestResult, seedDimensions, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

async function setup() {
  core = await makeTestCore({ clock: manualClock(Date.parse('2026-03-02T10:00:00Z')).clock });
  w = await seedWorld(core);
}

/** Every page of calls.list for these filters, following `next` to the end. */
async function allPages(filters: Record<string, unknown>, limit: number) {
  const items: CallListItem[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = ok(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, ...filters, limit, cursor }));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (!page.next) return items;
    cursor = page.next;
  }
  throw new Error('paging did not end');
}

describe('calls.list', () => {
  it('pages newest first without skipping or repeating rows that share a start time', async () => {
    await setup();
    const same = '2026-03-02T08:00:00Z';
    const ids: number[] = [];
    for (let i = 0; i < 23; i++)
      ids.push(await recordTestResult(core, { companyId: w.companyA, phone: `+4917100000${10 + i}`, status: 'BUSY', startedAt: same }));
    ids.push(
      await recordTestResult(core, {
        companyId: w.companyA,
        phone: '+4917100000099',
        status: 'ANSWERED',
        startedAt: '2026-03-02T09:00:00Z',
      }),
    );
    ids.push(
      await recordTestResult(core, {
        companyId: w.companyA,
        phone: '+4917100000098',
        status: 'ANSWERED',
        startedAt: '2026-03-02T07:00:00Z',
      }),
    );
    await recordTestResult(core, { companyId: w.companyB, phone: '+4917100000097', status: 'ANSWERED', startedAt: same });

    for (const limit of [1, 4, 5, 23, 200]) {
      const got = await allPages({}, limit);
      expect(
        got.map((i) => i.id),
        `limit ${limit}`,
      ).toEqual([ids[23], ...ids.slice(0, 23).reverse(), ids[24]]);
    }
    const page = ok(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, limit: 25 }));
    expect(page.next).toBeNull();
  });

  it('filters by status, scenario (0 = none), line, agent, direction and local dates at midnight', async () => {
    await setup();
    const d = await seedDimensions(core, w.companyA, 'a');
    const A = w.companyA; // Europe/Berlin: 2026-03-02 is [2026-03-01T23:00Z, 2026-03-02T23:00Z)
    const r = (phone: string, status: Parameters<typeof recordTestResult>[1]['status'], startedAt: string, extra = {}) =>
      recordTestResult(core, { companyId: A, phone, status, startedAt, ...extra });
    const early = await r('+4917100000001', 'ANSWERED', '2026-03-01T22:59:59Z', { scenarioId: d.scenarioId });
    const first = await r('+4917100000002', 'INTERESTED', '2026-03-01T23:00:00Z', { scenarioId: d.scenarioId, outboundLineId: d.lineId });
    const mid = await r('+4917100000003', 'BUSY', '2026-03-02T12:00:00Z', { agentId: d.agentId });
    const inbound = await r('+4917100000004', 'INBOUND_CALL', '2026-03-02T22:59:59Z');
    const late = await r('+4917100000005', 'ANSWERED', '2026-03-02T23:00:00Z');

    // every filter's count (the log's total) is the number of rows its pages hold
    const ids = async (f: Record<string, unknown>) => {
      const found = (await allPages(f, 50)).map((i) => i.id);
      expect(ok(await call(core, w.users.viewer, 'calls.count', { companyId: A, ...f })), JSON.stringify(f)).toEqual({
        total: found.length,
        capped: false,
      });
      return found;
    };
    expect(await ids({ from: '2026-03-02', to: '2026-03-02' })).toEqual([inbound, mid, first]);
    expect(await ids({ from: '2026-03-02' })).toEqual([late, inbound, mid, first]);
    expect(await ids({ to: '2026-03-01' })).toEqual([early]);
    expect(await ids({ status: ['ANSWERED'] })).toEqual([late, early]);
    expect(await ids({ status: ['ANSWERED', 'INTERESTED', 'INBOUND_CALL'] })).toEqual([late, inbound, first, early]);
    expect(await ids({ scenarioId: d.scenarioId })).toEqual([first, early]);
    expect(await ids({ scenarioId: 0 })).toEqual([late, inbound, mid]);
    expect(await ids({ outboundLineId: d.lineId })).toEqual([first]);
    expect(await ids({ agentId: d.agentId })).toEqual([mid]);
    expect(await ids({ direction: 'inbound' })).toEqual([inbound]);
    expect(await ids({ status: ['ANSWERED'], from: '2026-03-02', to: '2026-03-02' })).toEqual([]);

    // beyond the cap the count says "more than"
    expect(await countCalls(core.db, { companyId: A }, 3)).toEqual({ total: 3, capped: true });
    expect(await countCalls(core.db, { companyId: A, status: ['ANSWERED', 'INTERESTED', 'INBOUND_CALL'] }, 3)).toEqual({
      total: 3,
      capped: true,
    });
    expect(await countCalls(core.db, { companyId: A, status: ['ANSWERED', 'INTERESTED'] }, 3)).toEqual({ total: 3, capped: false });

    const item = (await allPages({ scenarioId: d.scenarioId, status: ['INTERESTED'] }, 5))[0]!;
    expect(item).toMatchObject({
      scenarioName: 'Scenario a',
      scenarioKey: 'sc-a',
      outboundLineName: 'Line a',
      billable: true,
      direction: 'outbound',
      startedAt: '2026-03-01T23:00:00.000Z',
      hasRecording: false,
      hasTranscript: false,
    });
  });

  it('finds a number typed any way, or by the start of its international form', async () => {
    await setup();
    const a = await recordTestResult(core, {
      companyId: w.companyA,
      phone: '+4917012345678',
      status: 'BUSY',
      startedAt: '2026-03-02T08:00:00Z',
    });
    const b = await recordTestResult(core, {
      companyId: w.companyA,
      phone: '+4917012345678',
      status: 'ANSWERED',
      startedAt: '2026-03-02T09:00:00Z',
    });
    const c = await recordTestResult(core, {
      companyId: w.companyA,
      phone: '+4917099999999',
      status: 'BUSY',
      startedAt: '2026-03-02T07:00:00Z',
    });
    await recordTestResult(core, { companyId: w.companyA, phone: '+989121234567', status: 'BUSY', startedAt: '2026-03-02T07:00:00Z' });
    const ids = async (phone: string) => (await allPages({ phone }, 10)).map((i) => i.id);
    expect(await ids('+49 170 1234 5678')).toEqual([b, a]);
    expect(await ids('0049 (170) 12345678')).toEqual([b, a]);
    expect(await ids('+49170')).toEqual([b, a, c]);
    expect(await ids('4917012')).toEqual([b, a]);
    expect(await ids('+4915')).toEqual([]);
    expect(await ids('+49 170 5555 5555')).toEqual([]);
    // national, as people type it: Acme has no default country yet, so it says what is missing instead of finding nothing
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, phone: '0170 1234 5678' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/^phone: .*default country/) },
    });
    ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, defaultCountry: 'DE' }));
    expect(await ids('0170 1234 5678')).toEqual([b, a]);
    expect(await ids('۰۱۷۰۱۲۳۴۵۶۷۸')).toEqual([b, a]);
  });

  it('refuses a forged cursor, a page over 200 and another company', async () => {
    await setup();
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, limit: 10, cursor: 'bm9wZQ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('cursor') },
    });
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, limit: 201 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, status: ['LOST'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyA, phone: 'abc' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call(core, w.users.viewer, 'calls.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('calls.get', () => {
  it('shows the transcript, recording, captured data, names, the charge and the number’s history here', async () => {
    await setup();
    const d = await seedDimensions(core, w.companyA, 'a');
    const phone = '+4917012345678';
    const older = await recordTestResult(core, { companyId: w.companyA, phone, status: 'NO_ANSWER', startedAt: '2026-02-20T08:00:00Z' });
    await recordTestResult(core, { companyId: w.companyB, phone, status: 'ANSWERED', startedAt: '2026-02-21T08:00:00Z' });
    const id = await recordTestResult(core, {
      companyId: w.companyA,
      phone,
      status: 'INTERESTED',
      startedAt: '2026-03-02T08:00:00Z',
      durationS: 61,
      scenarioId: d.scenarioId,
      outboundLineId: d.lineId,
      agentId: d.agentId,
      transcript: 'Agent: hello\nCustomer: yes, "please"',
      recordingUrl: 'https://rec.example/1.mp3',
      data: { order: { sku: 'A1', qty: 2 } },
    });
    const newer = await recordTestResult(core, { companyId: w.companyA, phone, status: 'CALLBACK', startedAt: '2026-03-02T09:00:00Z' });

    const detail = ok(await call(core, w.users.viewer, 'calls.get', { companyId: w.companyA, id }));
    expect(detail).toMatchObject({
      id,
      phone,
      status: 'INTERESTED',
      durationS: 61,
      amountCharged: 50,
      billable: true,
      scenarioName: 'Scenario a',
      outboundLineName: 'Line a',
      agentName: 'Agent a',
      transcript: 'Agent: hello\nCustomer: yes, "please"',
      recordingUrl: 'https://rec.example/1.mp3',
      data: { order: { sku: 'A1', qty: 2 } },
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      hasRecording: true,
      hasTranscript: true,
      historyTruncated: false,
    });
    expect(detail.ledgerEntries).toEqual([expect.objectContaining({ kind: 'charge', amount: -50, balanceAfter: -50 })]);
    expect(detail.history.map((h) => h.id)).toEqual([newer, older]);
  });

  it('caps the history and keeps unparsable data as text', async () => {
    await setup();
    const phone = '+4917012345678';
    for (let i = 0; i < 55; i++)
      await recordTestResult(core, {
        companyId: w.companyA,
        phone,
        status: 'BUSY',
        startedAt: Date.parse('2026-02-01T00:00:00Z') + i * 60_000,
      });
    const id = await recordTestResult(core, { companyId: w.companyA, phone, status: 'NO_ANSWER', startedAt: '2026-03-02T08:00:00Z' });
    // a value no recorder writes today (an older build, a hand edit) must not break the detail
    await core.db.run('update call_results set data = ? where id = ?', ['not json', id]);
    const detail = ok(await call(core, w.users.supervisor, 'calls.get', { companyId: w.companyA, id }));
    expect(detail.history).toHaveLength(50);
    expect(detail.historyTruncated).toBe(true);
    expect(detail.data).toBe('not json');
    expect(detail.ledgerEntries).toEqual([]);
  });

  it('does not show another company’s result, even to the superuser asking under the wrong company', async () => {
    await setup();
    const theirs = await recordTestResult(core, {
      companyId: w.companyB,
      phone: '+4917012345678',
      status: 'BUSY',
      startedAt: '2026-03-02T08:00:00Z',
    });
    expect(await call(core, w.superuser, 'calls.get', { companyId: w.companyA, id: theirs })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, w.users.admin, 'calls.get', { companyId: w.companyB, id: theirs })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(ok(await call(core, w.superuser, 'calls.get', { companyId: w.companyB, id: theirs })).id).toBe(theirs);
  });
});
