import { afterEach, describe, expect, it } from 'vitest';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResult } from '../../../src-main/core/results/record';
import { call, dialerWorld, ok, type DialerWorld, type World } from '../../world';

/** DESIGN.md §8 callbacks and do-not-call lists through the console's channels: bad input writes nothing. */
let d: DialerWorld;
afterEach(async () => d?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const world = () => d.w as World;
const iso = (ms: number) => new Date(ms).toISOString();
const callbackRows = () => d.core.db.sqlite.prepare('select id, due_at, state, updated_by from callbacks order by id').all();
const audits = () => d.count('audit_log');

/** one callback for company A, asked for in an hour */
async function withCallback(): Promise<number> {
  d = await dialerWorld({ numbers: 2, users: true });
  const w = world();
  const [n] = (await nextBatch(d.core, { companyId: w.companyA, size: 1, dialerId: 'x' })).numbers;
  await recordResult(d.core, w.companyA, {
    callId: 'c1',
    numberId: n.numberId,
    scenarioKey: 'sales',
    status: 'CALLBACK',
    startedAt: d.clock.clock(),
    durationS: 30,
    callbackAt: d.clock.clock() + HOUR,
  });
  return d.core.db.sqlite.prepare('select id from callbacks').pluck().get() as number;
}

describe('callbacks from the console', () => {
  it('a move into the past, more than 90 days out or to no time at all is refused with a clear message and writes nothing', async () => {
    const id = await withCallback();
    const w = world();
    const before = { rows: callbackRows(), audits: await audits() };
    const now = d.clock.clock();
    for (const [dueAt, words] of [
      [iso(now - 60_000), 'is in the past'],
      [iso(now + 90 * DAY + 60_000), 'more than 90 days ahead'],
      ['tomorrow at three', 'a time is ISO 8601'],
      ['2026-03-02 15:00', 'a time is ISO 8601'],
    ] as const) {
      const res = await call(d.core, w.users.supervisor, 'callbacks.move', { companyId: w.companyA, id, dueAt });
      expect(res, dueAt).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining(words) } });
    }
    expect({ rows: callbackRows(), audits: await audits() }).toEqual(before);

    const moved = ok(await call(d.core, w.users.supervisor, 'callbacks.move', { companyId: w.companyA, id, dueAt: iso(now + 2 * DAY) }));
    expect(moved).toMatchObject({ id, dueAt: iso(now + 2 * DAY), view: 'upcoming', state: 'pending', updatedBy: 'supervisor-a' });
    expect(await audits()).toBe(before.audits + 1);
  });

  it('another company cannot see, move or cancel it; a cancelled one cannot be moved', async () => {
    const id = await withCallback();
    const w = world();
    const now = d.clock.clock();
    const before = callbackRows();
    expect(await call(d.core, w.superuser, 'callbacks.move', { companyId: w.companyB, id, dueAt: iso(now + DAY) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(d.core, w.superuser, 'callbacks.cancel', { companyId: w.companyB, id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(ok(await call(d.core, w.superuser, 'callbacks.list', { companyId: w.companyB, view: 'upcoming' }))).toEqual({
      callbacks: [],
      counts: { due: 0, upcoming: 0, missed: 0 },
    });
    expect(callbackRows()).toEqual(before);

    expect(ok(await call(d.core, w.users.supervisor, 'callbacks.cancel', { companyId: w.companyA, id }))).toMatchObject({
      state: 'cancelled',
      view: 'cancelled',
    });
    expect(await call(d.core, w.users.supervisor, 'callbacks.move', { companyId: w.companyA, id, dueAt: iso(now + DAY) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('cancelled already') },
    });
  });

  it('lists due, upcoming and missed apart, with their counts', async () => {
    const id = await withCallback();
    const w = world();
    const list = async (view: 'due' | 'upcoming' | 'missed') =>
      ok(await call(d.core, w.users.viewer, 'callbacks.list', { companyId: w.companyA, view }));
    expect((await list('upcoming')).callbacks.map((c) => c.id)).toEqual([id]);
    expect((await list('due')).counts).toEqual({ due: 0, upcoming: 1, missed: 0 });
    d.clock.advance(HOUR);
    expect((await list('due')).callbacks.map((c) => c.view)).toEqual(['due']);
    d.clock.advance(2 * HOUR + 1);
    const missed = await list('missed');
    expect(missed.callbacks.map((c) => c.id)).toEqual([id]);
    expect(missed.counts).toEqual({ due: 0, upcoming: 0, missed: 1 });
  });
});

describe('do-not-call lists from the console', () => {
  it("a company's list is not another company's to read or export; a page asked for wrongly is refused", async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    ok(await call(d.core, w.superuser, 'numbers.dnc', { companyId: w.companyB, content: '+12125550100\n' }));
    expect(await call(d.core, w.users.admin, 'dnc.exportCsv', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(d.core, w.users.viewer, 'dnc.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const bad of [{ search: '1'.repeat(41) }, { limit: 0 }, { limit: 501 }, { offset: -1 }, { scope: 'site' }]) {
      expect(await call(d.core, w.users.viewer, 'dnc.list', bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
    }
  });
});
