import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCompany, importNumbers, startServe, type Serve } from '../../world';
import { postgresBin, startPostgres, type TestPostgres, queryOnce } from '../../world/postgres';

/**
 * A site with two desks on one PostgreSQL (DESIGN.md §10): two real `dialdesk serve` processes, the
 * dialers split between them, replays and conflicting replays sent to the other desk, and one desk
 * killed with SIGKILL under load. The database alone must hold every rule: no number leased twice, no
 * call charged twice, each wallet equal to its ledger, every acknowledged result kept; and a result
 * reported on one desk moves the other's dashboard live.
 */
const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('multi-desk test: skipped, no PostgreSQL installed here (.ci/run installs it)');

const COST = 10;
let server: TestPostgres;
let url: string;
const desks: Serve[] = [];

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  server.createDatabase('site');
  url = server.url('site');
}, 60_000);
afterAll(async () => {
  for (const desk of desks) await desk.dispose();
  server?.stop();
});

const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => queryOnce<R>(url, sql, params);

interface Acknowledged {
  body: Record<string, unknown>;
  answer: { result_id: number; charged: number; wallet_balance: number };
}

describe.skipIf(!available)('two desks on one PostgreSQL', () => {
  it('split dialers, replays across desks and a desk killed mid-load: every rule holds in the database', async () => {
    const a = await startServe({ database: url });
    desks.push(a);
    const b = await startServe({ database: url });
    desks.push(b);

    // the site set up once, from desk A; desk B sees it at once: one database
    const { key } = await addCompany(a, { slug: 'acme', balance: 100_000_000, costPerBillable: COST });
    await importNumbers(a, 3_000);
    expect((await b.rpc('companies.list')).map((c: { slug: string }) => c.slug)).toEqual(['acme']);

    // live: a result reported through desk B reaches desk A's console
    const watching = await a.follow();
    const api = (desk: Serve, method: string, path: string, body?: unknown) => desk.api(method, path, { key, body });
    const first = await api(b, 'GET', '/api/v1/dialer/next-batch?company=acme&size=1&dialer=probe');
    expect(first.status).toBe(200);
    const probe = {
      company: 'acme',
      call_id: 'probe-1',
      number_id: first.body.numbers[0].number_id,
      scenario: 'sales',
      status: 'ANSWERED',
      started_at: new Date().toISOString(),
      duration_s: 20,
    };
    const reported = await api(b, 'POST', '/api/v1/dialer/report-result', probe);
    expect(reported.status).toBe(201);
    await expect
      .poll(() => watching.seen.find((e) => e.event === 'result.reported' && e.data.resultId === reported.body.result_id), {
        timeout: 10_000,
      })
      .toBeTruthy();
    watching.close();

    const handedOut: number[] = [first.body.numbers[0].number_id];
    const acknowledged = new Map<string, Acknowledged>([['probe-1', { body: probe, answer: reported.body }]]);
    let replayPairs = 0; // a same replay and a changed one, both answered
    let bAlive = true;

    // six dialers, three on each desk; a dialer whose desk died moves to the other, as a site's would
    const dialer = async (n: number) => {
      let desk = n % 2 === 0 ? a : b;
      for (let round = 0; acknowledged.size < 900; round++) {
        if (desk === b && !bAlive) desk = a;
        const other = desk === a ? b : a;
        let batch;
        try {
          batch = await api(desk, 'GET', `/api/v1/dialer/next-batch?company=acme&size=15&dialer=d${n}`);
        } catch {
          continue; // the desk went away between the check and the request
        }
        if (batch.status !== 200) throw new Error(`next-batch: ${batch.status} ${batch.text}`);
        if (batch.body.numbers.length === 0) return;
        handedOut.push(...batch.body.numbers.map((x: { number_id: number }) => x.number_id));
        for (const [i, x] of batch.body.numbers.entries()) {
          const body = {
            company: 'acme',
            call_id: `d${n}-${round}-${i}`,
            number_id: x.number_id,
            batch_id: batch.body.batch_id,
            scenario: 'sales',
            status: 'ANSWERED',
            started_at: new Date().toISOString(),
            duration_s: 30,
          };
          let res;
          try {
            res = await api(desk, 'POST', '/api/v1/dialer/report-result', body);
          } catch {
            continue; // not acknowledged: the desk died before answering
          }
          expect(res.status, res.text).toBe(201);
          acknowledged.set(body.call_id, { body, answer: res.body });
          // a replay through the other desk answers the same, and a changed one is refused
          if (i % 5 === 0 && (other !== b || bAlive)) {
            try {
              const again = await api(other, 'POST', '/api/v1/dialer/report-result', body);
              expect(again.status).toBe(200);
              expect(again.body).toEqual(res.body);
              const changed = await api(other, 'POST', '/api/v1/dialer/report-result', { ...body, status: 'BUSY' });
              expect(changed.status).toBe(409);
              replayPairs++;
            } catch (err) {
              // desk B may die between the two requests of a pair; only a pair it answered in full counts
              if (bAlive || !String(err).includes('fetch failed')) throw err;
            }
          }
        }
      }
    };
    const running = [0, 1, 2, 3, 4, 5].map(dialer);
    while (acknowledged.size < 350) await new Promise((r) => setTimeout(r, 10));
    bAlive = false;
    await b.crash();
    await Promise.all(running);

    expect(acknowledged.size).toBeGreaterThanOrEqual(900);
    expect(replayPairs).toBeGreaterThan(20);

    // no number handed out twice, by either desk
    expect(new Set(handedOut).size).toBe(handedOut.length);
    // every acknowledged result is there, once, as acknowledged
    const results = await query<{ call_id: string; id: number; amount_charged: number }>(
      "select call_id, id, amount_charged from call_results where company_id = (select id from companies where slug = 'acme')",
    );
    const byCall = new Map(results.map((r) => [r.call_id, r]));
    for (const [callId, { answer }] of acknowledged) {
      expect(Number(byCall.get(callId)?.id), callId).toBe(answer.result_id);
      expect(answer.charged).toBe(COST);
    }
    // one charge a result, and the wallet is its ledger
    const [money] = await query<{ charges: string; charged_results: string; ledger: string; balance: string }>(
      `select (select count(*) from ledger_entries where kind = 'charge') as charges,
              (select count(distinct call_result_id) from ledger_entries where kind = 'charge') as charged_results,
              (select sum(amount) from ledger_entries) as ledger,
              (select wallet_balance from companies where slug = 'acme') as balance`,
    );
    expect(Number(money!.charges)).toBe(results.length);
    expect(Number(money!.charged_results)).toBe(results.length);
    expect(Number(money!.balance)).toBe(Number(money!.ledger));
    expect(Number(money!.balance)).toBe(100_000_000 - COST * results.length);

    // backups of the SQLite file do not apply: the desk says so, on every way in, and writes nothing
    await expect(a.rpc('backup.run', {})).rejects.toThrow(/pg_dump/);
    await expect(a.rpc('backup.restore', { fileName: 'dialdesk-backup-20260302-100000.sqlite', confirm: true })).rejects.toThrow(/pg_dump/);
    await expect(a.cli(['backup', '--out', `${a.dataDir}/copy.sqlite`])).rejects.toThrow(/pg_dump/);
    await expect(a.cli(['restore', `${a.dataDir}/copy.sqlite`])).rejects.toThrow(/pg_dump/);

    // the surviving desk still answers, and a desk started again on the same database carries on
    const c = await startServe({ database: url });
    desks.push(c);
    const again = await api(c, 'POST', '/api/v1/dialer/report-result', probe);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reported.body);
  }, 180_000);
});
