import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { topUp } from '../../../src-main/core/billing/wallet';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { watchAlerts } from '../../../src-main/core/alerts/watch';
import { alertText } from '../../../src-shared/i18n/alerts';
import { call, dialerWorld, ok, report, type DialerWorld, type World } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

const alertsOf = async (companyId?: number, who: 'superuser' | 'viewer' = 'superuser') => {
  const w = d.w as World;
  return ok(await call(d.core, who === 'superuser' ? w.superuser : w.users.viewer, 'alerts.list', companyId ? { companyId } : {}));
};
const kinds = (list: Alert[]) => list.map((a) => `${a.kind}:${a.severity}`);

/** Leases `n` of acme's numbers and reports them all as `status`. */
async function dial(n: number, status = 'NO_ANSWER') {
  const batch = (await d.api('GET', `/api/v1/dialer/next-batch?company=acme&size=${n}&dialer=rack-1`)).body;
  const results = batch.numbers.map((x: { number_id: number }) => {
    const { company: _company, ...one } = report({ number_id: x.number_id, batch_id: batch.batch_id, status });
    return one;
  });
  const res = await d.api('POST', '/api/v1/dialer/report-results', { company: 'acme', results });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('alerts', () => {
  it('wallet: a warning below the warning level, critical once it cannot pay for one more call', async () => {
    d = await dialerWorld({ numbers: 5, users: true, balance: 0 });
    const w = d.w as World;
    // acme: 50 a call, warning level 1000, nothing in the wallet
    expect(kinds(await alertsOf(w.companyA))).toContain('wallet_low:critical');
    await topUp(d.core.db, CLI_ACTOR, { companyId: w.companyA, amount: 500 }, d.clock.clock());
    const low = (await alertsOf(w.companyA)).find((a) => a.kind === 'wallet_low')!;
    expect(low).toMatchObject({ id: `wallet_low:${w.companyA}`, severity: 'warning', params: { balance: 500, threshold: 1000 } });
    await topUp(d.core.db, CLI_ACTOR, { companyId: w.companyA, amount: 500 }, d.clock.clock());
    expect(kinds(await alertsOf(w.companyA))).not.toContain('wallet_low:warning');
  });

  it("pool: fewer numbers left than the last day's dialing is a warning, none left is critical", async () => {
    d = await dialerWorld({ numbers: 20, users: true });
    const w = d.w as World;
    expect((await alertsOf(w.companyA)).filter((a) => a.kind === 'pool_low')).toEqual([]);
    await dial(8);
    d.clock.advance(61_000);
    expect((await alertsOf(w.companyA)).filter((a) => a.kind === 'pool_low')).toEqual([]);
    await dial(7);
    d.clock.advance(61_000);
    const low = (await alertsOf(w.companyA)).find((a) => a.kind === 'pool_low');
    expect(low).toMatchObject({ severity: 'warning', params: { available: 5, dialedLastDay: 15 } });
    await dial(5);
    d.clock.advance(61_000);
    expect((await alertsOf(w.companyA)).find((a) => a.kind === 'pool_low')).toMatchObject({
      severity: 'critical',
      params: { available: 0 },
    });
  });

  it('dialer: silent for 5 minutes while its company is open; not while closed, nor a day later', async () => {
    d = await dialerWorld({ numbers: 5, users: true });
    const w = d.w as World;
    await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1&dialer=rack-7');
    d.clock.advance(4 * 60_000);
    expect((await alertsOf(w.companyA)).filter((a) => a.kind === 'dialer_silent')).toEqual([]);
    d.clock.advance(2 * 60_000);
    expect((await alertsOf(w.companyA)).find((a) => a.kind === 'dialer_silent')).toMatchObject({
      id: `dialer_silent:${w.companyA}:rack-7`,
      params: { dialerId: 'rack-7' },
    });
    await setSchedule(
      d.core.db,
      CLI_ACTOR,
      { companyId: w.companyA, windows: [{ day: 'sun', start: '09:00', end: '10:00' }], exceptions: [] },
      0,
    );
    expect((await alertsOf(w.companyA)).filter((a) => a.kind === 'dialer_silent')).toEqual([]);
  });

  it("a company user sees their companies' alerts only, the owner everyone's", async () => {
    d = await dialerWorld({ numbers: 5, users: true, balance: 0 });
    const w = d.w as World;
    expect(new Set((await alertsOf(undefined, 'viewer')).map((a) => a.companyId))).toEqual(new Set([w.companyA]));
    expect(new Set((await alertsOf()).map((a) => a.companyId))).toEqual(new Set([w.companyA, w.companyB]));
    expect(await call(d.core, w.users.viewer, 'alerts.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the desktop watcher tells each alert once while it lasts, and again after it came back', async () => {
    d = await dialerWorld({ numbers: 5, users: true });
    const w = d.w as World;
    const told: string[] = [];
    const watcher = watchAlerts(d.core, (a) => told.push(a.id), 3_600_000);
    const drain = () => d.core.db.run('update companies set wallet_balance = 0 where id = ?', [w.companyA]);
    await watcher.tick();
    expect(told).toEqual([]);
    await drain();
    await watcher.tick();
    await watcher.tick();
    expect(told).toEqual([`wallet_low:${w.companyA}`]);
    await d.core.db.run('update companies set wallet_balance = 100000 where id = ?', [w.companyA]);
    await watcher.tick();
    await drain();
    await watcher.tick();
    expect(told).toEqual([`wallet_low:${w.companyA}`, `wallet_low:${w.companyA}`]);
    watcher.stop();
  });
});

describe('alert sentences', () => {
  const alert: Alert = {
    id: 'wallet_low:1',
    kind: 'wallet_low',
    companyId: 1,
    severity: 'warning',
    params: { balance: 1250000, threshold: 5000000, currency: 'IRR' },
  };
  it('say the same in the console and the notification, in English and in Persian digits', () => {
    const en = alertText(alert, { language: 'en', companyName: 'Kish', timezone: 'Asia/Tehran' });
    expect(en.body.replace(/\s/g, ' ')).toBe('Kish: the wallet holds IRR 1,250,000, below its warning level of IRR 5,000,000.');
    const fa = alertText(alert, { language: 'fa', companyName: 'کیش', timezone: 'Asia/Tehran' });
    expect(fa.body).toContain('۱٬۲۵۰٬۰۰۰');
    expect(fa.body).not.toMatch(/[0-9]/);
  });
});
