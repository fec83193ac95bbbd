import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, manualClock, ok, seedWorld, ALL_DAY, berlinNumbers, type TestCore, type World as Seeded } from '../../world';
import { startPort, type RunningPort } from '../../../src-main/http/port';

/**
 * The §3 rules that need time to pass — lease expiry, the cooldown, calling hours — over the real
 * HTTP port, in process with a settable clock (a served desk would need minutes or days of waiting).
 */

const clock = manualClock(Date.parse('2026-03-02T10:00:00Z')); // a Monday
let core: TestCore;
let port: RunningPort;
let seeded: Seeded;
const keys: Record<string, string> = {};

beforeEach(async () => {
  clock.set(Date.parse('2026-03-02T10:00:00Z'));
  core = await makeTestCore({ clock: clock.clock });
  seeded = await seedWorld(core); // acme (Europe/Berlin, EUR, 50 a call) and globex (New York, USD, 30)
  const su = seeded.superuser;
  for (const [slug, companyId] of [
    ['acme', seeded.companyA],
    ['globex', seeded.companyB],
  ] as const) {
    ok(await call(core, su, 'billing.topup', { companyId, amount: 10_000 }));
    ok(await call(core, su, 'schedule.set', { companyId, windows: ALL_DAY }));
    ok(await call(core, su, 'scenarios.create', { companyId, key: 'sales', name: 'Sales' }));
    keys[slug] = ok(await call(core, su, 'apikeys.create', { companyId, name: 'rack', scopes: ['dialer'] })).key;
  }
  ok(await call(core, su, 'numbers.import', { content: berlinNumbers(10).lines.join('\n'), region: 'DE', source: 'time' }));
  port = await startPort(core, { host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await port?.close();
  await core?.dispose();
});

const api = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(port.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};
const lease = async (company: string, size = 1000) =>
  (await api('GET', `/api/v1/dialer/next-batch?company=${company}&size=${size}`, keys[company])).body;
/** the phones the company may be handed now; released again */
const available = async (company: string): Promise<string[]> => {
  const got = await lease(company);
  if (got.batch_id) await api('POST', '/api/v1/dialer/release', keys[company], { company, batch_id: got.batch_id });
  return got.numbers.map((n: { phone: string }) => n.phone);
};
const report = (company: string, phone: string, callId: string, status = 'ANSWERED', startedAt = clock.clock()) =>
  api('POST', '/api/v1/dialer/report-result', keys[company], {
    company,
    call_id: callId,
    phone,
    scenario: 'sales',
    status,
    started_at: new Date(startedAt).toISOString(),
    duration_s: 30,
  });
const lastCall = (phone: string) =>
  core.db.get('select last_called_at as "at", last_called_company_id as "companyId" from numbers where phone = ?', [phone]);
const counts = () => core.db.get('select (select count(*) from call_results) as results, (select count(*) from ledger_entries) as ledger');
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('leases expire', () => {
  it('after the lease time the number returns to the pool, and a late result is still recorded', async () => {
    const mine = await lease('acme', 1);
    const phone = mine.numbers[0].phone;
    expect(Date.parse(mine.lease_expires_at)).toBe(clock.clock() + 15 * MINUTE);
    clock.advance(15 * MINUTE - 1_000);
    expect(await available('globex')).not.toContain(phone);
    clock.advance(2_000);
    expect(await available('globex')).toContain(phone);
    // the dialer was slow: its call happened, so the result counts and is charged
    const late = await report('acme', phone, 'late-1');
    expect(late).toMatchObject({ status: 201, body: { charged: 50 } });
    expect(await available('acme')).not.toContain(phone);
  });
});

describe('the global cooldown', () => {
  it('keeps every company off a called number for 3 days; the caller never gets it back', async () => {
    const { numbers } = await lease('acme', 1);
    const phone = numbers[0].phone;
    expect((await report('acme', phone, 'cool-1', 'NO_ANSWER')).status).toBe(201);
    clock.advance(3 * DAY - 60 * MINUTE);
    expect(await available('globex')).not.toContain(phone);
    clock.advance(2 * 60 * MINUTE);
    expect(await available('globex')).toContain(phone);
    clock.advance(30 * DAY);
    expect(await available('acme')).not.toContain(phone);
  });
});

describe('started_at and the cooldown', () => {
  it('a call reported as started long ago, under a lease handed out now, still starts the cooldown now', async () => {
    const { numbers } = await lease('acme', 1);
    const phone = numbers[0].phone;
    const answer = await report('acme', phone, 'y2k-1', 'ANSWERED', Date.parse('2000-01-01T00:00:00Z'));
    expect(answer).toMatchObject({ status: 201, body: { charged: 50 } });
    expect(await lastCall(phone)).toEqual({ at: clock.clock(), companyId: seeded.companyA });
    expect(await available('globex')).not.toContain(phone);
    clock.advance(3 * DAY + MINUTE);
    expect(await available('globex')).toContain(phone);
  });

  it('a late report of an older call moves neither the last call nor the last caller back', async () => {
    const { numbers } = await lease('acme', 1);
    const phone = numbers[0].phone;
    const firstCall = clock.clock();
    expect((await report('acme', phone, 'first', 'NO_ANSWER')).status).toBe(201);
    clock.advance(3 * DAY + MINUTE);
    const theirs = await lease('globex', 1000);
    expect(theirs.numbers.map((n: { phone: string }) => n.phone)).toContain(phone);
    expect((await report('globex', phone, 'second', 'NO_ANSWER')).status).toBe(201);
    const secondCall = clock.clock();
    // acme's dialer comes back online with a call it made a day after its first
    expect((await report('acme', phone, 'buffered', 'NO_ANSWER', firstCall + DAY)).status).toBe(201);
    expect(await lastCall(phone)).toEqual({ at: secondCall, companyId: seeded.companyB });
  });

  it('a started_at more than a minute ahead of this clock is refused and writes nothing; clock skew within a minute is taken', async () => {
    const { numbers } = await lease('acme', 2);
    const before = await counts();
    const ahead = await report('acme', numbers[0].phone, 'future-1', 'ANSWERED', clock.clock() + 2 * MINUTE);
    expect(ahead).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_INPUT', message: expect.stringMatching(/started_at .* future/) } },
    });
    const batch = await api('POST', '/api/v1/dialer/report-results', keys.acme, {
      company: 'acme',
      results: [
        {
          call_id: 'future-2',
          phone: numbers[1].phone,
          scenario: 'sales',
          status: 'ANSWERED',
          started_at: new Date(clock.clock() + DAY).toISOString(),
          duration_s: 5,
        },
      ],
    });
    expect(batch.body).toMatchObject({ created: 0, rejected: 1, results: [{ http_status: 400 }] });
    expect(await counts()).toEqual(before);
    expect((await report('acme', numbers[0].phone, 'skewed', 'ANSWERED', clock.clock() + 30_000)).status).toBe(201);
    expect(await lastCall(numbers[0].phone)).toEqual({ at: clock.clock(), companyId: seeded.companyA });
  });
});

