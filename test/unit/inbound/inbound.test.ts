import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/events';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { findActiveDid } from '../../../src-main/core/inbound/lookup';
import { receiveStatusHook } from '../../../src-main/core/inbound/calls/status-hook';
import { hookHash, type JambonzCallInfo } from '../../../src-main/core/inbound/calls/store';
import { call, makeTestCore, manualClock, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
beforeEach(async () => {
  core = await makeTestCore({ clock: manualClock().clock });
  w = await seedWorld(core);
});
afterEach(async () => core.dispose());

const count = (table: string) => core.db.value<number>(`select count(*) from ${table}`);
const TABLES = ['ai_agents', 'inbound_numbers', 'audit_log', 'call_results', 'numbers', 'call_stats', 'ledger_entries'];

async function refused(code: string, field: string | null, run: () => Promise<unknown>) {
  const before = await Promise.all(TABLES.map(count));
  const res = (await run()) as { ok: boolean; error?: { code: string; message: string } };
  expect(res.ok, JSON.stringify(res)).toBe(false);
  expect(res.error?.code).toBe(code);
  if (field) expect(res.error?.message).toContain(field);
  expect(await Promise.all(TABLES.map(count))).toEqual(before);
}

const agentArg = (companyId: number, extra: Record<string, unknown> = {}) => ({
  companyId,
  name: 'Mia',
  systemPrompt: 'You are Acme’s receptionist.',
  ...extra,
});

describe('AI agents', () => {
  it('creates with defaults, edits, deactivates, audits', async () => {
    const sup = w.users.supervisor;
    const mia = ok(await call(core, sup, 'aiAgents.create', agentArg(w.companyA)));
    expect(mia).toMatchObject({ name: 'Mia', language: 'en-US', voice: '', temperature: 0.7, greeting: '', isActive: true });
    const edited = ok(
      await call(core, sup, 'aiAgents.update', {
        companyId: w.companyA,
        id: mia.id,
        language: 'de-DE',
        voice: 'alloy',
        temperature: 1.1,
        greeting: 'Hallo!',
      }),
    );
    expect(edited).toMatchObject({ language: 'de-DE', voice: 'alloy', temperature: 1.1, greeting: 'Hallo!' });
    ok(await call(core, sup, 'aiAgents.deactivate', { companyId: w.companyA, id: mia.id }));
    expect(ok(await call(core, w.users.viewer, 'aiAgents.list', { companyId: w.companyA }))).toMatchObject([
      { id: mia.id, isActive: false },
    ]);
    expect(await core.db.column("select action from audit_log where entity = 'ai_agent' order by id")).toEqual([
      'create',
      'update',
      'deactivate',
    ]);
  });

  it.each([
    [{ language: 'German' }, 'language'],
    [{ temperature: 3 }, 'temperature'],
    [{ temperature: '0.5' }, 'temperature'],
    [{ systemPrompt: '   ' }, 'systemPrompt'],
    [{ name: '' }, 'name'],
    [{ model: 'gpt' }, 'model'],
  ])('refuses %j naming %s, writing nothing', async (extra, field) => {
    await refused('BAD_INPUT', field, () => call(core, w.users.supervisor, 'aiAgents.create', agentArg(w.companyA, extra)));
  });

  it('keeps one active agent per name in a company', async () => {
    ok(await call(core, w.users.admin, 'aiAgents.create', agentArg(w.companyA)));
    await refused('CONFLICT', 'Mia', () => call(core, w.users.admin, 'aiAgents.create', agentArg(w.companyA)));
    ok(await call(core, w.superuser, 'aiAgents.create', agentArg(w.companyB)));
  });
});

describe('inbound numbers', () => {
  it('stores every number as E.164 and lists the DID with its departments', async () => {
    const sup = w.users.supervisor;
    const mia = ok(await call(core, sup, 'aiAgents.create', agentArg(w.companyA)));
    const did = ok(
      await call(core, sup, 'inbound.create', {
        companyId: w.companyA,
        phone: '030 1234567',
        region: 'DE',
        displayName: 'Hotline',
        aiAgentId: mia.id,
        supportNumber: '0049 30 9999999',
        departments: [{ name: 'Sales', transferNumber: '030 1111111', description: 'orders' }],
        voiceSettings: { vendor: 'google', voice: 'de-DE-Wavenet-A' },
      }),
    );
    expect(did).toMatchObject({
      phone: '+49301234567',
      supportNumber: '+49309999999',
      aiAgentId: mia.id,
      isActive: true,
      departments: [{ name: 'Sales', transferNumber: '+49301111111', description: 'orders' }],
      voiceSettings: { vendor: 'google', voice: 'de-DE-Wavenet-A' },
    });
    expect(ok(await call(core, w.users.viewer, 'inbound.list', { companyId: w.companyA })).map((d) => d.phone)).toEqual(['+49301234567']);
  });

  it('keeps a DID unique on the whole site, whatever the spelling', async () => {
    ok(await call(core, w.superuser, 'inbound.create', { companyId: w.companyA, phone: '+49 30 1234567' }));
    await refused('CONFLICT', '+49301234567', () =>
      call(core, w.superuser, 'inbound.create', { companyId: w.companyB, phone: '0049301234567' }),
    );
  });

  it.each([
    [{ phone: 'call me' }, 'phone'],
    [{ supportNumber: '12' }, 'supportNumber'],
    [{ departments: [{ name: 'Sales', transferNumber: 'nope' }] }, 'departments.0.transferNumber'],
    [
      {
        departments: [
          { name: 'Sales', transferNumber: '+49301111111' },
          { name: 'sales', transferNumber: '+49302222222' },
        ],
      },
      'departments.1.name',
    ],
    [{ departments: [{ name: '', transferNumber: '+49301111111' }] }, 'departments.0.name'],
    [{ voiceSettings: { vendor: 'google tts' } }, 'voiceSettings.vendor'],
    [{ voiceSettings: { pitch: 3 } }, 'pitch'],
    [{ aiAgentId: 'one' }, 'aiAgentId'],
  ])('refuses %j naming %s, writing nothing', async (extra, field) => {
    await refused('BAD_INPUT', field, () =>
      call(core, w.users.supervisor, 'inbound.create', { companyId: w.companyA, phone: '+49301234567', ...extra }),
    );
  });

  it("refuses another company's AI agent", async () => {
    const theirs = ok(await call(core, w.superuser, 'aiAgents.create', agentArg(w.companyB)));
    await refused('BAD_INPUT', 'aiAgentId', () =>
      call(core, w.users.admin, 'inbound.create', { companyId: w.companyA, phone: '+49301234567', aiAgentId: theirs.id }),
    );
  });

  it('updates: clears the support number, swaps the agent, moves the phone; deactivates', async () => {
    const sup = w.users.supervisor;
    const did = ok(
      await call(core, sup, 'inbound.create', { companyId: w.companyA, phone: '+49301234567', supportNumber: '+49309999999' }),
    );
    const other = ok(await call(core, sup, 'inbound.create', { companyId: w.companyA, phone: '+49301234568' }));
    const mia = ok(await call(core, sup, 'aiAgents.create', agentArg(w.companyA)));
    const edited = ok(
      await call(core, sup, 'inbound.update', {
        companyId: w.companyA,
        id: did.id,
        supportNumber: null,
        aiAgentId: mia.id,
        phone: '+49 30 7654321',
      }),
    );
    expect(edited).toMatchObject({ supportNumber: null, aiAgentId: mia.id, phone: '+49307654321' });
    await refused('CONFLICT', 'phone', () =>
      call(core, sup, 'inbound.update', { companyId: w.companyA, id: other.id, phone: '+49307654321' }),
    );
    expect(ok(await call(core, sup, 'inbound.deactivate', { companyId: w.companyA, id: did.id })).isActive).toBe(false);
    await expect(findActiveDid(core.db, '+49307654321')).rejects.toThrow(/not set up/);
  });

  it('refuses changes to a viewer; the model settings are the superuser’s', async () => {
    await refused('FORBIDDEN', null, () => call(core, w.users.viewer, 'inbound.create', { companyId: w.companyA, phone: '+49301234567' }));
    await refused('FORBIDDEN', null, () => call(core, w.users.admin, 'inbound.updateLlmSettings', { apiKey: 'sk-0123456789' }));
    const set = ok(await call(core, w.superuser, 'inbound.updateLlmSettings', { apiKey: 'sk-0123456789' }));
    expect(set).toEqual({ model: 'gpt-4o-realtime-preview-2024-12-17', apiKeySet: true, apiKeyHint: '…6789' });
    expect(JSON.stringify(await core.db.all("select before, after from audit_log where entity = 'inbound_llm_settings'"))).not.toContain(
      'sk-0123',
    );
    expect(ok(await call(core, w.superuser, 'inbound.updateLlmSettings', { apiKey: null }))).toMatchObject({
      apiKeySet: false,
      apiKeyHint: null,
    });
  });
});

describe('previewing a DID in the console', () => {
  it('answers open or closed by the company’s real schedule, for any viewer of the company', async () => {
    await setSchedule(
      core.db,
      CLI_ACTOR,
      { companyId: w.companyA, windows: [{ day: 'mon', start: '09:00', end: '17:00' }], exceptions: [] },
      core.clock(),
    );
    const did = ok(
      await call(core, w.superuser, 'inbound.create', { companyId: w.companyA, phone: '+49301234567', supportNumber: '+49309999999' }),
    );
    const sunday = ok(
      await call(core, w.users.viewer, 'inbound.preview', { companyId: w.companyA, id: did.id, at: '2026-03-08T11:00:00Z' }),
    );
    expect(sunday.now).toBe('closed');
    expect(sunday.lookup).toMatchObject({ open: false, next_open_at: '2026-03-09T08:00:00.000Z' });
    expect(sunday.jambonz.closed.map((v) => v.verb)).toEqual(['say', 'dial']);
    const monday = ok(
      await call(core, w.users.viewer, 'inbound.preview', { companyId: w.companyA, id: did.id, at: '2026-03-09T09:30:00+01:00' }),
    );
    expect(monday.now).toBe('open');
    await refused('BAD_INPUT', 'at', () =>
      call(core, w.users.viewer, 'inbound.preview', { companyId: w.companyA, id: did.id, at: 'sunday' }),
    );
    await refused('FORBIDDEN', null, () => call(core, w.users.viewer, 'inbound.preview', { companyId: w.companyB, id: did.id }));
  });
});

describe('recording an inbound call', () => {
  const hook = (extra: Partial<JambonzCallInfo> = {}): JambonzCallInfo => ({
    call_sid: 'b5e39996-bd2f-4bda-b928-355147186a2a',
    direction: 'inbound',
    from: '+4915112345678',
    to: '+49301234567',
    call_status: 'completed',
    duration: 95,
    sip_status: 200,
    sip_reason: 'OK',
    customerData: { recording_url: 'https://rec.example/1.mp3', transcript: 'caller: hi' },
    ...extra,
  });
  const receive = (h: JambonzCallInfo) => receiveStatusHook(core, h, hookHash('status', JSON.stringify(h)));

  beforeEach(async () => {
    ok(await call(core, w.superuser, 'inbound.create', { companyId: w.companyA, phone: '+49301234567' }));
  });

  it('adds an unknown caller to the pool, charges nothing, counts it once in the rollup, and tells the console', async () => {
    const events: EventMap['result.reported'][] = [];
    core.events.subscribe((name, payload) => name === 'result.reported' && events.push(payload as EventMap['result.reported']));
    const walletBefore = await core.db.value('select wallet_balance from companies where id = ?', [w.companyA]);

    const first = await receive(hook());
    expect(first).toMatchObject({ recorded: true, replay: false });
    const row = await core.db.get<Record<string, unknown>>('select * from call_results');
    expect(row).toMatchObject({
      company_id: w.companyA,
      phone: '+4915112345678',
      status: 'INBOUND_CALL',
      direction: 'inbound',
      duration_s: 95,
      amount_charged: 0,
      recording_url: 'https://rec.example/1.mp3',
      transcript: 'caller: hi',
      call_id: hook().call_sid,
      // the call is logged when its first webhook arrives
      started_at: core.clock(),
    });
    expect(await core.db.all('select phone, source from numbers')).toEqual([{ phone: '+4915112345678', source: 'inbound' }]);
    expect(await core.db.all('select status, calls, duration_s, cost from call_stats')).toEqual([
      { status: 'INBOUND_CALL', calls: 1, duration_s: 95, cost: 0 },
    ]);
    expect(await count('ledger_entries')).toBe(0);
    expect(await core.db.value('select wallet_balance from companies where id = ?', [w.companyA])).toBe(walletBefore);

    // a replay answers the same and writes nothing
    const before = await Promise.all(TABLES.map(count));
    expect(await receive(hook())).toEqual({ recorded: true, resultId: (first as { resultId: number }).resultId, replay: true });
    expect(await Promise.all(TABLES.map(count))).toEqual(before);
    expect(await core.db.value('select calls from call_stats')).toBe(1);
    expect(new Set(events.map((e) => e.resultId))).toEqual(new Set([(first as { resultId: number }).resultId]));
    expect(events[0]).toMatchObject({ companyId: w.companyA, status: 'INBOUND_CALL', direction: 'inbound', charged: 0 });
  });

  it('reuses a caller the pool knows, and logs a withheld caller without adding a number', async () => {
    await core.db.run("insert into numbers (phone, imported_at, source) values ('+4915112345678', 1, 'list.csv')");
    await receive(hook({ from: '4915112345678' }));
    expect(await core.db.column('select source from numbers')).toEqual(['list.csv']);
    expect(await receive(hook({ call_sid: 'other', from: 'anonymous' }))).toMatchObject({ recorded: true });
    expect(await core.db.get<Record<string, unknown>>("select phone, number_id from call_results where call_id = 'other'")).toEqual({
      phone: 'anonymous',
      number_id: null,
    });
    expect(await count('numbers')).toBe(1);
  });
});
