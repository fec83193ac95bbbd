import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedWorld, rawRequest, snapshot, type ServedWorld } from '../../world';

/**
 * DESIGN.md §3 "Two dialers asking at the same moment never get the same number" and §7
 * reliability (no number leased twice, no result charged twice, balance = Σ ledger) with several
 * dialers over real HTTP, retries, early releases and clients that hang up mid-request.
 */

let w: ServedWorld;
const STARTED = new Date(Date.now() - 300_000).toISOString();
const COST: Record<string, number> = { acme: 50, globex: 30 };

beforeAll(async () => {
  w = await servedWorld({
    companies: [
      { slug: 'acme', balance: 1_000_000, costPerBillable: 50 },
      { slug: 'globex', currency: 'USD', costPerBillable: 30, balance: 1_000_000 },
    ],
    numbers: 300,
  });
}, 90_000);
afterAll(async () => w?.s.dispose());

const lease = async (company: string, size: number) =>
  (await w.s.api('GET', `/api/v1/dialer/next-batch?company=${company}&size=${size}`, { key: w.keys[company] })).body;
const reportBody = (callId: string, phone: string, status = 'ANSWERED') => ({
  company: 'acme',
  call_id: callId,
  phone,
  scenario: 'sales',
  status,
  started_at: STARTED,
  duration_s: 15,
});
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('a client that goes away mid-request', () => {
  it('a report-result cut off mid-body writes nothing; the full retry is the first (201)', async () => {
    const { numbers } = await lease('acme', 1);
    const body = JSON.stringify(reportBody('cut-1', numbers[0].phone));
    const before = await snapshot(w.s);
    expect(
      await rawRequest(w.s.url, {
        method: 'POST',
        path: '/api/v1/dialer/report-result',
        key: w.keys.acme,
        body,
        cutAfter: Math.floor(body.length / 2),
      }),
    ).toBeNull();
    await settle();
    expect(await snapshot(w.s)).toEqual(before);
    const full = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body });
    expect(full.status).toBe(201);
  });

  it('a report-results cut off mid-body writes none of its items', async () => {
    const { numbers } = await lease('acme', 100);
    const body = JSON.stringify({
      company: 'acme',
      results: numbers.map((n: { phone: string }, i: number) => {
        const { company: _c, ...item } = reportBody(`cutmany-${i}`, n.phone);
        return item;
      }),
    });
    const before = await snapshot(w.s);
    expect(
      await rawRequest(w.s.url, {
        method: 'POST',
        path: '/api/v1/dialer/report-results',
        key: w.keys.acme,
        body,
        cutAfter: Math.floor(body.length * 0.9),
      }),
    ).toBeNull();
    await settle();
    expect(await snapshot(w.s)).toEqual(before);
    const full = await w.s.api('POST', '/api/v1/dialer/report-results', { key: w.keys.acme, body });
    expect(full.body).toMatchObject({ created: 100, replayed: 0, rejected: 0 });
  });

  it('a client that sends everything and hangs up before the answer: the retry is 201 or 200, charged once', async () => {
    const { numbers } = await lease('acme', 1);
    const body = JSON.stringify(reportBody('gone-1', numbers[0].phone, 'INTERESTED'));
    const balanceOf = () => w.s.read((db) => db.value<number>("select wallet_balance from companies where slug = 'acme'"));
    const before = (await balanceOf())!;
    await rawRequest(w.s.url, {
      method: 'POST',
      path: '/api/v1/dialer/report-result',
      key: w.keys.acme,
      body,
      cutAfter: Buffer.byteLength(body),
    });
    await settle();
    const retry = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body });
    expect([200, 201]).toContain(retry.status);
    expect(retry.body).toMatchObject({ charged: 50, wallet_balance: before - 50 });
    const again = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body });
    expect(again).toMatchObject({ status: 200, body: retry.body });
    expect(await balanceOf()).toBe(before - 50);
  });
});

/** mulberry32: the same statuses every run */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const STATUSES = ['ANSWERED', 'NO_ANSWER', 'NO_ANSWER', 'BUSY', 'FAILED', 'FAILED', 'COMPLAINED', 'HANGUP', 'POWER_OFF'];
const BILLABLE = new Set(['ANSWERED', 'COMPLAINED', 'HANGUP']);

