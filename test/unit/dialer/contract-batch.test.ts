import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DAY, addCompany, servedWorld, snapshot, type ApiAnswer, type ServedWorld } from '../../world';

/**
 * DESIGN.md §4 next-batch, release and register-scenarios, and the §3 dialing rules that decide
 * them, seen from a dialer against a real `dialdesk serve`.
 */

const POOL = 150;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
let w: ServedWorld;
const setup: Record<string, number> = {};

beforeAll(async () => {
  w = await servedWorld({ companies: [{ slug: 'acme', balance: 100_000, scenarios: ['sales'] }], numbers: POOL });
  const acme = w.ids.acme;
  const [trunk, old, anna, ben, gone] = await Promise.all([
    w.s.rpc('lines.create', { companyId: acme, phone: '030 9999 0001', region: 'DE', name: 'Trunk A' }),
    w.s.rpc('lines.create', { companyId: acme, phone: '+493099990002', name: 'Old trunk' }),
    w.s.rpc('agents.create', { companyId: acme, name: 'Anna', extension: '1001', type: 'inbound' }),
    w.s.rpc('agents.create', { companyId: acme, name: 'Ben', extension: 'sip:ben@pbx.local', type: 'outbound' }),
    w.s.rpc('agents.create', { companyId: acme, name: 'Gone', extension: '1003', type: 'outbound' }),
    w.s.rpc('scenarios.create', { companyId: acme, key: 'paused', name: 'Paused', isActive: false }),
  ]);
  Object.assign(setup, { trunk: trunk.id, anna: anna.id, ben: ben.id });
  await Promise.all([
    w.s.rpc('lines.deactivate', { companyId: acme, id: old.id }),
    w.s.rpc('agents.deactivate', { companyId: acme, id: gone.id }),
  ]);
}, 90_000);
afterAll(async () => w?.s.dispose());

const batch = (company: string, query = '', key = w.keys[company]) =>
  w.s.api('GET', `/api/v1/dialer/next-batch?company=${company}${query}`, { key });
const release = (company: string, body: Record<string, unknown>, key = w.keys[company]) =>
  w.s.api('POST', '/api/v1/dialer/release', { key, body: { company, ...body } });
const idsOf = (res: ApiAnswer): number[] => res.body.numbers.map((n: { number_id: number }) => n.number_id);

function expectError(res: ApiAnswer, status: number, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
}

