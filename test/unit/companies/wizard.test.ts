import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../src-shared/contract';
import { authenticateApiKey } from '../../../src-main/core/apikeys/apikeys';
import { getSchedule } from '../../../src-main/core/schedule/schedule';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

async function setup() {
  core = await makeTestCore();
  w = await seedWorld(core);
}

const full = (): Input<'wizard.createCompany'> => ({
  company: { slug: 'northwind', name: 'Northwind', timezone: 'Asia/Tehran', currency: 'IRR' },
  schedule: {
    windows: [
      { weekday: 5, start: '09:00', end: '13:00' },
      { weekday: 5, start: '14:00', end: '18:00' },
      { weekday: 0, start: '09:00', end: '17:00' },
    ],
    exceptions: [{ date: '2026-03-21', closed: true, note: 'Nowruz' }],
  },
  billing: { billingMode: 'per_minute', costPerMinute: 2500, lowBalanceThreshold: 100000, openingBalance: 5_000_000 },
  outboundLines: [
    { phone: '+98 21 1234 5678', name: 'Tehran trunk' },
    { phone: '021 8765 4321', name: 'Second trunk', region: 'IR' },
  ],
  scenarios: [
    { key: 'nowruz-sale', name: 'Nowruz sale' },
    { key: 'survey', name: 'Survey', description: 'after-sales', isActive: false },
  ],
  apiKey: { name: 'floor dialers', scopes: ['dialer', 'inbound'] },
});

const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      [
        'companies',
        'scenarios',
        'outbound_lines',
        'schedule_windows',
        'schedule_exceptions',
        'ledger_entries',
        'api_keys',
        'audit_log',
      ].map(async (t) => [t, await core.db.value(`select count(*) from ${t}`)]),
    ),
  );

describe('wizard.createCompany', () => {
  it('creates the company with its hours, prices, opening balance, lines, scenarios and a key shown once', async () => {
    await setup();
    const answer = ok(await call(core, w.superuser, 'wizard.createCompany', full()));
    const id = answer.company.id;
    expect(answer.company).toMatchObject({
      slug: 'northwind',
      timezone: 'Asia/Tehran',
      currency: 'IRR',
      billingMode: 'per_minute',
      costPerMinute: 2500,
      lowBalanceThreshold: 100000,
      walletBalance: 5_000_000,
      isActive: true,
    });
    const schedule = await getSchedule(core.db, id, core.clock());
    expect(schedule.windows).toEqual([
      { day: 'mon', start: '09:00', end: '17:00' },
      { day: 'sat', start: '09:00', end: '13:00' },
      { day: 'sat', start: '14:00', end: '18:00' },
    ]);
    expect(schedule.exceptions).toEqual([{ date: '2026-03-21', closed: true, note: 'Nowruz' }]);
    expect(await core.db.column('select phone from outbound_lines where company_id = ? order by id', [id])).toEqual([
      '+982112345678',
      '+982187654321',
    ]);
    expect(await core.db.all('select key, is_active from scenarios where company_id = ? order by id', [id])).toEqual([
      { key: 'nowruz-sale', is_active: 1 },
      { key: 'survey', is_active: 0 },
    ]);
    expect(await core.db.all('select kind, amount, note from ledger_entries where company_id = ?', [id])).toEqual([
      { kind: 'topup', amount: 5_000_000, note: 'opening balance' },
    ]);
    expect(answer.apiKey).toMatchObject({ name: 'floor dialers', scopes: ['dialer', 'inbound'] });
    const check = await authenticateApiKey(core.db, answer.apiKey!.key);
    expect(check).toMatchObject({ ok: true, key: { companyId: id, scopes: ['dialer', 'inbound'] } });
    expect(await core.db.value('select count(*) from api_keys where key_hash = ?', [answer.apiKey!.key])).toBe(0);
  });

  it('opens around the clock, and makes no key or top-up when none is asked for', async () => {
    await setup();
    const answer = ok(
      await call(core, w.superuser, 'wizard.createCompany', {
        company: { slug: 'allday', name: 'All Day', timezone: 'UTC', currency: 'USD' },
        schedule: { open24x7: true },
        billing: {},
      }),
    );
    expect(answer.apiKey).toBeNull();
    expect(answer.company.walletBalance).toBe(0);
    expect((await getSchedule(core.db, answer.company.id, core.clock())).windows).toHaveLength(7);
    expect(await core.db.value('select count(*) from ledger_entries where company_id = ?', [answer.company.id])).toBe(0);
  });

  it.each([
    [
      'a taken slug',
      (i: any) => ({ ...i, company: { ...i.company, slug: 'acme' } }),
      'CONFLICT',
      /^company\.slug: the slug "acme" is already taken/,
    ],
    [
      'a line that is no phone number',
      (i: any) => ({ ...i, outboundLines: [i.outboundLines[0], { phone: '123456', name: 'x' }] }),
      'BAD_INPUT',
      /^outboundLines\.1\.phone: /,
    ],
    ['the same scenario twice', (i: any) => ({ ...i, scenarios: [i.scenarios[0], i.scenarios[0]] }), 'CONFLICT', /^scenarios\.1\.key: /],
    [
      'overlapping hours',
      (i: any) => ({
        ...i,
        schedule: {
          windows: [
            { weekday: 1, start: '09:00', end: '12:00' },
            { weekday: 1, start: '11:00', end: '14:00' },
          ],
        },
      }),
      'BAD_INPUT',
      /^schedule\.windows: .*overlap/,
    ],
    [
      'a window that ends first',
      (i: any) => ({ ...i, schedule: { windows: [{ weekday: 1, start: '12:00', end: '09:00' }] } }),
      'BAD_INPUT',
      /schedule\.windows\.0\.end/,
    ],
    [
      '24x7 and windows',
      (i: any) => ({ ...i, schedule: { open24x7: true, windows: [{ weekday: 1, start: '09:00', end: '12:00' }] } }),
      'BAD_INPUT',
      /schedule\.windows/,
    ],
    [
      'a negative opening balance',
      (i: any) => ({ ...i, billing: { ...i.billing, openingBalance: -5 } }),
      'BAD_INPUT',
      /billing\.openingBalance/,
    ],
    ['a key without scopes', (i: any) => ({ ...i, apiKey: { name: 'k', scopes: [] } }), 'BAD_INPUT', /apiKey\.scopes/],
  ])('refuses %s and leaves nothing behind', async (_label, mutate, code, message) => {
    await setup();
    const before = await counts();
    const res = await call(core, w.superuser, 'wizard.createCompany', mutate(full()));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(res.error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });
});
