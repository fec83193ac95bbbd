import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCompany, servedWorld, snapshot, type ApiAnswer, type ServedWorld } from '../../world';

/**
 * DESIGN.md §4 report-result and the §3 status table: idempotency, conflicts, bad input that
 * writes nothing, what each status charges and does to the number, and balance = Σ ledger.
 */

let w: ServedWorld;
const STARTED = new Date(Date.now() - 60_000).toISOString();
const BILLABLE = ['ANSWERED', 'INTERESTED', 'NOT_INTERESTED', 'CALLBACK', 'HANGUP', 'COMPLAINED'];
const NOT_BILLABLE = ['NO_ANSWER', 'BUSY', 'POWER_OFF', 'INVALID', 'FAILED'];
const charged: Record<string, number> = { acme: 0, globex: 0 };
const statusOf = new Map<string, string>(); // phone -> the last status reported for it
const calledBy = new Map<string, string>(); // phone -> the company that reported it
const firstCall: { body?: Record<string, unknown>; answer?: unknown } = {};

beforeAll(async () => {
  w = await servedWorld({
    companies: [
      { slug: 'acme', balance: 100_000, costPerBillable: 50 },
      { slug: 'globex', currency: 'USD', costPerBillable: 30, balance: 50_000 },
    ],
    numbers: 60,
  });
}, 90_000);
afterAll(async () => w?.s.dispose());

type Leased = { number_id: number; phone: string };
const lease = async (company: string, size: number): Promise<{ batch_id: string; numbers: Leased[] }> => {
  const res = await w.s.api('GET', `/api/v1/dialer/next-batch?company=${company}&size=${size}`, { key: w.keys[company] });
  expect(res.status).toBe(200);
  return res.body;
};
const release = (company: string, batchId: string) =>
  w.s.api('POST', '/api/v1/dialer/release', { key: w.keys[company], body: { company, batch_id: batchId } });
/** every number the company may be handed now (the pool here is under 1000), released again */
const available = async (company: string): Promise<Set<string>> => {
  const got = await lease(company, 1000);
  if (got.batch_id) await release(company, got.batch_id);
  return new Set(got.numbers.map((n) => n.phone));
};
const body = (over: Record<string, unknown>): Record<string, unknown> => ({
  company: 'acme',
  scenario: 'sales',
  status: 'ANSWERED',
  started_at: STARTED,
  duration_s: 42,
  ...over,
});
const report = async (b: Record<string, unknown>, key = w.keys[String(b.company)]): Promise<ApiAnswer> => {
  const res = await w.s.api('POST', '/api/v1/dialer/report-result', { key, body: b });
  if (res.status === 201) {
    charged[String(b.company)] += res.body.charged;
    if (b.phone) statusOf.set(String(b.phone), String(b.status));
    if (b.phone) calledBy.set(String(b.phone), String(b.company));
  }
  return res;
};
function expectError(res: ApiAnswer, status: number, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
}

describe('report-result: idempotent by call_id', () => {
  it('201, then 200 with the identical answer for the same body; 409 for another body, which changes nothing', async () => {
    const { batch_id, numbers } = await lease('acme', 1);
    const first = body({
      call_id: 'call-1',
      phone: numbers[0].phone,
      batch_id,
      recording_url: 'https://rec.example/1.mp3',
      transcript: 'agent: hello\ncustomer: yes',
      data: { lead: { name: 'Ann', product: 'plan-b' } },
    });
    const created = await report(first);
    expect(created.status).toBe(201);
    expect(created.contentType).toMatch(/^application\/json/);
    expect(created.body).toEqual({ result_id: expect.any(Number), charged: 50, wallet_balance: 100_000 - 50 });
    Object.assign(firstCall, { body: first, answer: created.body });
    const replay = await report(first);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(created.body);
    // the same body, serialised with its keys in another order, is still the same body
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    expect(await report(reordered)).toMatchObject({ status: 200, body: created.body });

    const before = await snapshot(w.s);
    for (const change of [{ status: 'BUSY' }, { duration_s: 43 }, { transcript: 'agent: bye' }, { data: { lead: { name: 'Bob' } } }]) {
      expectError(await report({ ...first, ...change }), 409, JSON.stringify(change));
    }
    expect(await snapshot(w.s)).toEqual(before);
    expect(await report(first)).toMatchObject({ status: 200, body: created.body });
  });
});

