import { afterEach, expect, it } from 'vitest';
import { call, dialerWorld, ok, report, type DialerWorld, type World } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

it('gives the owner every company at a glance, and a company user their own: today, wallet, blocked reason, dialers', async () => {
  d = await dialerWorld({ numbers: 10, users: true });
  const w = d.w as World;
  const batch = (await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2&dialer=rack-1')).body;
  for (const [i, status] of (['ANSWERED', 'NO_ANSWER'] as const).entries()) {
    const res = await d.api('POST', '/api/v1/dialer/report-result', report({ number_id: batch.numbers[i].number_id, status }));
    expect(res.status).toBe(201);
  }
  await d.core.db.run('update companies set is_active = 0 where id = ?', [w.companyB]);

  const all = ok(await call(d.core, w.superuser, 'companies.overview', {}));
  expect(all.map((c) => c.name)).toEqual(['Acme', 'Globex']);
  expect(all[0]).toMatchObject({
    today: { calls: 2, billable: 1, answerRate: 0.5, cost: 50 },
    walletBalance: 100_000 - 50,
    blocked: null,
    dialersAtWork: 1,
  });
  expect(all[1]).toMatchObject({ isActive: false, blocked: { reason: 'company_inactive', nextOpenAt: null }, today: { calls: 0 } });

  expect(ok(await call(d.core, w.users.viewer, 'companies.overview', {})).map((c) => c.name)).toEqual(['Acme']);
});