describe('next-batch input', () => {
  it('size 0, 1001, negative, fractional or not a number, or no company: 400, nothing leased', async () => {
    const before = await snapshot(w.s);
    for (const q of ['&size=0', '&size=1001', '&size=-5', '&size=2.5', '&size=ten', '&size=1e9']) {
      expectError(await batch('acme', q), 400, q);
    }
    expectError(await w.s.api('GET', '/api/v1/dialer/next-batch?size=5', { key: w.keys.site }), 400, 'no company');
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('an unknown company is a 404 (for a key that may act for any company); nothing leased', async () => {
    const before = await snapshot(w.s);
    expectError(await batch('nobody-here', '&size=5', w.keys.site), 404, 'unknown slug');
    expect(await snapshot(w.s)).toEqual(before);
  });
});

describe('next-batch answer', () => {
  it('has every §4 field with its type: numbers in E.164, active routing lists, the wallet', async () => {
    const asked = Date.now();
    const res = await batch('acme', '&size=5&dialer=rack-1');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'active_scenarios',
        'batch_id',
        'blocked',
        'company',
        'inbound_agents',
        'lease_expires_at',
        'numbers',
        'outbound_agents',
        'outbound_lines',
        'wallet',
      ].sort(),
    );
    expect(res.body.company).toBe('acme');
    expect(res.body.blocked).toBeNull();
    expect(res.body.batch_id).toMatch(/\S/);
    // the default lease is 15 minutes
    expect(res.body.lease_expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    const expires = Date.parse(res.body.lease_expires_at);
    expect(expires).toBeGreaterThanOrEqual(asked + 14 * 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 16 * 60_000);
    expect(res.body.numbers).toHaveLength(5);
    for (const n of res.body.numbers) {
      expect(Object.keys(n).sort()).toEqual(['kind', 'number_id', 'phone']);
      expect(n.kind).toBe('fresh');
      expect(Number.isInteger(n.number_id)).toBe(true);
      expect(n.phone).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(w.phones).toContain(n.phone);
    }
    expect(new Set(idsOf(res)).size).toBe(5);
    expect(res.body.active_scenarios).toEqual([{ id: expect.any(Number), key: 'sales', name: 'Scenario sales' }]);
    expect(res.body.outbound_lines).toEqual([{ id: setup.trunk, phone: '+493099990001', name: 'Trunk A' }]);
    expect(res.body.inbound_agents).toEqual([{ id: setup.anna, name: 'Anna', extension: '1001' }]);
    expect(res.body.outbound_agents).toEqual([{ id: setup.ben, name: 'Ben', extension: 'sip:ben@pbx.local' }]);
    expect(res.body.wallet).toMatchObject({ balance: 100_000, currency: 'EUR', cost_per_billable: 50 });
    expect((await release('acme', { batch_id: res.body.batch_id })).status).toBe(200);
  });
});

describe('the lease time is a site setting', () => {
  it('a 1-minute lease time gives leases that end a minute after they were handed out', async () => {
    await w.s.rpc('settings.updateSite', { leaseMinutes: 1 });
    try {
      const asked = Date.now();
      const res = await batch('acme', '&size=1');
      const expires = Date.parse(res.body.lease_expires_at);
      expect(expires).toBeGreaterThanOrEqual(asked + 59_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 61_000);
      await release('acme', { batch_id: res.body.batch_id });
    } finally {
      await w.s.rpc('settings.updateSite', { leaseMinutes: 15 });
    }
  });
});

describe('leases, the empty pool and release', () => {
  it('default size 100; live leases never overlap; an exhausted pool is a 200 with no numbers', async () => {
    const a = await batch('acme');
    expect(a.status).toBe(200);
    expect(a.body.numbers).toHaveLength(100);
    const b = await batch('acme', '&size=1000');
    expect(b.body.numbers).toHaveLength(POOL - 100);
    const all = [...idsOf(a), ...idsOf(b)];
    expect(new Set(all).size).toBe(POOL);
    expect(new Set([...a.body.numbers, ...b.body.numbers].map((n: { phone: string }) => n.phone))).toEqual(new Set(w.phones));

    w.keys.late = (await addCompany(w.s, { slug: 'late', balance: 10_000 })).key;
    for (const company of ['acme', 'late']) {
      const empty = await batch(company, '&size=10');
      expect(empty.status, company).toBe(200);
      expect(empty.body.numbers, company).toEqual([]);
      expect(empty.body.blocked, company).toEqual({
        reason: 'pool_exhausted',
        next_open_at: expect.toSatisfy((v) => v === null || !Number.isNaN(Date.parse(v as string))),
      });
    }

    // a subset comes back, only to whoever asks next
    const some = idsOf(a).slice(0, 10);
    expect((await release('acme', { batch_id: a.body.batch_id, number_ids: some })).status).toBe(200);
    const late = await batch('late', '&size=1000');
    expect(idsOf(late).sort()).toEqual([...some].sort());

    // acme cannot free late's leases with late's batch id, nor anything with an unknown batch
    const foreign = await release('acme', { batch_id: late.body.batch_id });
    expect([200, 403, 404, 409]).toContain(foreign.status);
    const unknown = await release('acme', { batch_id: '00000000-0000-4000-8000-000000000000' });
    expect([200, 404]).toContain(unknown.status);
    expect((await batch('acme', '&size=10')).body.blocked).toMatchObject({ reason: 'pool_exhausted' });

    // number ids outside the batch are not released by it
    expect((await release('acme', { batch_id: b.body.batch_id, number_ids: some })).status).toBeLessThan(500);
    expect((await batch('acme', '&size=10')).body.numbers).toEqual([]);

    for (const [company, res] of [
      ['acme', a],
      ['acme', b],
      ['late', late],
    ] as const) {
      expect((await release(company, { batch_id: res.body.batch_id })).status).toBe(200);
    }
    const again = await batch('late', '&size=1000');
    expect(again.body.numbers).toHaveLength(POOL);
    expect((await release('late', { batch_id: again.body.batch_id })).status).toBe(200);
  });

  it('release with a bad body is a 400 that frees nothing', async () => {
    const held = await batch('acme', '&size=3');
    const before = await snapshot(w.s);
    for (const body of [
      {},
      { batch_id: '' },
      { batch_id: held.body.batch_id, number_ids: 'all' },
      { batch_id: held.body.batch_id, number_ids: [-1] },
    ]) {
      expectError(await release('acme', body), 400, JSON.stringify(body));
    }
    expect(await snapshot(w.s)).toEqual(before);
    await release('acme', { batch_id: held.body.batch_id });
  });
});

describe('blocked answers are 200 with no numbers', () => {
  const blockedAs = async (company: string, reason: string) => {
    const before = await snapshot(w.s);
    const res = await batch(company, '&size=10');
    expect(res.status, company).toBe(200);
    expect(res.body.numbers, company).toEqual([]);
    expect(res.body.blocked, company).toMatchObject({ reason });
    expect(res.body.wallet, company).toMatchObject({ currency: expect.any(String) });
    expect(await snapshot(w.s), `${company} leased nothing`).toEqual(before);
    return res;
  };

  it('outside_schedule, with next_open_at at the next window in the company time zone', async () => {
    const tokyoNow = new Date(Date.now() + 9 * 3_600_000);
    const day = WEEKDAYS[(tokyoNow.getUTCDay() + 1) % 7];
    const { id, key } = await addCompany(w.s, { slug: 'closed', timezone: 'Asia/Tokyo', balance: 10_000, open24x7: false });
    w.keys.closed = key;
    await w.s.rpc('schedule.set', { companyId: id, windows: [{ day, start: '09:00', end: '10:00' }] });
    const res = await blockedAs('closed', 'outside_schedule');
    // tomorrow 09:00 in Tokyo is tomorrow 00:00 UTC
    const opens = Date.UTC(tokyoNow.getUTCFullYear(), tokyoNow.getUTCMonth(), tokyoNow.getUTCDate() + 1);
    expect(Date.parse(res.body.blocked.next_open_at)).toBe(opens);
  });

  it('outside_schedule on a date closed by an exception, opening again the next morning', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'holiday', balance: 10_000 });
    w.keys.holiday = key;
    const today = new Date().toISOString().slice(0, 10);
    await w.s.rpc('schedule.set', { companyId: id, windows: ALL_DAY, exceptions: [{ date: today, closed: true }] });
    const res = await blockedAs('holiday', 'outside_schedule');
    expect(Date.parse(res.body.blocked.next_open_at)).toBe(Date.parse(`${today}T00:00:00Z`) + 86_400_000);
  });

  it('insufficient_balance until the wallet covers one billable call', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'broke', costPerBillable: 50, balance: 49 });
    w.keys.broke = key;
    await blockedAs('broke', 'insufficient_balance');
    await w.s.rpc('billing.topup', { companyId: id, amount: 1 });
    const res = await batch('broke', '&size=2');
    expect(res.body).toMatchObject({ blocked: null, wallet: { balance: 50, cost_per_billable: 50 } });
    expect(res.body.numbers).toHaveLength(2);
    await release('broke', { batch_id: res.body.batch_id });
  });

  it('calls made on a batch leased while the wallet covered one call are all recorded and charged; then it blocks', async () => {
    const { key } = await addCompany(w.s, { slug: 'thin', costPerBillable: 50, balance: 50 });
    w.keys.thin = key;
    const res = await batch('thin', '&size=2');
    expect(res.body.numbers).toHaveLength(2);
    const balances: number[] = [];
    for (const [i, n] of (res.body.numbers as { phone: string }[]).entries()) {
      const body = {
        company: 'thin',
        call_id: `thin-${i}`,
        phone: n.phone,
        scenario: 'sales',
        status: 'ANSWERED',
        started_at: new Date().toISOString(),
        duration_s: 20,
      };
      const answer = await w.s.api('POST', '/api/v1/dialer/report-result', { key, body });
      expect(answer.status).toBe(201);
      expect(answer.body.charged).toBe(50);
      balances.push(answer.body.wallet_balance);
    }
    expect(balances).toEqual([0, -50]);
    await blockedAs('thin', 'insufficient_balance');
  });

  it('in per_minute billing the wallet must cover one started minute', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'meter', costPerBillable: 0, balance: 19 });
    w.keys.meter = key;
    await w.s.rpc('companies.update', { companyId: id, billingMode: 'per_minute', costPerMinute: 20 });
    await blockedAs('meter', 'insufficient_balance');
    await w.s.rpc('billing.topup', { companyId: id, amount: 1 });
    const res = await batch('meter', '&size=1');
    expect(res.body).toMatchObject({ blocked: null, wallet: { balance: 20 } });
    await release('meter', { batch_id: res.body.batch_id });
  });

  it('company_inactive until the company is active again', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'dormant', balance: 10_000 });
    w.keys.dormant = key;
    await w.s.rpc('companies.update', { companyId: id, isActive: false });
    await blockedAs('dormant', 'company_inactive');
    await w.s.rpc('companies.update', { companyId: id, isActive: true });
    const res = await batch('dormant', '&size=1');
    expect(res.body.numbers).toHaveLength(1);
    await release('dormant', { batch_id: res.body.batch_id });
  });

  it('no_active_scenarios until a registered scenario is activated; then it is in the batch', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'idle', balance: 10_000, scenarios: [] });
    w.keys.idle = key;
    await blockedAs('idle', 'no_active_scenarios');
    const reg = await w.s.api('POST', '/api/v1/dialer/register-scenarios', {
      key,
      body: { company: 'idle', scenarios: [{ key: 'promo', name: 'Promo', description: 'spring offer' }] },
    });
    expect(reg.status).toBeLessThan(300);
    const listed = await w.s.rpc('scenarios.list', { companyId: id });
    expect(listed).toEqual([expect.objectContaining({ key: 'promo', name: 'Promo', description: 'spring offer' })]);
    if (!listed[0].isActive) {
      await blockedAs('idle', 'no_active_scenarios');
      await w.s.rpc('scenarios.update', { companyId: id, id: listed[0].id, isActive: true });
    }
    const res = await batch('idle', '&size=1');
    expect(res.body.blocked).toBeNull();
    expect(res.body.active_scenarios).toEqual([{ id: listed[0].id, key: 'promo', name: 'Promo' }]);
    await release('idle', { batch_id: res.body.batch_id });
  });
});