describe('report-result: whose number it is', () => {
  it('a phone or number_id the pool does not know is a 404; nothing written', async () => {
    const before = await snapshot(w.s);
    expectError(await report(body({ call_id: 'ghost-1', phone: '+493055519999' })), 404, 'unknown phone');
    expectError(await report(body({ call_id: 'ghost-2', number_id: 987_654_321 })), 404, 'unknown number_id');
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('a number another company holds a live lease on is a 409; nothing written', async () => {
    const theirs = await lease('globex', 1);
    const before = await snapshot(w.s);
    expectError(await report(body({ call_id: 'taken-1', phone: theirs.numbers[0].phone })), 409, 'by phone');
    expectError(await report(body({ call_id: 'taken-2', number_id: theirs.numbers[0].number_id })), 409, 'by number_id');
    expect(await snapshot(w.s)).toEqual(before);
    await release('globex', theirs.batch_id);
  });
});

describe('report-result: what belongs to whom', () => {
  it('call_id is unique per company: another company may use the same one', async () => {
    const [mine, theirs] = [await lease('acme', 1), await lease('globex', 1)];
    expect((await report(body({ call_id: 'shared-id', phone: mine.numbers[0].phone, status: 'NO_ANSWER' }))).status).toBe(201);
    const other = await report(body({ company: 'globex', call_id: 'shared-id', phone: theirs.numbers[0].phone, status: 'NO_ANSWER' }));
    expect(other.status).toBe(201);
  });

  it("a phone and a number_id that name different numbers, or another company's line or agent: refused, nothing written", async () => {
    const { numbers } = await lease('acme', 2);
    const [line, agent] = await Promise.all([
      w.s.rpc('lines.create', { companyId: w.ids.globex, phone: '+493099990009', name: 'Globex trunk' }),
      w.s.rpc('agents.create', { companyId: w.ids.globex, name: 'Gina', extension: '2001', type: 'outbound' }),
    ]);
    const before = await snapshot(w.s);
    const good = body({ call_id: 'own-1', phone: numbers[0].phone });
    for (const [what, bad] of [
      ['phone and number_id disagree', { ...good, number_id: numbers[1].number_id }],
      ["globex's outbound line", { ...good, outbound_line_id: line.id }],
      ["globex's agent", { ...good, agent_id: agent.id }],
    ] as const) {
      const res = await report(bad, w.keys.acme);
      expect([400, 404, 409], `${what}: ${res.status} ${res.text}`).toContain(res.status);
    }
    expect(await snapshot(w.s)).toEqual(before);
  });
});

describe('release after reporting', () => {
  it('releasing a whole batch after some results does not give the called numbers back', async () => {
    const { batch_id, numbers } = await lease('acme', 2);
    const [called, unused] = numbers.map((n) => n.phone);
    expect((await report(body({ call_id: 'rel-1', phone: called, batch_id }))).status).toBe(201);
    expect((await release('acme', batch_id)).status).toBe(200);
    const open = await available('acme');
    expect(open.has(unused)).toBe(true);
    expect(open.has(called)).toBe(false);
  });
});

describe('report-result: bad input is a 400 that writes nothing', () => {
  it('missing or invalid fields', async () => {
    const { batch_id, numbers } = await lease('acme', 1);
    const good = body({ call_id: 'bad-1', phone: numbers[0].phone, batch_id });
    const { company: _c, ...noCompany } = good;
    const { call_id: _i, ...noCallId } = good;
    const { status: _s, ...noStatus } = good;
    const { phone: _p, ...noNumber } = good;
    const bads: [string, unknown][] = [
      ['bad status', { ...good, status: 'SORT_OF' }],
      ['lower-case status', { ...good, status: 'answered' }],
      ['negative duration', { ...good, duration_s: -1 }],
      ['duration as text', { ...good, duration_s: '42' }],
      ['started_at not a time', { ...good, started_at: 'yesterday' }],
      ['started_at not a date', { ...good, started_at: '2026-13-45T25:00:00Z' }],
      ['unknown scenario key', { ...good, scenario: 'never-registered' }],
      ['no company', noCompany],
      ['no call_id', noCallId],
      ['empty call_id', { ...good, call_id: '' }],
      ['no status', noStatus],
      ['neither phone nor number_id', noNumber],
      ['phone that is no phone number', { ...good, phone: 'call me maybe' }],
    ];
    const before = await snapshot(w.s);
    for (const [what, bad] of bads) expectError(await report(bad as Record<string, unknown>, w.keys.acme), 400, what);
    expect(await snapshot(w.s)).toEqual(before);
    expect((await report(good)).status).toBe(201);
  });
});

describe('the status table', () => {
  it('billable statuses charge cost_per_billable, the others nothing; answers track the wallet', async () => {
    const statuses = [...BILLABLE, ...NOT_BILLABLE];
    const { batch_id, numbers } = await lease('acme', statuses.length);
    expect(numbers).toHaveLength(statuses.length);
    let balance = (await w.s.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1', { key: w.keys.acme })).body;
    await release('acme', balance.batch_id);
    balance = balance.wallet.balance;
    for (const [i, status] of statuses.entries()) {
      const res = await report(body({ call_id: `st-${status}`, phone: numbers[i].phone, batch_id, status }));
      expect(res.status, status).toBe(201);
      const cost = BILLABLE.includes(status) ? 50 : 0;
      balance -= cost;
      expect(res.body, status).toEqual({ result_id: expect.any(Number), charged: cost, wallet_balance: balance });
    }
  });

  it('an INBOUND_CALL from a caller the pool does not know adds the caller, charging nothing', async () => {
    const res = await report(body({ call_id: 'in-1', phone: '+4915112340000', status: 'INBOUND_CALL', duration_s: 90 }));
    expect(res.status).toBe(201);
    expect(res.body.charged).toBe(0);
  });

  it('per_minute billing charges each started minute of a billable call', async () => {
    const { id, key } = await addCompany(w.s, { slug: 'meter', balance: 10_000 });
    w.keys.meter = key;
    charged.meter = 0;
    await w.s.rpc('companies.update', { companyId: id, billingMode: 'per_minute', costPerMinute: 20 });
    const { batch_id, numbers } = await lease('meter', 4);
    const cases: [string, number, number][] = [
      ['ANSWERED', 61, 40],
      ['INTERESTED', 60, 20],
      ['HANGUP', 1, 20],
      ['NO_ANSWER', 300, 0],
    ];
    let balance = 10_000;
    for (const [i, [status, seconds, cost]] of cases.entries()) {
      const res = await report(
        body({ company: 'meter', call_id: `pm-${i}`, phone: numbers[i].phone, batch_id, status, duration_s: seconds }),
      );
      balance -= cost;
      expect(res.body, `${status} ${seconds}s`).toEqual({ result_id: expect.any(Number), charged: cost, wallet_balance: balance });
    }
  });

  it('FAILED returns the number to the pool for everyone; any other status ends it for this company, and the cooldown for all', async () => {
    const { batch_id, numbers } = await lease('acme', 2);
    const [failed, busy] = numbers.map((n) => n.phone);
    await report(body({ call_id: 'cd-failed', phone: failed, batch_id, status: 'FAILED' }));
    await report(body({ call_id: 'cd-busy', phone: busy, batch_id, status: 'BUSY' }));
    for (const company of ['acme', 'globex']) {
      const open = await available(company);
      expect(open.has(failed), `${company} may dial the FAILED number again`).toBe(true);
      expect(open.has(busy), `${company} is kept off a number called minutes ago`).toBe(false);
    }
  });

  it('COMPLAINED, POWER_OFF and INVALID take the number away from every company; with no cooldown others may dial the rest', async () => {
    await w.s.rpc('settings.updateSite', { callCooldownDays: 0 });
    try {
      const { batch_id, numbers } = await lease('acme', 4);
      const [complained, powerOff, invalid, noAnswer] = numbers.map((n) => n.phone);
      for (const [phone, status] of [
        [complained, 'COMPLAINED'],
        [powerOff, 'POWER_OFF'],
        [invalid, 'INVALID'],
        [noAnswer, 'NO_ANSWER'],
      ]) {
        expect((await report(body({ call_id: `gs-${status}`, phone, batch_id, status }))).status).toBe(201);
      }
      const globex = await available('globex');
      for (const phone of [complained, powerOff, invalid]) expect(globex.has(phone), phone).toBe(false);
      expect(globex.has(noAnswer), 'another company may dial a NO_ANSWER number').toBe(true);
      const acme = await available('acme');
      // acme never gets back a number it dialed, whatever the cooldown (an inbound call is not one it dialed)
      for (const [phone, status] of statusOf) {
        if (calledBy.get(phone) === 'acme' && status !== 'FAILED' && status !== 'INBOUND_CALL')
          expect(acme.has(phone), `${phone} ${status}`).toBe(false);
      }
    } finally {
      await w.s.rpc('settings.updateSite', { callCooldownDays: 3 });
    }
  });
});

describe('the money afterwards', () => {
  it('balance = Σ ledger, every charge is a call result, each number has the status its results set', async () => {
    const globexTurn = await lease('globex', 2);
    for (const [i, n] of globexTurn.numbers.entries()) {
      const res = await report(body({ company: 'globex', call_id: `g-${i}`, phone: n.phone, status: 'INTERESTED' }));
      expect(res.body.charged).toBe(30);
    }
    // a late retry of the first call still gets the first answer, though the wallet moved since
    const late = await report(firstCall.body!);
    expect(late).toMatchObject({ status: 200, body: firstCall.answer });
    await w.s.stop();
    await w.s.read(async (db) => {
      const rows = await db.all<{ slug: string; balance: number; ledger: number; charges: number; charged: number }>(
        `select c.slug, c.wallet_balance as balance, c.id,
          (select coalesce(sum(amount), 0) from ledger_entries l where l.company_id = c.id) as ledger,
          (select coalesce(sum(amount), 0) from ledger_entries l where l.company_id = c.id and kind = 'charge') as charges,
          (select coalesce(sum(amount_charged), 0) from call_results r where r.company_id = c.id) as charged
        from companies c order by c.slug`,
      );
      expect(rows).toEqual([
        {
          slug: 'acme',
          id: w.ids.acme,
          balance: 100_000 - charged.acme,
          ledger: 100_000 - charged.acme,
          charges: -charged.acme,
          charged: charged.acme,
        },
        { slug: 'globex', id: w.ids.globex, balance: 50_000 - 60, ledger: 50_000 - 60, charges: -60, charged: 60 },
        { slug: 'meter', id: w.ids.meter ?? expect.any(Number), balance: 10_000 - 80, ledger: 10_000 - 80, charges: -80, charged: 80 },
      ]);
      expect(await db.value("select direction from call_results where call_id = 'in-1'")).toBe('inbound');
      const status = (phone: string) => db.value('select global_status from numbers where phone = ?', [phone]);
      for (const [phone, s] of statusOf) {
        const expected = { COMPLAINED: 'complained', POWER_OFF: 'power_off', INVALID: 'invalid' }[s] ?? 'active';
        expect(await status(phone), `${phone} after ${s}`).toBe(expected);
      }
      expect(await db.value("select source from numbers where phone = '+4915112340000'")).toBe('inbound');
      expect(await db.value("select count(*) from call_results where call_id in ('ghost-1', 'ghost-2', 'taken-1', 'taken-2')")).toBe(0);
      // a reported result ends the lease
      expect(await db.value('select count(*) from leases l join call_results r on r.number_id = l.number_id')).toBe(0);
    });
  });
});
