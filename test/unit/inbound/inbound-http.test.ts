import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createApiKey } from '../../../src-main/core/apikeys/apikeys';
import { createAiAgent } from '../../../src-main/core/inbound/ai-agents';
import { createInboundNumber } from '../../../src-main/core/inbound/numbers';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { updateLlmSettings } from '../../../src-main/core/inbound/llm-settings';
import { jambonzRefusals, makeTestCore, manualClock, seedWorld, type TestCore, type World } from '../../world';

// Acme is in Europe/Berlin and open Mon-Fri 09:00-17:00
const MONDAY_10_BERLIN = Date.parse('2026-03-02T09:00:00Z');
const SUNDAY_12_BERLIN = Date.parse('2026-03-08T11:00:00Z');

let core: TestCore;
let w: World;
let port: RunningPort;
let clock: ReturnType<typeof manualClock>;
const keys = {} as Record<'acme' | 'globex' | 'site' | 'dialerOnly', string>;

beforeEach(async () => {
  clock = manualClock(MONDAY_10_BERLIN);
  core = await makeTestCore({ clock: clock.clock });
  w = await seedWorld(core);
  const now = core.clock();
  keys.acme = (await createApiKey(core.db, CLI_ACTOR, { companyId: w.companyA, name: 'jambonz', scopes: ['inbound'] }, now)).key;
  keys.globex = (await createApiKey(core.db, CLI_ACTOR, { companyId: w.companyB, name: 'jambonz', scopes: ['inbound'] }, now)).key;
  keys.site = (await createApiKey(core.db, CLI_ACTOR, { companyId: null, name: 'site', scopes: ['dialer', 'inbound'] }, now)).key;
  keys.dialerOnly = (await createApiKey(core.db, CLI_ACTOR, { companyId: w.companyA, name: 'dialer', scopes: ['dialer'] }, now)).key;
  await setSchedule(
    core.db,
    CLI_ACTOR,
    {
      companyId: w.companyA,
      windows: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day: day as 'mon', start: '09:00', end: '17:00' })),
      exceptions: [],
    },
    now,
  );
  const agent = await createAiAgent(
    core.db,
    CLI_ACTOR,
    {
      companyId: w.companyA,
      name: 'Mia',
      systemPrompt: 'You are Acme’s receptionist.',
      greeting: 'Hello, Acme.',
      language: 'de-DE',
      voice: 'alloy',
      temperature: 0.8,
      isActive: true,
    },
    now,
  );
  await createInboundNumber(
    core.db,
    CLI_ACTOR,
    {
      companyId: w.companyA,
      phone: '+49301234567',
      displayName: 'Acme Hotline',
      aiAgentId: agent.id,
      supportNumber: '+49309999999',
      departments: [{ name: 'Sales', transferNumber: '+49301111111', description: 'orders', hours: [] }],
      voiceSettings: {},
      isActive: true,
    },
    now,
  );
  port = await startPort(core, { host: '127.0.0.1', port: 0, logger: false });
});
afterEach(async () => {
  await port.close();
  await core.dispose();
});

