import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jambonzCall, jambonzRefusals, servedWorld, type ServedWorld } from '../../world';

/**
 * `dialdesk simulate --inbound` against a real `dialdesk serve`: real-shaped Jambonz call flows (call
 * hook, statuses in order, transcript events, tool calls, the REST redirect and the transfer leg,
 * retries with the identical body), then the call log, the ledger and the transcripts as they landed.
 */
let w: ServedWorld;
let key: string;
const DID = '+49301234567';
const SECRET = 'whsec-simulated-0123456789';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  w = await servedWorld({ companies: [{ slug: 'acme', balance: 1_000 }], numbers: 0 });
  await w.s.cli(['inbound', 'llm', '--api-key', 'sk-simulated-0123456789']);
  await w.s.cli([
    'inbound',
    'set',
    '--company',
    'acme',
    '--did',
    DID,
    '--agent-name',
    'Mia',
    '--prompt',
    'You are the receptionist of Acme.',
    '--support',
    '8811001',
    '--department',
    'Sales=sip:sales@pbx.acme.example=orders',
  ]);
  const settings = await w.s.cli(['inbound', 'settings', '--company', 'acme', '--webhook-secret', SECRET, '--ai-rate', '5']);
  // a secret goes in and never comes back out
  expect(settings.settings.webhookSecret).toEqual({ set: true, hint: '…6789', readable: true });
  expect(JSON.stringify(settings)).not.toContain(SECRET.slice(0, -4));
  key = (await w.s.rpc('apikeys.create', { companyId: w.ids.acme, name: 'jambonz', scopes: ['inbound'] })).key;
}, 120_000);
afterAll(async () => w?.s.dispose());

const simulate = (...extra: string[]) =>
  w.s.cli(['simulate', '--inbound', '--url', w.s.url, '--key', key, '--did', DID, '--secret', SECRET, ...extra]);

describe('dialdesk simulate --inbound', { timeout: 180_000 }, () => {
  it('every call lands in the log once, its retries change nothing, and its AI minutes are charged once', async () => {
    const { summary } = await simulate('--calls', '6', '--concurrency', '3', '--withheld', '0.3');
    expect(summary).toMatchObject({ calls: 6, answeredByAi: 6, fallback: 0, events: 12, errors: [] });
    expect(summary.replays.sent).toBe(18);
    expect(summary.replays.unchanged).toBe(18);
    expect(summary.transfers.asked).toBe(0); // no Jambonz REST API set up: the agent has no transfer tool

    await w.s.stop();
    const db = w.s.openDb();
    try {
      const rows = db
        .prepare('select phone, number_id, duration_s, amount_charged, transcript from call_results order by id')
        .all() as any[];
      expect(rows).toHaveLength(6);
      expect(rows.filter((r) => r.number_id === null).map((r) => r.phone)).toEqual(['anonymous', 'anonymous']);
      expect(rows.map((r) => r.duration_s).sort()).toEqual([45, 55, 65, 75, 85, 95]);
      for (const r of rows) expect(r.transcript).toBe('agent: Hello, how can I help?\ncaller: I would like to talk to someone, please.');
      // 45 and 55 s are one started minute, the others two, at 5 each
      expect(db.prepare("select count(*) n, sum(amount) total from ledger_entries where kind = 'charge'").get()).toEqual({
        n: 6,
        total: -50,
      });
      expect(db.prepare("select wallet_balance from companies where slug = 'acme'").pluck().get()).toBe(950);
      expect(db.prepare("select count(*) from inbound_calls where closed_by = 'jambonz'").pluck().get()).toBe(6);
    } finally {
      db.close();
    }
  });
});

describe('dialdesk simulate --inbound with bad options', { timeout: 60_000 }, () => {
  it('refuses them with BAD_INPUT before it sends a single webhook', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-simulate-inbound-'));
    const run = (args: string[]) =>
      new Promise<{ code: number; json: any }>((resolve) => {
        const bin = join(process.cwd(), 'bin', 'dialdesk.js');
        execFile(process.execPath, [bin, 'simulate', '--inbound', '--key', 'k', ...args, '--data-dir', dataDir, '--json'], (err, out) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, json: JSON.parse(out.trim().split('\n').pop()!) }),
        );
      });
    try {
      for (const [args, why] of [
        [['--url', 'http://127.0.0.1:9'], /--did/],
        [['--url', 'http://127.0.0.1:9', '--did', DID, '--withheld', '2'], /--withheld/],
        [['--url', '127.0.0.1:9', '--did', DID], /--url/],
      ] as const) {
        const res = await run([...args]);
        expect(res.code, args.join(' ')).toBe(2);
        expect(res.json.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(why) });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('dialdesk simulate --inbound, acting as Jambonz’s REST API too', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    if (w.s) await w.s.dispose();
    w = await servedWorld({ companies: [{ slug: 'acme', balance: 1_000 }], numbers: 0 });
  }, 120_000);

  it('the AI hands every caller to the department while the call is live, and the leg is attached to its call', async () => {
    const port = await freePort();
    await w.s.cli(['inbound', 'llm', '--api-key', 'sk-simulated-0123456789']);
    await w.s.cli(['inbound', 'set', '--company', 'acme', '--did', DID, '--agent-name', 'Mia', '--prompt', 'You are the receptionist.']);
    await w.s.cli(['inbound', 'set', '--company', 'acme', '--did', DID, '--department', 'Sales=sip:sales@pbx.acme.example']);
    await w.s.cli([
      'inbound',
      'settings',
      '--company',
      'acme',
      '--jambonz-api-url',
      `http://127.0.0.1:${port}/v1`,
      '--jambonz-api-key',
      'jbz-simulated-0123',
    ]);
    key = (await w.s.rpc('apikeys.create', { companyId: w.ids.acme, name: 'jambonz', scopes: ['inbound'] })).key;
    // what the simulated calls get is what Jambonz runs
    const verbs = await w.s.api('POST', '/api/v1/inbound/jambonz/call', {
      key,
      body: jambonzCall({ call_sid: 'probe', to: '49301234567' }),
    });
    expect(jambonzRefusals(verbs.body)).toEqual([]);
    expect(verbs.body[0]).toMatchObject({ verb: 'llm', toolHook: '/api/v1/inbound/jambonz/tool?call_sid=probe' });

    const { summary } = await w.s.cli([
      'simulate',
      '--inbound',
      '--url',
      w.s.url,
      '--key',
      key,
      '--did',
      DID,
      '--calls',
      '4',
      '--jambonz-api-port',
      String(port),
      '--withheld',
      '0',
    ]);
    expect(summary).toMatchObject({ calls: 4, answeredByAi: 4, legs: 4, errors: [] });
    expect(summary.transfers).toEqual({ asked: 4, accepted: 4, redirected: 4, dialed: 4 });
    expect(summary.replays.unchanged).toBe(summary.replays.sent);

    await w.s.stop();
    const db = w.s.openDb();
    try {
      const calls = db.prepare("select transfer_department, transfer_state, leg_status from inbound_calls where call_sid != 'probe'").all();
      expect(calls).toEqual(Array(4).fill({ transfer_department: 'Sales', transfer_state: 'completed', leg_status: 'completed' }));
      expect(db.prepare("select count(*) from call_results where call_id != 'probe'").pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });
});
