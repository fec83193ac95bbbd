import { afterEach, expect, it } from 'vitest';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { CALL_STATUSES } from '../../../src-shared/statuses';
import { dialerWorld, type DialerWorld } from '../../world';
import { testEngine } from '../../world/engine';

let d: DialerWorld;
afterEach(async () => d?.close());

// every status but FAILED, which would rightly hand the number out again
const STATUSES = CALL_STATUSES.filter((s) => s !== 'FAILED' && s !== 'INBOUND_CALL');

it(
  'several dialers hammering next-batch and results in parallel: no number leased twice, balance = Σ ledger',
  async () => {
    d = await dialerWorld({ numbers: 1500, balance: 1_000_000 });
    const handedOut: number[] = [];
    let replays = 0;

    async function dialer(company: 'acme' | 'globex', key: string, name: string, seed: number) {
      let rnd = seed;
      const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (;;) {
        const batch = await d.api(
          'GET',
          `/api/v1/dialer/next-batch?company=${company}&size=${5 + Math.floor(random() * 30)}&dialer=${name}`,
          undefined,
          key,
        );
        expect(batch.status).toBe(200);
        if (batch.body.blocked) {
          expect(batch.body.blocked.reason).toBe('pool_exhausted');
          return;
        }
        handedOut.push(...batch.body.numbers.map((n: { number_id: number }) => n.number_id));
        const items = batch.body.numbers.map((n: { number_id: number }, i: number) => ({
          call_id: `${batch.body.batch_id}-${i}`,
          number_id: n.number_id,
          batch_id: batch.body.batch_id,
          scenario: 'sales',
          status: STATUSES[Math.floor(random() * STATUSES.length)],
          started_at: '2026-03-02T09:59:00Z',
          duration_s: Math.floor(random() * 300),
        }));
        // half the batches report one by one (in parallel, with a retry each), half in one request
        if (random() < 0.5) {
          const answers = await Promise.all(
            items.map((item: object) => d.api('POST', '/api/v1/dialer/report-result', { company, ...item }, key)),
          );
          for (const a of answers) expect(a.status).toBe(201);
          const retry = await d.api('POST', '/api/v1/dialer/report-result', { company, ...items[0] }, key);
          expect(retry).toEqual({ status: 200, body: answers[0].body });
          replays++;
        } else {
          const res = await d.api('POST', '/api/v1/dialer/report-results', { company, results: items }, key);
          expect(res.body.created).toBe(items.length);
        }
      }
    }

    await Promise.all([
      dialer('acme', d.keys.a, 'a1', 1),
      dialer('acme', d.keys.a, 'a2', 2),
      dialer('acme', d.keys.site, 'a3', 3),
      dialer('globex', d.keys.b, 'g1', 4),
      dialer('globex', d.keys.b, 'g2', 5),
      dialer('globex', d.keys.site, 'g3', 6),
    ]);

    expect(new Set(handedOut).size).toBe(handedOut.length);
    expect(handedOut.length).toBe(1500); // the cooldown keeps the other company off every called number
    expect(replays).toBeGreaterThan(0);
    expect(await d.count('call_results')).toBe(1500);
    expect(await d.count('leases')).toBe(0);
    const perNumber = await d.core.db.value('select max(c) from (select count(*) c from call_results group by number_id) per_number');
    expect(perNumber).toBe(1);
    for (const companyId of [d.w.companyA, d.w.companyB]) {
      expect((await walletMatchesLedger(d.core.db, companyId)).ok).toBe(true);
      const charged = await d.core.db.value('select sum(amount_charged) from call_results where company_id = ?', [companyId]);
      const ledger = await d.core.db.value("select -sum(amount) from ledger_entries where company_id = ? and kind = 'charge'", [companyId]);
      expect(ledger).toBe(charged);
    }
    // ~13 s on SQLite; ~30 s on PostgreSQL, where each of the ~1,600 requests takes a pooled connection and its row locks
  },
  testEngine() === 'postgres' ? 90_000 : undefined,
);