describe('calling hours', () => {
  it('closed at the window end (company time zone), next_open_at the next morning; Friday evening opens on Monday', async () => {
    ok(
      await call(core, seeded.superuser, 'schedule.set', {
        companyId: seeded.companyA,
        windows: [
          { day: 'mon', start: '09:00', end: '17:00' },
          { day: 'fri', start: '09:00', end: '17:00' },
        ],
      }),
    );
    clock.set(Date.parse('2026-03-02T15:59:00Z')); // Monday 16:59 in Berlin (CET)
    const open = await lease('acme', 1);
    expect(open.blocked).toBeNull();
    await api('POST', '/api/v1/dialer/release', keys.acme, { company: 'acme', batch_id: open.batch_id });
    clock.set(Date.parse('2026-03-02T16:00:00Z')); // 17:00 in Berlin
    expect(await lease('acme', 1)).toMatchObject({
      numbers: [],
      blocked: { reason: 'outside_schedule', next_open_at: '2026-03-06T08:00:00.000Z' },
    });
    clock.set(Date.parse('2026-03-06T16:30:00Z')); // Friday 17:30 in Berlin
    expect(await lease('acme', 1)).toMatchObject({
      numbers: [],
      blocked: { reason: 'outside_schedule', next_open_at: '2026-03-09T08:00:00.000Z' },
    });
  });
});