describe('eight dialers at once for two companies', () => {
  it('no number is held twice, none returns to a company that called it, each result is charged once', async () => {
    let clock = 0; // orders what the clients saw: a lease asked after an acknowledgement must respect it
    const holder = new Map<number, string>();
    const done = new Map<number, { at: number; by: string }>(); // a non-FAILED result acknowledged
    const violations: string[] = [];
    const created: Record<string, number> = { acme: 0, globex: 0 };
    const charged: Record<string, number> = { acme: 0, globex: 0 };
    const complained = new Set<number>();
    let seq = 0;

    const acknowledge = (company: string, dialer: string, id: number, status: string, res: { status: number; body: any }) => {
      if (res.status === 201) {
        created[company]++;
        charged[company] += res.body.charged;
        if (res.body.charged !== (BILLABLE.has(status) ? COST[company] : 0))
          violations.push(`${dialer}: ${status} charged ${res.body.charged}`);
      } else if (res.status !== 200) violations.push(`${dialer}: report answered ${res.status} ${JSON.stringify(res.body)}`);
      if (status !== 'FAILED') done.set(id, { at: ++clock, by: company });
      if (status === 'COMPLAINED') complained.add(id);
    };

    const dialer = async (name: string, company: string, seed: number) => {
      const rnd = random(seed);
      const key = w.keys[company];
      for (let round = 0; round < 10; round++) {
        const askedAt = ++clock;
        const res = await w.s.api('GET', `/api/v1/dialer/next-batch?company=${company}&size=12&dialer=${name}`, { key });
        if (res.status !== 200) violations.push(`${name}: next-batch ${res.status}`);
        if (res.status !== 200 || res.body.numbers.length === 0) return;
        const numbers = res.body.numbers as { number_id: number; phone: string }[];
        for (const n of numbers) {
          if (holder.has(n.number_id)) violations.push(`${n.phone} leased to ${name} while ${holder.get(n.number_id)} holds it`);
          const before = done.get(n.number_id);
          if (before && before.at < askedAt) violations.push(`${n.phone} given to ${company} after ${before.by} called it`);
          holder.set(n.number_id, name);
        }
        // the last two go back unused
        const unused = numbers.slice(-2);
        for (const n of unused) holder.delete(n.number_id);
        const rel = await w.s.api('POST', '/api/v1/dialer/release', {
          key,
          body: { company, batch_id: res.body.batch_id, number_ids: unused.map((n) => n.number_id) },
        });
        if (rel.status !== 200) violations.push(`${name}: release ${rel.status}`);
        const calls = numbers
          .slice(0, -2)
          .map((n) => ({ n, status: STATUSES[Math.floor(rnd() * STATUSES.length)], callId: `${name}-${++seq}` }));
        for (const { n } of calls) holder.delete(n.number_id);
        const item = (c: (typeof calls)[number]) => ({
          call_id: c.callId,
          number_id: c.n.number_id,
          batch_id: res.body.batch_id,
          scenario: 'sales',
          status: c.status,
          started_at: STARTED,
          duration_s: 9,
        });
        if (calls.length === 0) continue;
        if (seed % 2 === 0) {
          const bulk = await w.s.api('POST', '/api/v1/dialer/report-results', { key, body: { company, results: calls.map(item) } });
          if (bulk.status !== 200) violations.push(`${name}: report-results ${bulk.status} ${bulk.text.slice(0, 200)}`);
          else
            calls.forEach((c, i) =>
              acknowledge(company, name, c.n.number_id, c.status, { status: bulk.body.results[i].http_status, body: bulk.body.results[i] }),
            );
        } else {
          await Promise.all(
            calls.map(async (c, i) => {
              const send = () => w.s.api('POST', '/api/v1/dialer/report-result', { key, body: { company, ...item(c) } });
              // every third call is retried at once, as a dialer that timed out would
              const answers = await Promise.all(i % 3 === 0 ? [send(), send()] : [send()]);
              const ids = new Set(answers.map((a) => a.body?.result_id));
              if (ids.size !== 1) violations.push(`${c.callId}: a retry got another result`);
              const first = answers.find((a) => a.status === 201) ?? answers[0];
              acknowledge(company, name, c.n.number_id, c.status, first);
            }),
          );
        }
      }
    };

    const dialers = ['acme', 'acme', 'acme', 'acme', 'acme', 'globex', 'globex', 'globex'].map((company, i) =>
      dialer(`rack-${i}`, company, i + 1),
    );
    await Promise.all(dialers);
    expect(violations).toEqual([]);
    expect(created.acme + created.globex).toBeGreaterThan(150);

    await w.s.stop();
    await w.s.read(async (db) => {
      for (const company of ['acme', 'globex']) {
        const row = (await db.get<Record<string, number>>(
          `select c.wallet_balance as balance,
            (select sum(amount) from ledger_entries l where l.company_id = c.id) as ledger,
            (select coalesce(sum(amount), 0) from ledger_entries l where l.company_id = c.id and kind = 'charge') as charges,
            (select count(*) from call_results r where r.company_id = c.id and r.call_id like 'rack-%') as results
          from companies c where slug = ?`,
          [company],
        ))!;
        expect(row.balance, company).toBe(row.ledger);
        expect(row.results, company).toBe(created[company]);
        // the cut-off tests above charged acme once (gone-1) and cut-1 and cutmany-* too
        const before =
          company === 'acme'
            ? (await db.value<number>("select coalesce(sum(amount_charged), 0) from call_results where call_id not like 'rack-%'"))!
            : 0;
        expect(-row.charges, company).toBe(charged[company] + before);
      }
      expect(await db.value('select count(*) from leases'), 'every lease was reported or released').toBe(0);
      const notComplained = [];
      for (const id of complained) {
        if ((await db.value('select global_status from numbers where id = ?', [id])) !== 'complained') notComplained.push(id);
      }
      expect(notComplained).toEqual([]);
      expect(
        await db.value('select count(*) from (select company_id, call_id from call_results group by 1, 2 having count(*) > 1) twice'),
      ).toBe(0);
    });
  }, 60_000);
});
