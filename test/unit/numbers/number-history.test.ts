import { afterEach, expect, it } from 'vitest';
import { call, makeTestCore, manualClock, ok, recordTestResult, seedWorld, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

it("finds any number's calls across the site as the searcher may see them, typed any way", async () => {
  core = await makeTestCore({ clock: manualClock(Date.parse('2026-03-02T10:00:00Z')).clock });
  const w = await seedWorld(core);
  const phone = '+4917012345678';
  const a1 = await recordTestResult(core, { companyId: w.companyA, phone, status: 'NO_ANSWER', startedAt: '2026-03-01T08:00:00Z' });
  const b1 = await recordTestResult(core, { companyId: w.companyB, phone, status: 'ANSWERED', startedAt: '2026-03-01T09:00:00Z' });
  const a2 = await recordTestResult(core, { companyId: w.companyA, phone, status: 'CALLBACK', startedAt: '2026-03-02T08:00:00Z' });

  const owner = ok(await call(core, w.superuser, 'numbers.history', { phone: '+49 170 1234 5678' }));
  expect(owner.calls.map((c) => [c.id, c.companyName])).toEqual([
    [a2, 'Acme'],
    [b1, 'Globex'],
    [a1, 'Acme'],
  ]);
  expect(owner.number).toMatchObject({ globalStatus: 'active' });
  expect(owner.number).not.toHaveProperty('lastCalledCompanyId');

  // a company user sees their own companies' calls, not Globex's
  const viewer = ok(await call(core, w.users.viewer, 'numbers.history', { phone }));
  expect(viewer.calls.map((c) => c.id)).toEqual([a2, a1]);

  // national, in Persian digits, read with the current company's country
  expect(await call(core, w.users.viewer, 'numbers.history', { phone: '0170 1234 5678', companyId: w.companyA })).toMatchObject({
    ok: false,
    error: { code: 'BAD_INPUT', message: expect.stringMatching(/^phone: .*country code/) },
  });
  ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, defaultCountry: 'DE' }));
  const national = ok(await call(core, w.users.viewer, 'numbers.history', { phone: '۰۱۷۰ ۱۲۳۴ ۵۶۷۸', companyId: w.companyA }));
  expect(national.phone).toBe(phone);
  expect(national.calls).toHaveLength(2);

  // a DNC'd number says so; a number the pool does not know is no error
  ok(await call(core, w.superuser, 'numbers.dnc', { content: `${phone}\n` }));
  expect(ok(await call(core, w.users.viewer, 'numbers.history', { phone })).number?.globalStatus).toBe('complained');
  expect(ok(await call(core, w.users.viewer, 'numbers.history', { phone: '+4917099999999' }))).toEqual({
    phone: '+4917099999999',
    number: null,
    calls: [],
    truncated: false,
  });
});
