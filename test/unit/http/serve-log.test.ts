import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedWorld, type ServedWorld } from '../../world';

let w: ServedWorld;
beforeAll(async () => {
  w = await servedWorld({ companies: [{ slug: 'acme', balance: 1000 }], numbers: 3 });
}, 120_000);
afterAll(async () => w?.s.dispose());

const logLines = () =>
  w.s
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; code?: string });

describe('dialdesk serve --quiet', () => {
  it('keeps the request log quiet but always logs a failure with its cause', async () => {
    const report = (callId: string) => ({
      company: 'acme',
      call_id: callId,
      phone: w.phones[0],
      scenario: 'sales',
      status: 'ANSWERED',
      started_at: new Date(Date.now() - 60_000).toISOString(),
      duration_s: 30,
    });
    expect((await w.s.api('GET', '/api/v1/health')).status).toBe(200);
    // another process holds the write lock past serve's busy timeout (5 s)
    const other = new Database(join(w.s.dataDir, 'dialdesk.sqlite'));
    let busy;
    try {
      other.exec('begin immediate');
      busy = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body: report('quiet-1') });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(busy).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_BUSY' } }, requestId: expect.stringMatching(/^r-/) });
    expect((await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body: report('quiet-1') })).status).toBe(201);
    const lines = logLines();
    expect(lines).toEqual([expect.objectContaining({ level: 50, code: 'DATABASE_BUSY', msg: expect.stringMatching(/busy/) })]);

    // the file in the data folder has the same failure, and the refusal the dialer saw, by its request id
    const { log } = await w.s.rpc('settings.get');
    expect(log.folder).toBe(join(w.s.dataDir, 'logs'));
    const file = (readFileSync(log.file, 'utf8') as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; reqId?: string; status?: number; code?: string });
    const ofBusy = file.filter((l) => l.reqId === busy.requestId);
    expect(ofBusy).toEqual([
      expect.objectContaining({ level: 50, code: 'DATABASE_BUSY' }),
      expect.objectContaining({ level: 30, msg: 'request refused', status: 503 }),
    ]);
    expect(file.some((l) => l.msg === 'DialDesk opened its data folder')).toBe(true);
  }, 30_000);
});
