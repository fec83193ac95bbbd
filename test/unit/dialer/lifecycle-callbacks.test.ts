import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResult, recordResults } from '../../../src-main/core/results/record';
import { cancelCallback, dueCallbacksByCompany, listCallbacks, moveCallback } from '../../../src-main/core/callbacks/callbacks';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { AppError } from '../../../src-main/core/errors';
import { importDoNotCall } from '../../../src-main/core/dnc/dnc';
import { attemptCounts } from '../../../src-main/core/stats/attempts';
import type { CallStatus } from '../../../src-shared/statuses';
import { dialerWorld, report, type DialerWorld } from '../../world';

/** DESIGN.md §8 callbacks, as the recorder takes them and the lease hands them out (cache on and off: vitest.config.ts). */
let d: DialerWorld;
afterEach(async () => d?.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const lease = (companyId: number, size = 100) => nextBatch(d.core, { companyId, size, dialerId: 'd1' });
const ids = (b: { numbers: { numberId: number }[] }) => b.numbers.map((n) => n.numberId);
const releaseAll = () => d.core.db.run('delete from leases');
let seq = 0;
const call = (companyId: number, numberId: number, status: CallStatus, extra: { callbackAt?: number; agentId?: number } = {}) =>
  recordResult(d.core, companyId, {
    callId: `c-${++seq}`,
    numberId,
    scenarioKey: 'sales',
    status,
    startedAt: d.clock.clock(),
    durationS: 0,
    callbackAt: extra.callbackAt,
    agentId: extra.agentId,
  });
const agent = async (companyId: number, name: string) =>
  Number(
    await d.core.db.value(
      "insert into agents (company_id, name, extension, type, created_at) values (?, ?, '1001', 'outbound', 0) returning id",
      [companyId, name],
    ),
  );
const tables = async () => ({
  results: await d.count('call_results'),
  callbacks: await d.count('callbacks'),
  ledger: await d.count('ledger_entries'),
  calls: await d.count('company_calls'),
});

describe('a result with callback_at', () => {
  it('is refused, writing nothing, when the time is past, more than 90 days out, or the number ends with the call', async () => {
    d = await dialerWorld({ numbers: 1 });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    const before = await tables();
    const refused = async (status: CallStatus, callbackAt: number) => {
      try {
        await call(d.w.companyA, n1, status, { callbackAt });
        return null;
      } catch (err) {
        return err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
      }
    };
    expect(await refused('CALLBACK', d.clock.clock() - 1)).toMatch(/^BAD_INPUT: callback_at .* is in the past/);
    expect(await refused('CALLBACK', d.clock.clock() + 90 * DAY + 1)).toMatch(/^BAD_INPUT: callback_at .* more than 90 days ahead/);
    expect(await refused('COMPLAINED', d.clock.clock() + HOUR)).toMatch(
      /^BAD_INPUT: callback_at: after this result the number is complained/,
    );
    expect(await tables()).toEqual(before);
    expect(await refused('CALLBACK', d.clock.clock() + 90 * DAY)).toBeNull();
    expect(await d.count('callbacks', "state = 'pending'")).toBe(1);
  });

  it('over HTTP: a 400 in the standard envelope for a callback in the past or a year out; nothing written', async () => {
    d = await dialerWorld({ numbers: 1 });
    const before = await tables();
    for (const at of ['2026-03-02T09:00:00Z', '2027-03-02T10:00:00Z', 'tomorrow']) {
      const res = await d.api('POST', '/api/v1/dialer/report-result', report({ phone: d.phones[0], status: 'CALLBACK', callback_at: at }));
      expect(res.status, at).toBe(400);
      expect(res.body).toEqual({ error: { code: 'BAD_INPUT', message: expect.stringContaining('callback_at') } });
    }
    expect(await tables()).toEqual(before);
  });

  it('is offered to its company first once due, bypassing its dedup and the cooldown; other companies still wait', async () => {
    d = await dialerWorld({ numbers: 4 });
    const [n1, n2] = d.numberIds;
    const anna = await agent(d.w.companyA, 'Anna');
    expect(ids(await lease(d.w.companyA, 1))).toEqual([n1]);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + 2 * HOUR, agentId: anna });
    d.clock.advance(2 * HOUR - 1);
    expect(ids(await lease(d.w.companyA))).not.toContain(n1); // upcoming, not due
    await releaseAll();
    d.clock.advance(1);
    const batch = await lease(d.w.companyA, 2);
    expect(batch.numbers[0]).toMatchObject({
      numberId: n1,
      kind: 'callback',
      callback: { dueAt: d.clock.clock(), agent: { id: anna, name: 'Anna', extension: '1001' } },
    });
    expect(batch.numbers[1]).toMatchObject({ numberId: n2, kind: 'fresh' });
    // globex is still held by the cooldown acme's first call started
    expect(ids(await lease(d.w.companyB))).not.toContain(n1);
  });

  it('the result of the callback call closes it; a FAILED call leaves it waiting', async () => {
    d = await dialerWorld({ numbers: 1 });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    d.clock.advance(HOUR);
    expect((await lease(d.w.companyA)).numbers).toMatchObject([{ numberId: n1, kind: 'callback' }]);
    await call(d.w.companyA, n1, 'FAILED');
    expect((await lease(d.w.companyA)).numbers).toMatchObject([{ numberId: n1, kind: 'callback' }]);
    await call(d.w.companyA, n1, 'ANSWERED');
    expect(await d.count('callbacks', "state = 'done'")).toBe(1);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    expect(await d.core.db.value('select attempts from company_calls where number_id = ?', [n1])).toBe(2);
    // the dashboard counts it as a callback, not as a first attempt
    expect(await attemptCounts(d.core.db, { companyId: d.w.companyA, range: { preset: 'today' } }, d.clock.clock())).toMatchObject({
      dialed: 2,
      first: 1,
      recycled: 0,
      callbacks: 1,
    });
  });

  it('a due callback is closed by any call its company makes to the number, not only the callback lease; another company’s stays', async () => {
    d = await dialerWorld({ numbers: 2 });
    const [n1, n2] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    await lease(d.w.companyB);
    await call(d.w.companyB, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    d.clock.advance(2 * HOUR);
    await releaseAll();
    // A dials n1 by hand (no lease) in a batch that also reports n2: the due callback is honoured by it
    const batch = await recordResults(d.core, d.w.companyA, [
      { callId: `c-${++seq}`, numberId: n2, scenarioKey: 'sales', status: 'NO_ANSWER', startedAt: d.clock.clock(), durationS: 0 },
      { callId: `c-${++seq}`, numberId: n1, scenarioKey: 'sales', status: 'ANSWERED', startedAt: d.clock.clock(), durationS: 20 },
    ]);
    expect(batch.outcomes.map((o) => o.ok)).toEqual([true, true]);
    const states = await d.core.db.all('select company_id, state from callbacks order by company_id');
    expect(states).toEqual([
      { company_id: d.w.companyA, state: 'done' },
      { company_id: d.w.companyB, state: 'pending' },
    ]);
  });

  it('waits for the company’s hours, and is missed after its grace: no longer dialed, listed for a supervisor', async () => {
    d = await dialerWorld({ numbers: 1 });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    // acme (Berlin) closes at noon local, 11:00 UTC: the callback falls due while it is closed
    await setSchedule(
      d.core.db,
      CLI_ACTOR,
      { companyId: d.w.companyA, windows: [{ day: 'mon', start: '09:00', end: '12:00' }], exceptions: [] },
      d.clock.clock(),
    );
    d.clock.advance(HOUR);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('outside_schedule');
    expect((await listCallbacks(d.core.db, { companyId: d.w.companyA, view: 'due', limit: 10 }, d.clock.clock())).counts).toEqual({
      due: 1,
      upcoming: 0,
      missed: 0,
    });
    expect(await dueCallbacksByCompany(d.core.db, d.clock.clock())).toEqual([
      { companyId: d.w.companyA, due: 1, missed: 0, oldestDueAt: d.clock.clock() },
    ]);
    d.clock.advance(2 * HOUR);
    const missed = await listCallbacks(d.core.db, { companyId: d.w.companyA, view: 'missed', limit: 10 }, d.clock.clock());
    expect(missed.callbacks).toMatchObject([{ numberId: n1, view: 'missed', state: 'pending' }]);
    expect(await dueCallbacksByCompany(d.core.db, d.clock.clock())).toMatchObject([{ companyId: d.w.companyA, due: 0, missed: 1 }]);
    await setSchedule(
      d.core.db,
      CLI_ACTOR,
      { companyId: d.w.companyA, windows: [{ day: 'mon', start: '00:00', end: '24:00' }], exceptions: [] },
      d.clock.clock(),
    );
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted'); // missed: not dialed on its own any more

    // a supervisor moves it: due again at the new time
    const moved = await moveCallback(
      d.core.db,
      CLI_ACTOR,
      { companyId: d.w.companyA, id: missed.callbacks[0].id, dueAt: new Date(d.clock.clock() + 10 * MINUTE).toISOString() },
      d.clock.clock(),
    );
    expect(moved.view).toBe('upcoming');
    d.clock.advance(10 * MINUTE);
    expect((await lease(d.w.companyA)).numbers).toMatchObject([{ numberId: n1, kind: 'callback' }]);
  });

  it('a cancelled callback is never dialed; moving or cancelling one that is not pending is a conflict', async () => {
    d = await dialerWorld({ numbers: 1 });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    const id = (await d.core.db.value<number>('select id from callbacks'))!;
    await cancelCallback(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, id }, d.clock.clock());
    d.clock.advance(HOUR);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    await expect(cancelCallback(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, id }, d.clock.clock())).rejects.toThrow(
      /cancelled already/,
    );
    await expect(cancelCallback(d.core.db, CLI_ACTOR, { companyId: d.w.companyB, id }, d.clock.clock())).rejects.toThrow(/does not exist/);
    await expect(
      moveCallback(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, id, dueAt: '2020-01-01T00:00:00Z' }, d.clock.clock()),
    ).rejects.toThrow(/in the past/);
  });

  it('asking again moves the one pending callback; a callback asked in an inbound call is dialed too', async () => {
    d = await dialerWorld({ numbers: 1 });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    await call(d.w.companyA, n1, 'INBOUND_CALL', { callbackAt: d.clock.clock() + 2 * HOUR });
    expect(await d.count('callbacks')).toBe(1);
    d.clock.advance(HOUR);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    d.clock.advance(HOUR);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
  });

  it("is not dialed once its number is ruled out for everyone, or is on the company's own do-not-call list", async () => {
    d = await dialerWorld({ numbers: 2 });
    const [n1, n2] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    await call(d.w.companyA, n2, 'CALLBACK', { callbackAt: d.clock.clock() + HOUR });
    // another company's caller complained about n1; acme put n2 on its own list
    await d.core.db.run("update numbers set global_status = 'complained' where id = ?", [n1]);
    await importDoNotCall(d.core, CLI_ACTOR, { source: { content: `${d.phones[1]}\n` }, companyId: d.w.companyA });
    d.clock.advance(HOUR);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
  });
});
