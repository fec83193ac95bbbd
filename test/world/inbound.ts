import { createHmac } from 'node:crypto';
import { CLI_ACTOR } from '../../src-main/core/audit/audit';
import { createApiKey } from '../../src-main/core/apikeys/apikeys';
import { topUp } from '../../src-main/core/billing/wallet';
import { createAiAgent } from '../../src-main/core/inbound/ai-agents';
import { createInboundNumber } from '../../src-main/core/inbound/numbers';
import { updateLlmSettings } from '../../src-main/core/inbound/llm-settings';
import { OPEN_24X7, setSchedule } from '../../src-main/core/schedule/schedule';
import { startPort, type RunningPort } from '../../src-main/http/port';

type PortLogger = NonNullable<Parameters<typeof startPort>[1]['logger']>;
import { makeTestCore, manualClock, seedCompanies, type TestCore } from './core';
import { MONDAY_10Z } from './dialing';

/**
 * Acme's inbound line as a real Jambonz sees it: +49 30 1234567 answered by the AI agent Mia, open
 * 24x7, a site model key, support at the extension 8811001, departments Sales (a phone number, open
 * Mon-Fri 09:00-17:00 Berlin) and Billing (a SIP address, always open), 1,000 in the wallet, an inbound
 * key, and the real HTTP port. `hook` sends a webhook the way the feature server does: JSON body,
 * basic auth with the key as password, signed when a webhook secret is given.
 */
export interface InboundWorld {
  core: TestCore;
  clock: ReturnType<typeof manualClock>;
  port: RunningPort;
  companyA: number;
  companyB: number;
  key: string;
  keyB: string;
  hook(
    path: string,
    body: unknown,
    options?: { key?: string; secret?: string; signedAt?: number; method?: 'GET' | 'POST' },
  ): Promise<{ status: number; body: any }>;
  result(): Promise<Record<string, any> | undefined>;
  call(callSid: string): Promise<Record<string, any> | undefined>;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

export const INBOUND_DID = '+49301234567';

export async function inboundWorld(options: { llmKey?: string | null; start?: number; logger?: PortLogger } = {}): Promise<InboundWorld> {
  const clock = manualClock(options.start ?? MONDAY_10Z);
  const core = await makeTestCore({ clock: clock.clock });
  const { companyA, companyB } = await seedCompanies(core);
  const now = clock.clock();
  await setSchedule(core.db, CLI_ACTOR, { companyId: companyA, windows: OPEN_24X7, exceptions: [] }, now);
  await topUp(core.db, CLI_ACTOR, { companyId: companyA, amount: 1_000 }, now);
  if (options.llmKey !== null)
    await updateLlmSettings(core.db, core.secrets, CLI_ACTOR, { apiKey: options.llmKey ?? 'sk-site-0123456789' }, now);
  const agent = await createAiAgent(
    core.db,
    CLI_ACTOR,
    {
      companyId: companyA,
      name: 'Mia',
      systemPrompt: 'You are the receptionist of Acme.',
      greeting: 'Hello, Acme here.',
      language: 'en-US',
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
      companyId: companyA,
      phone: INBOUND_DID,
      displayName: 'Acme Hotline',
      aiAgentId: agent.id,
      supportNumber: '8811001',
      departments: [
        { name: 'Sales', transferNumber: '+49301111111', description: 'orders', hours: [{ day: 'mon', start: '09:00', end: '17:00' }] },
        { name: 'Billing', transferNumber: 'sip:billing@pbx.acme.example', description: 'invoices', hours: [] },
      ],
      voiceSettings: {},
      isActive: true,
    },
    now,
  );
  const key = (await createApiKey(core.db, CLI_ACTOR, { companyId: companyA, name: 'jambonz', scopes: ['inbound'] }, now)).key;
  const keyB = (await createApiKey(core.db, CLI_ACTOR, { companyId: companyB, name: 'jambonz', scopes: ['inbound'] }, now)).key;
  const port = await startPort(core, { host: '127.0.0.1', port: 0, logger: options.logger ?? false });
  const row = (sql: string, ...args: unknown[]) => core.db.get<Record<string, any>>(sql, args);
  return {
    core,
    clock,
    port,
    companyA,
    companyB,
    key,
    keyB,
    async hook(path, body, o = {}) {
      const text = JSON.stringify(body);
      const headers: Record<string, string> = {
        authorization: `Basic ${Buffer.from(`dialdesk:${o.key ?? key}`).toString('base64')}`,
        ...(o.method !== 'GET' && { 'content-type': 'application/json' }),
      };
      if (o.secret) headers['jambonz-signature'] = jambonzSignature(o.secret, text, o.signedAt ?? Math.floor(clock.clock() / 1000));
      const res = await fetch(port.url + path, { method: o.method ?? 'POST', headers, body: o.method === 'GET' ? undefined : text });
      return { status: res.status, body: (await res.json()) as any };
    },
    result: () => row('select * from call_results order by id desc limit 1'),
    call: (callSid) => row('select * from inbound_calls where call_sid = ?', callSid),
    count: async (table, where = '1 = 1') => Number(await core.db.value(`select count(*) from ${table} where ${where}`)),
    async close() {
      await port.close();
      await core.dispose();
    },
  };
}

/** Jambonz-Signature as the feature server makes it (lib/utils/base-requestor.js _generateSigHeader). */
export function jambonzSignature(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

/** The feature server's call info (lib/session/call-info.js toJSON, snake_cased), as a call hook carries it. */
export function jambonzCall(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    call_sid: 'b5e39996-bd2f-4bda-b928-355147186a2a',
    direction: 'inbound',
    from: '4915112345678',
    to: '49301234567',
    call_id: '7ade3efb-7163-123b-e6ba-023fd61c5256',
    sip_status: 100,
    sip_reason: 'Trying',
    call_status: 'trying',
    account_sid: '300be250-5a79-46bd-8393-45e7d26c2e34',
    application_sid: 'db7ba948-2410-4845-949f-000000000000',
    trace_id: '0000000000000000',
    caller_name: 'Ann Example',
    originating_sip_trunk_name: 'carrier',
    ...over,
  };
}
