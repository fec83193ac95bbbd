import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedWorld, schemaErrors, snapshot, type ApiAnswer, type ServedWorld } from '../../world';

/**
 * DESIGN.md §4 report-results: "up to 1000 → per-item outcomes, one transaction". The outcome
 * fields are the ones the server's OpenAPI document publishes (ResultOutcome).
 */

let w: ServedWorld;
let doc: any;
const STARTED = new Date(Date.now() - 120_000).toISOString();

beforeAll(async () => {
  w = await servedWorld({
    companies: [
      { slug: 'acme', balance: 200_000, costPerBillable: 50 },
      { slug: 'globex', currency: 'USD', costPerBillable: 30, balance: 10_000 },
    ],
    numbers: 1_020,
  });
  doc = (await w.s.api('GET', '/api/v1/openapi.json', { key: w.keys.acme })).body;
}, 90_000);
afterAll(async () => w?.s.dispose());

type Leased = { batch_id: string; numbers: { number_id: number; phone: string }[] };
const lease = async (company: string, size: number): Promise<Leased> =>
  (await w.s.api('GET', `/api/v1/dialer/next-batch?company=${company}&size=${size}`, { key: w.keys[company] })).body;
const item = (over: Record<string, unknown>): Record<string, unknown> => ({
  scenario: 'sales',
  status: 'ANSWERED',
  started_at: STARTED,
  duration_s: 20,
  ...over,
});
const bulk = (results: unknown, company = 'acme'): Promise<ApiAnswer> =>
  w.s.api('POST', '/api/v1/dialer/report-results', { key: w.keys[company], body: { company, results } });
const callIds = (like: string): Promise<string[]> =>
  w.s.read((db) => db.column<string>('select call_id from call_results where call_id like ? order by call_id', [like]));
const answerSchema = () => doc.paths['/api/v1/dialer/report-results'].post.responses['200'].content['application/json'].schema;