async function api(method: 'GET' | 'POST', path: string, body?: unknown, auth: string | null = `Bearer ${keys.acme}`) {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${port.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

const count = (table: string) => core.db.value<number>(`select count(*) from ${table}`);
const writes = () => Promise.all(['call_results', 'numbers', 'call_stats', 'audit_log'].map(count));

describe('GET /api/v1/inbound/lookup/:did', () => {
  it('answers the DID’s configuration and that Acme is open now', async () => {
    const res = await api('GET', '/api/v1/inbound/lookup/%2B49301234567');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      did: '+49301234567',
      display_name: 'Acme Hotline',
      company: { slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin' },
      open: true,
      closed_reason: null,
      next_open_at: null,
      ai_agent: {
        name: 'Mia',
        system_prompt: 'You are Acme’s receptionist.',
        greeting: 'Hello, Acme.',
        language: 'de-DE',
        voice: 'alloy',
        temperature: 0.8,
      },
      departments: [{ name: 'Sales', transfer_number: '+49301111111', description: 'orders', open: true }],
      support_number: '+49309999999',
      voice: { vendor: null, voice: 'alloy', language: 'de-DE' },
    });
  });

  it.each(['+49301234567', '49301234567', '0049301234567', '%2B49%2030%201234567'])('reads the DID written as %s', async (did) => {
    const res = await api('GET', `/api/v1/inbound/lookup/${did}`, undefined, `Bearer ${keys.site}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.did).toBe('+49301234567');
  });

  it('says closed on Sunday, with the next opening', async () => {
    clock.set(SUNDAY_12_BERLIN);
    const res = await api('GET', '/api/v1/inbound/lookup/49301234567');
    expect(res.body).toMatchObject({ open: false, closed_reason: 'outside_schedule', next_open_at: '2026-03-09T08:00:00.000Z' });
  });

  it.each([
    ['no key', null, 401, 'UNAUTHENTICATED'],
    ['an unknown key', 'Bearer ddk_not-a-real-key', 401, 'UNAUTHENTICATED'],
    ['a dialer-only key', 'dialerOnly', 403, 'FORBIDDEN'],
    ["another company's key", 'globex', 403, 'FORBIDDEN'],
  ] as const)('refuses %s', async (_what, key, status, code) => {
    const auth = key === null ? null : key.startsWith('Bearer') ? key : `Bearer ${keys[key as keyof typeof keys]}`;
    const res = await api('GET', '/api/v1/inbound/lookup/%2B49301234567', undefined, auth);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('answers 404 for an unknown or deactivated DID and 400 for something that is no number', async () => {
    const unknown = await api('GET', '/api/v1/inbound/lookup/%2B49301234999');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    await core.db.run('update inbound_numbers set is_active = 0');
    expect((await api('GET', '/api/v1/inbound/lookup/%2B49301234567')).status).toBe(404);
    const garbage = await api('GET', '/api/v1/inbound/lookup/hello');
    expect(garbage).toMatchObject({ status: 400, body: { error: { code: 'BAD_INPUT' } } });
    expect(garbage.body.error.message).toContain('did');
  });
});

// a new-call webhook as docs.jambonz.org/reference/webhooks/call-hook-post shows it
const callHook = (extra: Record<string, unknown> = {}) => ({
  call_sid: 'b5e39996-bd2f-4bda-b928-355147186a2a',
  direction: 'inbound',
  from: '+4915112345678',
  to: '+49301234567',
  call_id: '7ade3efb-7163-123b-e6ba-023fd61c5256',
  sip_status: 100,
  sip_reason: 'Trying',
  call_status: 'trying',
  account_sid: '300be250-5a79-46bd-8393-45e7d26c2e34',
  application_sid: 'db7ba948-2410-4845-949f-000000000000',
  caller_name: '',
  originating_sip_trunk_name: 'carrier',
  ...extra,
});

describe('POST /api/v1/inbound/jambonz/call', () => {
  it('answers the AI agent in hours and the closed message out of hours, all runnable by Jambonz', async () => {
    await updateLlmSettings(core.db, core.secrets, CLI_ACTOR, { apiKey: 'sk-test-123456789' }, core.clock());
    const open = await api('POST', '/api/v1/inbound/jambonz/call', callHook());
    expect(open.status).toBe(200);
    expect(jambonzRefusals(open.body)).toEqual([]);
    expect(open.body.map((v: { verb: string }) => v.verb)).toEqual(['llm', 'dial']);

    clock.set(SUNDAY_12_BERLIN);
    const closed = await api('POST', '/api/v1/inbound/jambonz/call', callHook({ call_sid: 'sid-2', to: '49301234567' }));
    expect(jambonzRefusals(closed.body)).toEqual([]);
    expect(closed.body).toEqual([
      { verb: 'say', text: expect.stringContaining('open again Monday at 09:00') },
      { verb: 'dial', answerOnBridge: true, target: [{ type: 'phone', number: '+49309999999' }] },
    ]);
  });

  it('accepts the key as the password of basic auth, as Jambonz sends it', async () => {
    const basic = `Basic ${Buffer.from(`dialdesk:${keys.acme}`).toString('base64')}`;
    expect((await api('POST', '/api/v1/inbound/jambonz/call', callHook(), basic)).status).toBe(200);
    const wrong = `Basic ${Buffer.from('dialdesk:ddk_wrong').toString('base64')}`;
    expect((await api('POST', '/api/v1/inbound/jambonz/call', callHook(), wrong)).status).toBe(401);
  });

  it('an unknown or switched-off DID gets a runnable goodbye, not an error Jambonz turns into SIP 480', async () => {
    const before = await writes();
    for (const res of [
      await api('POST', '/api/v1/inbound/jambonz/call', callHook({ to: '+49301230000' })),
      await api('POST', '/api/v1/inbound/jambonz/call', callHook({ to: 'sip:nobody@example.com' })),
    ]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ verb: 'say', text: 'Sorry, this number is not in service. Goodbye.' }, { verb: 'hangup' }]);
    }
    expect(await writes()).toEqual(before);
    await core.db.run('update inbound_numbers set is_active = 0');
    const off = await api('POST', '/api/v1/inbound/jambonz/call', callHook());
    expect(off.body.map((v: { verb: string }) => v.verb)).toEqual(['say', 'hangup']);
  });

  it('a number whose setup cannot be read still gets a runnable answer', async () => {
    await core.db.run("update inbound_numbers set departments = 'not json'");
    const res = await api('POST', '/api/v1/inbound/jambonz/call', callHook());
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { verb: 'say', text: 'Sorry, we cannot take your call right now. Please try again later. Goodbye.' },
      { verb: 'hangup' },
    ]);
  });

  it('refuses a malformed payload (400), the wrong company (403), no key (401)', async () => {
    expect((await api('POST', '/api/v1/inbound/jambonz/call', callHook({ to: 42 }))).status).toBe(400);
    expect((await api('POST', '/api/v1/inbound/jambonz/call', callHook(), `Bearer ${keys.globex}`)).status).toBe(403);
    expect((await api('POST', '/api/v1/inbound/jambonz/call', callHook(), null)).status).toBe(401);
  });
});

describe('GET /api/v1/inbound/jambonz/call', () => {
  it('answers a GET calling webhook from the DID in its URL, recording nothing it cannot name', async () => {
    const before = await writes();
    const res = await api('GET', '/api/v1/inbound/jambonz/call?did=%2B49301234567');
    expect(res.status).toBe(200);
    expect(jambonzRefusals(res.body)).toEqual([]);
    expect(await writes()).toEqual(before);
    const none = await api('GET', '/api/v1/inbound/jambonz/call');
    expect(none.body.map((v: { verb: string }) => v.verb)).toEqual(['say', 'hangup']);
  });
});

const statusHook = (extra: Record<string, unknown> = {}) =>
  callHook({
    call_status: 'completed',
    sip_status: 200,
    sip_reason: 'OK',
    duration: 95,
    customerData: { recording_url: 'https://rec.example/b5e3.mp3', transcript: 'caller: hello' },
    ...extra,
  });

describe('POST /api/v1/inbound/jambonz/status', () => {
  it('closes the call the call hook recorded, once; a replay changes nothing', async () => {
    const answered = await api('POST', '/api/v1/inbound/jambonz/call', callHook());
    expect(answered.status).toBe(200);
    expect(await count('call_results')).toBe(1);
    const first = await api('POST', '/api/v1/inbound/jambonz/status', statusHook());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: true, replay: false, reason: null });
    const row = await core.db.get<Record<string, unknown>>('select * from call_results');
    expect(row).toMatchObject({
      id: first.body.result_id,
      company_id: w.companyA,
      status: 'INBOUND_CALL',
      direction: 'inbound',
      duration_s: 95,
      amount_charged: 0,
      recording_url: 'https://rec.example/b5e3.mp3',
      transcript: 'caller: hello',
      phone: '+4915112345678',
    });

    const before = await writes();
    const replay = await api('POST', '/api/v1/inbound/jambonz/status', statusHook());
    expect(replay).toMatchObject({ status: 200, body: { recorded: true, result_id: first.body.result_id, replay: true } });
    // a second, different final status cannot reopen or change a closed call
    expect((await api('POST', '/api/v1/inbound/jambonz/status', statusHook({ duration: 120 }))).status).toBe(200);
    expect((await api('POST', '/api/v1/inbound/jambonz/status', statusHook({ call_status: 'ringing' }))).status).toBe(200);
    expect(await core.db.value('select duration_s from call_results')).toBe(95);
    expect(await writes()).toEqual(before);
  });

  it.each([
    ['an unknown status', { call_status: 'exploded' }],
    ['a negative duration', { duration: -1 }],
    ['a recording link that is no http URL', { customerData: { recording_url: 'ftp://x/y' } }],
    ['no from', { from: undefined }],
  ])('refuses %s with 400 and writes nothing', async (_what, extra) => {
    const before = await writes();
    const res = await api('POST', '/api/v1/inbound/jambonz/status', statusHook(extra));
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'BAD_INPUT' } } });
    expect(await writes()).toEqual(before);
  });

  it('refuses without a key, with a dialer key or another company’s key; an unknown DID is acknowledged, not recorded', async () => {
    const before = await writes();
    expect((await api('POST', '/api/v1/inbound/jambonz/status', statusHook(), null)).status).toBe(401);
    expect((await api('POST', '/api/v1/inbound/jambonz/status', statusHook(), `Bearer ${keys.dialerOnly}`)).status).toBe(403);
    expect((await api('POST', '/api/v1/inbound/jambonz/status', statusHook(), `Bearer ${keys.globex}`)).status).toBe(403);
    const unknown = await api('POST', '/api/v1/inbound/jambonz/status', statusHook({ to: '+49301230000' }));
    expect(unknown).toMatchObject({ status: 200, body: { recorded: false } });
    expect(await writes()).toEqual(before);
  });
});

describe('the OpenAPI document', () => {
  it('lists the inbound routes', async () => {
    const doc = await api('GET', '/api/v1/openapi.json', undefined, null);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/inbound/lookup/{did}', '/api/v1/inbound/jambonz/call', '/api/v1/inbound/jambonz/status']),
    );
    expect(doc.body.paths['/api/v1/inbound/lookup/{did}'].get.tags).toEqual(['inbound']);
  });
});