describe('register-scenarios', () => {
  const register = (scenarios: unknown, key = w.keys.acme) =>
    w.s.api('POST', '/api/v1/dialer/register-scenarios', { key, body: { company: 'acme', scenarios } });

  it('upserts by key: a second registration updates, never duplicates', async () => {
    const first = await register([
      { key: 'survey', name: 'Survey' },
      { key: 'sales', name: 'Sales v2', description: 'renamed by the dialer' },
    ]);
    expect(first.status).toBeLessThan(300);
    expect((await register([{ key: 'survey', name: 'Survey (2)' }])).status).toBeLessThan(300);
    const list = (await w.s.rpc('scenarios.list', { companyId: w.ids.acme })) as {
      id: number;
      key: string;
      name: string;
      isActive: boolean;
    }[];
    expect(list.map((s) => s.key).sort()).toEqual(['paused', 'sales', 'survey']);
    expect(list.find((s) => s.key === 'sales')).toMatchObject({ name: 'Sales v2', description: 'renamed by the dialer', isActive: true });
    const survey = list.find((s) => s.key === 'survey')!;
    expect(survey.name).toBe('Survey (2)');
    if (!survey.isActive) await w.s.rpc('scenarios.update', { companyId: w.ids.acme, id: survey.id, isActive: true });
    const res = await batch('acme', '&size=1');
    expect(res.body.active_scenarios).toEqual(
      expect.arrayContaining([
        { id: survey.id, key: 'survey', name: 'Survey (2)' },
        { id: expect.any(Number), key: 'sales', name: 'Sales v2' },
      ]),
    );
    expect(res.body.active_scenarios.map((s: { key: string }) => s.key)).not.toContain('paused');
    await release('acme', { batch_id: res.body.batch_id });
  });

  it('a bad scenario list is a 400 and registers nothing', async () => {
    const before = await snapshot(w.s);
    for (const scenarios of [
      undefined,
      'sales',
      [{ key: 'Has Spaces', name: 'X' }],
      [{ key: 'no-name' }],
      [{ key: 'ok', name: 'Fine' }, { name: 'no key' }],
    ]) {
      expectError(await register(scenarios), 400, JSON.stringify(scenarios));
    }
    expect(await snapshot(w.s)).toEqual(before);
  });
});
