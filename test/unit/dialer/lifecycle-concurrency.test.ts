import { afterEach, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { saveRecycleRule } from '../../../src-main/core/recycling/rules';
import { dialerWorld, report, type DialerWorld } from '../../world';

/**
 * DESIGN.md §8 under concurrent dialers, through the real HTTP port: a due callback goes to exactly one
 * dialer, and a recycled number is never leased twice (cache on and off: vitest.config.ts).
 */
let d: DialerWorld;
afterEach(async () => d?.close());

const MINUTE = 60_000;
interface Item {
  number_id: number;
  kind: string;
  callback?: { callback_id: number };
}
const nextBatch = async (dialer: string, size: number, key = d.keys.a, company = 'acme') => {
  const res = await d.api('GET', `/api/v1/dialer/next-batch?company=${company}&size=${size}&dialer=${dialer}`, undefined, key);
  expect(res.status).toBe(200);
  return res.body as { batch_id: string | null; numbers: Item[]; blocked: { reason: string } | null };
};

it('callbacks falling due while ten dialers ask at once: each is handed to exactly one of them', async () => {
  d = await dialerWorld({ numbers: 300 });
  // acme has called 40 numbers, and each callee asked to be called back in an hour
  const first = await nextBatch('setup', 40);
  const asked = first.numbers.map((n) => n.number_id);
  const results = asked.map((id, i) =>
    report({
      number_id: id,
      call_id: `first-${i}`,
      status: 'CALLBACK',
      started_at: '2026-03-02T10:00:00Z',
      callback_at: '2026-03-02T11:00:00Z',
    }),
  );
  for (const r of results) expect((await d.api('POST', '/api/v1/dialer/report-result', r)).status).toBe(201);
  d.clock.set(Date.parse('2026-03-02T11:00:00Z'));

  const handed: Item[] = [];
  await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      for (let round = 0; round < 6; round++) {
        const b = await nextBatch(`rack-${i}`, 3);
        handed.push(...b.numbers);
      }
    }),
  );
  const callbacks = handed.filter((n) => n.kind === 'callback');
  expect(callbacks.map((n) => n.number_id).sort((a, b) => a - b)).toEqual([...asked].sort((a, b) => a - b));
  expect(new Set(callbacks.map((n) => n.callback!.callback_id)).size).toBe(asked.length);
  // nothing at all was handed out twice while its lease was live
  expect(new Set(handed.map((n) => n.number_id)).size).toBe(handed.length);
  // and they came first: no fresh number was handed out while a callback waited
  const firstFresh = handed.findIndex((n) => n.kind === 'fresh');
  expect(handed.slice(firstFresh).some((n) => n.kind === 'callback')).toBe(false);
});

it('numbers due for a retry while eight dialers of two companies ask at once: none is leased twice', async () => {
  d = await dialerWorld({ numbers: 240 });
  for (const companyId of [d.w.companyA, d.w.companyB]) {
    await saveRecycleRule(
      d.core.db,
      CLI_ACTOR,
      { companyId, status: 'NO_ANSWER', delayMinutes: 5, maxRetries: 2, ownAttempt: true, isActive: true },
      d.clock.clock(),
    );
  }
  // each company calls half the pool once, nobody answers
  for (const [company, key] of [
    ['acme', d.keys.a],
    ['globex', d.keys.b],
  ] as const) {
    const b = await nextBatch('setup', 120, key, company);
    const body = {
      company,
      results: b.numbers.map((n, i) =>
        report({
          company: undefined,
          number_id: n.number_id,
          call_id: `${company}-${i}`,
          status: 'NO_ANSWER',
          started_at: '2026-03-02T10:00:00Z',
        }),
      ),
    };
    for (const r of body.results) delete (r as Record<string, unknown>).company;
    expect((await d.api('POST', '/api/v1/dialer/report-results', body, key)).body.created).toBe(120);
  }
  d.clock.advance(6 * MINUTE);

  const handed = new Map<string, number[]>([
    ['acme', []],
    ['globex', []],
  ]);
  await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const [company, key] = i % 2 ? (['globex', d.keys.b] as const) : (['acme', d.keys.a] as const);
      for (;;) {
        const b = await nextBatch(`rack-${i}`, 7 + i, key, company);
        if (b.blocked) return;
        for (const n of b.numbers) expect(n.kind).toBe('recycled');
        handed.get(company)!.push(...b.numbers.map((n) => n.number_id));
      }
    }),
  );
  const all = [...handed.get('acme')!, ...handed.get('globex')!];
  expect(all).toHaveLength(240);
  expect(new Set(all).size).toBe(240);
  expect(await d.count('leases')).toBe(240);
});
