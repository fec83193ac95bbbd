import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call, dialerWorld, report, type DialerWorld } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

const TABLES = [
  'call_results',
  'ledger_entries',
  'leases',
  'numbers',
  'company_calls',
  'scenarios',
  'audit_log',
  'call_stats',
  'ai_agents',
];
const snapshot = async () => ({
  ...Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await d.count(t)]))),
  balances: await d.core.db.column('select wallet_balance from companies order by id'),
  leased: await d.count('numbers', "global_status != 'active'"),
});

/** The server's log, as the lines pino writes. */
function logSink() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  return { lines, logger: { level: 'warn', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } } };
}

const UNLIMITED = 4_294_967_294;

describe('a full disk', () => {
  it('answers 503 STORAGE_FULL with Retry-After and the cause, writes nothing, logs it; once space returns everything goes on', async () => {
    const log = logSink();
    d = await dialerWorld({ numbers: 1500, users: true, port: { logger: log.logger } });
    const db = d.core.db.sqlite;
    // SQLite may not grow the file past its current size: a write that needs a new page fails as on a full disk
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const before = await snapshot();
    const big = (callId: string, i: number) => report({ call_id: callId, number_id: d.numberIds[i], transcript: 'words '.repeat(20_000) });

    const attempts = [
      () => d.exchange('POST', '/api/v1/dialer/report-result', big('full-1', 0)),
      () =>
        d.exchange('POST', '/api/v1/dialer/report-results', {
          company: 'acme',
          results: [big('full-2', 1), big('full-3', 2)].map(({ company: _, ...r }) => r),
        }),
      () => d.exchange('GET', '/api/v1/dialer/next-batch?company=acme&size=1000'),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(res.body).toEqual({ error: { code: 'STORAGE_FULL', message: expect.stringMatching(/disk .* full/) } });
    }
    // the console names the cause too
    const agent = await call(d.core, d.w.superuser!, 'aiAgents.create', {
      companyId: d.w.companyA,
      name: 'Ava',
      systemPrompt: 'p'.repeat(20_000),
    });
    expect(agent).toEqual({ ok: false, error: { code: 'STORAGE_FULL', message: expect.stringMatching(/disk .* full/) } });
    expect(await snapshot()).toEqual(before);
    const failures = log.lines.filter((l) => l.level >= 50);
    expect(failures).toHaveLength(attempts.length);
    for (const line of failures) expect(line).toMatchObject({ code: 'STORAGE_FULL', err: { code: 'SQLITE_FULL' } });

    db.pragma(`max_page_count = ${UNLIMITED}`);
    const res = await d.exchange('POST', '/api/v1/dialer/report-result', big('full-1', 0));
    expect(res.status).toBe(201);
    const many = await d.exchange('POST', '/api/v1/dialer/report-results', {
      company: 'acme',
      results: [big('full-2', 1), big('full-3', 2)].map(({ company: _, ...r }) => r),
    });
    expect(many.body).toMatchObject({ created: 2, rejected: 0 });
    expect((await d.exchange('GET', '/api/v1/dialer/next-batch?company=acme&size=1000')).body.numbers).toHaveLength(1000);
    expect(
      await call(d.core, d.w.superuser!, 'aiAgents.create', { companyId: d.w.companyA, name: 'Ava', systemPrompt: 'p'.repeat(20_000) }),
    ).toMatchObject({ ok: true });
    expect(await d.count('call_results')).toBe(3);
  });
});

describe('a database another process holds', () => {
  it('answers 503 DATABASE_BUSY with Retry-After, writes nothing, logs it; once the lock is gone everything goes on', async () => {
    const log = logSink();
    d = await dialerWorld({ numbers: 10, port: { logger: log.logger } });
    d.core.db.sqlite.pragma('busy_timeout = 100');
    const other = new Database(d.core.db.file);
    try {
      other.exec('begin immediate'); // the write lock, as a long import or restore in another process holds it
      const before = await snapshot();
      const res = await d.exchange('POST', '/api/v1/dialer/report-result', report({ call_id: 'busy-1', number_id: d.numberIds[0] }));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.body).toEqual({ error: { code: 'DATABASE_BUSY', message: expect.stringMatching(/busy/) } });
      expect((await d.exchange('GET', '/api/v1/dialer/next-batch?company=acme&size=5')).body.error.code).toBe('DATABASE_BUSY');
      expect(await snapshot()).toEqual(before);
      const failures = log.lines.filter((l) => l.level >= 50);
      expect(failures).toHaveLength(2);
      for (const line of failures) expect(line).toMatchObject({ code: 'DATABASE_BUSY', err: { code: 'SQLITE_BUSY' } });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(
      (await d.exchange('POST', '/api/v1/dialer/report-result', report({ call_id: 'busy-1', number_id: d.numberIds[0] }))).status,
    ).toBe(201);
  });
});
