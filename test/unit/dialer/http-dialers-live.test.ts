import { afterEach, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/events';
import { call, ok, dialerWorld, report, type World, type DialerWorld } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

it('tells the console which dialers are at work, at most twice a second each, and lists them', async () => {
  d = await dialerWorld({ numbers: 50, users: true });
  const seen: EventMap['dialer.seen'][] = [];
  d.core.events.subscribe((event, payload) => event === 'dialer.seen' && seen.push(payload as EventMap['dialer.seen']));
  const started = Date.now();
  for (let i = 0; i < 10; i++) await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2&dialer=rack-1');
  const batch = (await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2&dialer=rack-2')).body;
  await d.api('POST', '/api/v1/dialer/report-result', report({ number_id: batch.numbers[0].number_id, batch_id: batch.batch_id }));
  await new Promise((r) => setTimeout(r, 700));
  const elapsed = (Date.now() - started) / 1000;

  const rack1 = seen.filter((e) => e.dialerId === 'rack-1');
  expect(rack1.length).toBeGreaterThanOrEqual(1);
  expect(rack1.length).toBeLessThanOrEqual(Math.ceil(elapsed * 2) + 1);
  expect(rack1.at(-1)).toMatchObject({
    companyId: d.w.companyA,
    address: expect.stringMatching(/127\.0\.0\.1/),
    batches: 10,
    results: 0,
    liveLeases: 20,
  });
  expect(seen.filter((e) => e.dialerId === 'rack-2').at(-1)).toMatchObject({ batches: 1, results: 1, liveLeases: 1 });

  const w = d.w as World;
  const list = ok(await call(d.core, w.users.viewer, 'dialers.list', { companyId: d.w.companyA }));
  expect(list.map((x) => x.dialerId).sort()).toEqual(['rack-1', 'rack-2']);
  expect(ok(await call(d.core, w.superuser, 'dialers.list', { companyId: d.w.companyB }))).toEqual([]);
  expect(await call(d.core, w.users.viewer, 'dialers.list', { companyId: d.w.companyB })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});
