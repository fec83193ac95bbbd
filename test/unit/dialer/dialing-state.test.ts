import { afterEach, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { setSchedule, OPEN_24X7 } from '../../../src-main/core/schedule/schedule';
import { call, dialerWorld, ok, phoneOf, type DialerWorld, type World } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

/** What the console says about acme, then what next-batch answers a dialer asking at that moment. */
async function stateThenAsk(dialer = 'rack-1') {
  const w = d.w as World;
  const state = ok(await call(d.core, w.users.viewer, 'dialers.state', { companyId: w.companyA }));
  const batch = (await d.api('GET', `/api/v1/dialer/next-batch?company=acme&size=10&dialer=${dialer}`)).body;
  return { state: state.blocked, batch: batch.blocked && { reason: batch.blocked.reason, nextOpenAt: batch.blocked.next_open_at } };
}

it("says why acme's dialers get no numbers, exactly as next-batch then answers, and when the schedule opens", async () => {
  d = await dialerWorld({ numbers: 15, users: true });
  const w = d.w as World;
  const db = d.core.db;
  const now = d.clock.clock();

  expect(await stateThenAsk()).toEqual({ state: null, batch: null });

  // Monday 10:00 UTC in Berlin: closed until Tuesday 09:00
  await setSchedule(db, CLI_ACTOR, { companyId: w.companyA, windows: [{ day: 'tue', start: '09:00', end: '17:00' }], exceptions: [] }, now);
  const closed = await stateThenAsk();
  expect(closed.state).toEqual({ reason: 'outside_schedule', nextOpenAt: '2026-03-03T08:00:00.000Z' });
  expect(closed.batch).toEqual(closed.state);
  await setSchedule(db, CLI_ACTOR, { companyId: w.companyA, windows: OPEN_24X7, exceptions: [] }, now);

  await db.run('update scenarios set is_active = 0 where company_id = ?', [w.companyA]);
  const idle = await stateThenAsk();
  expect(idle.state).toEqual({ reason: 'no_active_scenarios', nextOpenAt: null });
  expect(idle.batch).toEqual(idle.state);
  await db.run('update scenarios set is_active = 1 where company_id = ?', [w.companyA]);

  // 15 numbers, 10 a batch: the first ask above took 10, this one takes the rest, the next finds the pool empty
  expect((await stateThenAsk()).batch).toBeNull();
  expect((await stateThenAsk()).batch).toEqual({ reason: 'pool_exhausted', nextOpenAt: null });
  const list = ok(await call(d.core, w.users.viewer, 'dialers.list', { companyId: w.companyA }));
  expect(list.map((x) => x.blocked?.reason)).toEqual(['pool_exhausted']);
  expect(ok(await call(d.core, w.users.viewer, 'dialers.state', { companyId: w.companyA })).blocked?.reason).toBe('pool_exhausted');

  // the pool grows: the old answer no longer holds, and the next ask gets the new number
  await db.run("insert into numbers (phone, imported_at, source) values (?, ?, 'test')", [phoneOf(900), now]);
  expect(await stateThenAsk()).toEqual({ state: null, batch: null });

  // company rules come before the pool, as in next-batch
  await db.run('update companies set is_active = 0 where id = ?', [w.companyA]);
  const off = await stateThenAsk();
  expect(off.state).toEqual({ reason: 'company_inactive', nextOpenAt: null });
  expect(off.batch).toEqual(off.state);
});

it('lists dialers in the order of their ids, so live updates never move a row', async () => {
  d = await dialerWorld({ numbers: 30, users: true });
  const w = d.w as World;
  for (const dialer of ['rack-2', 'rack-10', 'rack-1', 'rack-2']) {
    await d.api('GET', `/api/v1/dialer/next-batch?company=acme&size=2&dialer=${dialer}`);
    d.clock.advance(1000);
  }
  const list = ok(await call(d.core, w.users.viewer, 'dialers.list', { companyId: w.companyA }));
  expect(list.map((x) => x.dialerId)).toEqual(['rack-1', 'rack-10', 'rack-2']);
  expect(list.every((x) => x.blocked === null)).toBe(true);
});