describe('report-results', () => {
  it('answers each item as report-result would; rejected items leave no trace and do not stop the others', async () => {
    const mine = await lease('acme', 3);
    const theirs = await lease('globex', 1);
    const [a, b, c] = mine.numbers.map((n) => n.phone);
    const single = item({ call_id: 'mix-0', phone: c, batch_id: mine.batch_id });
    const alone = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body: { company: 'acme', ...single } });
    expect(alone.status).toBe(201);

    const res = await bulk([
      item({ call_id: 'mix-1', phone: a, batch_id: mine.batch_id }),
      item({ call_id: 'mix-2', phone: '+493055519999' }), // not in the pool
      item({ call_id: 'mix-3', phone: b, batch_id: mine.batch_id, status: 'BUSY' }),
      item({ call_id: 'mix-4', phone: theirs.numbers[0].phone }), // globex holds it
      single, // a retry of a reported call
      { ...single, status: 'HANGUP' }, // the same call_id with another body
    ]);
    expect(res.status).toBe(200);
    expect(schemaErrors(doc, answerSchema(), res.body)).toEqual([]);
    const outcomes = res.body.results.map((r: any) => [r.call_id, r.outcome, r.http_status, r.charged]);
    expect(outcomes).toEqual([
      ['mix-1', 'created', 201, 50],
      ['mix-2', 'rejected', 404, null],
      ['mix-3', 'created', 201, 0],
      ['mix-4', 'rejected', 409, null],
      ['mix-0', 'replayed', 200, 50],
      ['mix-0', 'rejected', 409, null],
    ]);
    // a replayed item answers what the call answered the first time
    expect(res.body.results[4]).toMatchObject(alone.body);
    expect(res.body.results[1].error).toEqual({ code: expect.any(String), message: expect.stringMatching(/\S/) });
    expect(res.body).toMatchObject({ created: 2, replayed: 1, rejected: 3, wallet_balance: 200_000 - 100 }); // mix-0 alone, then mix-1
    expect(await callIds('mix-%')).toEqual(['mix-0', 'mix-1', 'mix-3']);
    await w.s.api('POST', '/api/v1/dialer/release', { key: w.keys.globex, body: { company: 'globex', batch_id: theirs.batch_id } });
  });

  it('an item that fails validation: either the whole request is a 400 that writes nothing, or only that item is rejected', async () => {
    const { batch_id, numbers } = await lease('acme', 2);
    const before = await snapshot(w.s);
    const res = await bulk([
      item({ call_id: 'val-1', phone: numbers[0].phone, batch_id }),
      item({ call_id: 'val-2', phone: numbers[1].phone, batch_id, status: 'MAYBE' }),
    ]);
    if (res.status === 400) {
      expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
      expect(await snapshot(w.s)).toEqual(before);
    } else {
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: any) => [r.outcome, r.http_status])).toEqual([
        ['created', 201],
        ['rejected', 400],
      ]);
      expect(await callIds('val-%')).toEqual(['val-1']);
    }
  });

  it('a bad envelope or 1001 items is a 400 that writes nothing', async () => {
    const { numbers } = await lease('acme', 1);
    const one = item({ call_id: 'env-1', phone: numbers[0].phone });
    const before = await snapshot(w.s);
    const bads: [string, unknown][] = [
      ['1001 items', Array.from({ length: 1001 }, (_, i) => ({ ...one, call_id: `env-${i}` }))],
      ['results not a list', one],
      ['no results', undefined],
    ];
    for (const [what, results] of bads) {
      const res = await bulk(results);
      expect(res.status, what).toBe(400);
      expect(res.body, what).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
    }
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('takes 1000 items as one transaction: a reader never sees part of them; a replay charges nothing', async () => {
    const { numbers } = await lease('acme', 1000);
    expect(numbers).toHaveLength(1000);
    const results = numbers.map((n, i) =>
      item({
        call_id: `k-${String(i).padStart(4, '0')}`,
        number_id: n.number_id,
        status: i % 10 === 0 ? 'INTERESTED' : 'NO_ANSWER',
        transcript: `agent: hi ${i}\n`.repeat(20),
      }),
    );
    const count = async () => Number(await w.s.read((db) => db.value('select count(*) from call_results')));
    const before = await count();
    const seen = new Set<number>();
    let polling = true;
    let looks = 0;
    const poller = (async () => {
      for (let i = 0; polling && i < 5_000; i++, looks++) {
        seen.add(await count());
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const res = await bulk(results);
    polling = false;
    await poller;
    seen.add(await count());
    expect(looks, 'the reader looked while the request ran').toBeGreaterThan(3);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1000, replayed: 0, rejected: 0 });
    expect(res.body.results).toHaveLength(1000);
    expect(res.body.results.map((r: any) => r.call_id)).toEqual(results.map((r) => r.call_id));
    for (const n of seen) expect([before, before + 1000], `a reader saw ${n - before} of the 1000`).toContain(n);
    const charged = res.body.results.reduce((sum: number, r: any) => sum + r.charged, 0);
    expect(charged).toBe(100 * 50);

    const replay = await bulk(results);
    expect(replay.body).toMatchObject({ created: 0, replayed: 1000, rejected: 0, wallet_balance: res.body.wallet_balance });
    expect(await count()).toBe(before + 1000);
  });

  it('balance = Σ ledger and every charge is a result', async () => {
    await w.s.stop();
    await w.s.read(async (db) => {
      const rows = await db.all(
        `select c.slug, c.wallet_balance - (select sum(amount) from ledger_entries l where l.company_id = c.id) as drift,
          (select count(*) from ledger_entries l where l.company_id = c.id and kind = 'charge') as charges,
          (select count(*) from call_results r where r.company_id = c.id and amount_charged > 0) as charged
        from companies c order by c.slug`,
      );
      expect(rows).toEqual([
        { slug: 'acme', drift: 0, charges: 102, charged: 102 },
        { slug: 'globex', drift: 0, charges: 0, charged: 0 },
      ]);
    });
  });
});
