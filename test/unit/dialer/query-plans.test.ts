import { afterEach, describe, expect, it } from 'vitest';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { releaseBatch } from '../../../src-main/core/dialer/release';
import { recordResult } from '../../../src-main/core/results/record';
import { call, ok, dialerWorld, type DialerWorld } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

/** the tables that grow with the pool and the call history */
const LARGE = [
  'numbers',
  'call_results',
  'company_calls',
  'ledger_entries',
  'leases',
  'call_stats',
  'call_stats_blocks',
  'call_stats_by_status',
  'recycles',
  'callbacks',
  'list_members',
  'dnc_entries',
  'attempt_stats',
];
const FULL_SCAN = new RegExp(`^SCAN (${LARGE.join('|')})(?: |$)`);

/**
 * Every statement the hot paths prepare (the dialer's lease, report and release; the console's call
 * log with filters and its dashboard matrix), asked for its plan: none may read a large table, or an
 * index of one, from end to end. A lost index or a query the planner cannot serve from one shows up
 * here before it shows up as seconds on a 10M-row log.
 */
/** the plan of a statement with ? or @named parameters: better-sqlite3 wants each bound, and a plan does not depend on the values */
function explain(statement: { all(...args: unknown[]): unknown[] }, sql: string): { detail: string }[] {
  const named = [...new Set(sql.match(/@\w+/g) ?? [])];
  if (named.length) return statement.all(Object.fromEntries(named.map((p) => [p.slice(1), null]))) as { detail: string }[];
  for (let n = 0; n <= 999; n++) {
    try {
      return statement.all(...Array(n).fill(null)) as { detail: string }[];
    } catch (err) {
      if (!(err instanceof RangeError && /Too few/.test(err.message))) throw err;
    }
  }
  throw new Error('more than 999 parameters');
}

describe('query plans of the hot paths', () => {
  it('search the large tables through an index, never scan them whole', async () => {
    d = await dialerWorld({ numbers: 60, users: true });
    const { core, w } = d;
    const sqlite = core.db.sqlite;
    const seen = new Set<string>();
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => {
      seen.add(sql);
      return prepare(sql);
    }) as typeof sqlite.prepare;

    // the number lifecycle in play: a list of the company's, a do-not-call list, recycling and callbacks
    const admin = w.users!.admin;
    ok(await call(core, admin, 'numbers.import', { content: '+12125559000\n+12125559001\n', list: 'own' }));
    ok(await call(core, admin, 'numbers.dnc', { content: '+12125559001\n' }));
    ok(
      await call(core, admin, 'recycling.save', {
        companyId: w.companyA,
        status: 'BUSY',
        delayMinutes: 5,
        maxRetries: 2,
        ownAttempt: true,
      }),
    );
    const batch = await nextBatch(core, { companyId: w.companyA, size: 20, dialerId: 'd1' });
    expect(batch.numbers).toHaveLength(20);
    for (const [i, n] of batch.numbers.slice(0, 10).entries()) {
      await recordResult(core, w.companyA, {
        callId: `plan-${i}`,
        numberId: n.numberId,
        scenarioKey: 'sales',
        status: i % 2 ? 'BUSY' : 'CALLBACK',
        startedAt: d.clock.clock(),
        durationS: 40,
        callbackAt: i % 2 ? null : d.clock.clock() + 60_000,
      });
    }
    expect(await releaseBatch(core, { companyId: w.companyA, batchId: batch.batchId! })).toEqual({ released: 10 });
    d.clock.advance(6 * 60_000);
    const again = await nextBatch(core, { companyId: w.companyA, size: 20, dialerId: 'd1' });
    expect(again.numbers.filter((n) => n.kind !== 'fresh')).toHaveLength(10);
    const viewer0 = w.users!.viewer;
    ok(await call(core, viewer0, 'lists.list', { companyId: w.companyA }));
    ok(await call(core, viewer0, 'dnc.list', { companyId: w.companyA, search: '559' }));
    for (const view of ['due', 'upcoming', 'missed'] as const)
      ok(await call(core, viewer0, 'callbacks.list', { companyId: w.companyA, view }));
    ok(await call(core, viewer0, 'numbers.lookup', { companyId: w.companyA, phone: '+12125559000' }));
    const viewer = w.users!.viewer;
    const filters = [
      {},
      { status: ['BUSY' as const] },
      { status: ['BUSY' as const, 'CALLBACK' as const], agentId: 0 },
      { scenarioId: 0 },
      { phone: '+1212' },
    ];
    for (const f of filters) ok(await call(core, viewer, 'calls.list', { companyId: w.companyA, limit: 5, ...f }));
    for (const groupBy of ['scenario', 'line', 'agent'] as const) {
      ok(await call(core, viewer, 'stats.matrix', { companyId: w.companyA, range: { from: '2025-12-03', to: '2026-03-02' }, groupBy }));
    }

    const large = [...seen].filter((sql) => LARGE.some((t) => new RegExp(`\\b${t}\\b`).test(sql)));
    expect(large.length).toBeGreaterThan(10);
    const scans: string[] = [];
    for (const sql of large) {
      const plan = explain(prepare(`explain query plan ${sql}`), sql);
      // a new pool number's foreign-key look at the tables that point to it: SQLite runs it only while
      // deferred violations are outstanding (an FkIfZero jumps over it), which nothing here defers
      const parentInsert = /^\s*insert (?:or ignore )?into numbers\b/i.test(sql);
      for (const step of plan) {
        if (parentInsert && !/\bnumbers\b/.test(step.detail)) continue;
        if (FULL_SCAN.test(step.detail)) scans.push(`${step.detail}  <-  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
