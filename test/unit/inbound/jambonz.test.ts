import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundLookup, JambonzVerb } from '../../../src-shared/contract/inbound';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createAiAgent } from '../../../src-main/core/inbound/ai-agents';
import { createInboundNumber } from '../../../src-main/core/inbound/numbers';
import { buildLookup, findActiveDid } from '../../../src-main/core/inbound/lookup';
import { callDocument, closedVerbs, openDocument, type CallContext } from '../../../src-main/core/inbound/jambonz/document';
import { updateLlmSettings } from '../../../src-main/core/inbound/llm-settings';
import { llmConnectionFor } from '../../../src-main/core/inbound/llm/connection';
import { previewInbound } from '../../../src-main/core/inbound/preview';
import type { OpeningHours } from '../../../src-main/core/inbound/opening-hours';
import { makeSeededCore, jambonzRefusals, toolAnswerProblems, type TestCore, type World } from '../../world';

// what a real Jambonz refuses: its verb validator and its tasks' run-time checks (test/world/jambonz.ts)
const assertValidJambonz = (verbs: JambonzVerb[]) => expect(jambonzRefusals(verbs)).toEqual([]);
const ctx = async (over: Partial<CallContext> = {}): Promise<CallContext> => ({
  llm: await llmConnectionFor(core, w.companyA),
  callSid: 'call-1',
  transfers: false,
  record: false,
  ...over,
});
const callVerbs = async (lookup: InboundLookup) => callDocument(lookup, await ctx()).verbs;
const openVerbs = async (lookup: InboundLookup) => openDocument(lookup, await ctx()).verbs;
const setKey = (key: string) => updateLlmSettings(core.db, core.secrets, CLI_ACTOR, { apiKey: key }, core.clock());

const MONDAY_9_BERLIN = Date.parse('2026-03-09T08:00:00Z');
const openHours: OpeningHours = async () => ({ open: true, nextOpenAt: null });
const closedUntilMonday: OpeningHours = async () => ({ open: false, nextOpenAt: MONDAY_9_BERLIN });

let core: TestCore;
let w: World;
beforeEach(async () => {
  ({ core, world: w } = await makeSeededCore());
});
afterEach(async () => core.dispose());

async function setUpDid(options: {
  agent?: boolean;
  support?: string | null;
  departments?: { name: string; transferNumber: string; description?: string }[];
  voice?: Record<string, string>;
}) {
  const now = core.clock();
  const agent =
    options.agent === false
      ? null
      : await createAiAgent(
          core.db,
          CLI_ACTOR,
          {
            companyId: w.companyA,
            name: 'Mia',
            systemPrompt: 'You are the friendly receptionist of Acme.',
            greeting: 'Hello, Acme here. How can I help?',
            language: 'de-DE',
            voice: 'alloy',
            temperature: 0.2,
            isActive: true,
          },
          now,
        );
  await createInboundNumber(
    core.db,
    CLI_ACTOR,
    {
      companyId: w.companyA,
      phone: '+49 30 1234567',
      displayName: 'Acme Hotline',
      aiAgentId: agent?.id ?? null,
      supportNumber: options.support ?? null,
      departments: (options.departments ?? []).map((d) => ({ description: '', hours: [], ...d })),
      voiceSettings: options.voice ?? {},
      isActive: true,
    },
    now,
  );
}
const lookupAt = async (hours: OpeningHours): Promise<InboundLookup> =>
  buildLookup(core.db, await findActiveDid(core.db, '+49301234567'), core.clock(), hours);
const verbNames = (verbs: JambonzVerb[]) => verbs.map((v) => v.verb);

describe('the verb arrays a call webhook answers, checked by @jambonz/verb-specifications', () => {
  it('in hours with an agent and a support line: the AI agent, then the support line', async () => {
    await setUpDid({ support: '+49 30 9999999' });
    await setKey('sk-test-123456789');
    const verbs = await callVerbs(await lookupAt(openHours));
    assertValidJambonz(verbs);
    expect(verbNames(verbs)).toEqual(['llm', 'dial']);
    const llm = verbs[0] as JambonzVerb & {
      llmOptions: { response_create: Record<string, unknown>; session_update: Record<string, unknown> };
    };
    expect(llm).toMatchObject({ vendor: 'openai', model: 'gpt-4o-realtime-preview-2024-12-17', auth: { apiKey: 'sk-test-123456789' } });
    expect(llm.llmOptions.session_update).toMatchObject({ voice: 'alloy', temperature: 0.6 }); // clamped to the realtime range
    expect(String(llm.llmOptions.session_update.instructions)).toContain('You are the friendly receptionist of Acme.');
    expect(String(llm.llmOptions.session_update.instructions)).toContain('de-DE');
    expect(String(llm.llmOptions.response_create.instructions)).toContain('Hello, Acme here. How can I help?');
    expect(verbs[1]).toEqual({ verb: 'dial', answerOnBridge: true, target: [{ type: 'phone', number: '+49309999999' }] });
  });

  it('in hours with an agent and no support line: the agent, then hang up', async () => {
    await setUpDid({});
    await setKey('sk-test-123456789');
    const verbs = await openVerbs(await lookupAt(openHours));
    assertValidJambonz(verbs);
    expect(verbNames(verbs)).toEqual(['llm', 'hangup']);
  });

  it('without a model key the agent cannot run: its greeting, then the support line or goodbye, never an llm verb', async () => {
    await setUpDid({ support: '8811001' });
    const verbs = await openVerbs(await lookupAt(openHours));
    assertValidJambonz(verbs);
    expect(verbs).toEqual([
      { verb: 'say', text: 'Hello, Acme here. How can I help? Connecting you now.' },
      { verb: 'dial', answerOnBridge: true, target: [{ type: 'phone', number: '8811001' }] },
    ]);
    await core.db.run('update inbound_numbers set support_number = null');
    expect(verbNames(await openVerbs(await lookupAt(openHours)))).toEqual(['say', 'hangup']);
  });

  it('puts every department and its transfer number in the agent’s instructions', async () => {
    await setKey('sk-test-123456789');
    await setUpDid({
      departments: [
        { name: 'Sales', transferNumber: '+49 30 1111111', description: 'new orders and quotes' },
        { name: 'Billing', transferNumber: '+49 30 2222222' },
      ],
    });
    const lookup = await lookupAt(openHours);
    expect(lookup.departments).toEqual([
      { name: 'Sales', transfer_number: '+49301111111', description: 'new orders and quotes', open: true },
      { name: 'Billing', transfer_number: '+49302222222', description: '', open: true },
    ]);
    const verbs = await openVerbs(lookup);
    assertValidJambonz(verbs);
    const instructions = String(
      (verbs[0] as unknown as { llmOptions: { session_update: { instructions: string } } }).llmOptions.session_update.instructions,
    );
    expect(instructions).toContain('- Sales (new orders and quotes): +49301111111');
    expect(instructions).toContain('- Billing: +49302222222');
  });

  it('out of hours with a support line: says when we open (company time), then transfers', async () => {
    await setUpDid({ support: '+49 30 9999999' });
    const lookup = await lookupAt(closedUntilMonday);
    expect(lookup).toMatchObject({ open: false, closed_reason: 'outside_schedule', next_open_at: '2026-03-09T08:00:00.000Z' });
    const verbs = await callVerbs(lookup);
    assertValidJambonz(verbs);
    expect(verbNames(verbs)).toEqual(['say', 'dial']);
    expect(verbs[0].text).toBe(
      'Thank you for calling Acme Hotline. We are closed right now and open again Monday at 09:00. Please hold, we are connecting you to our support line.',
    );
  });

  it('out of hours without a support line: says goodbye and hangs up', async () => {
    await setUpDid({});
    const verbs = await callVerbs(await lookupAt(closedUntilMonday));
    assertValidJambonz(verbs);
    expect(verbNames(verbs)).toEqual(['say', 'hangup']);
    expect(verbs[0].text).toMatch(/Please call again later\. Goodbye\.$/);
  });

  it('with a voice override: a synthesizer on spoken messages, and the number’s own closed message', async () => {
    await setUpDid({ voice: { vendor: 'google', voice: 'de-DE-Wavenet-A', language: 'de-DE', closedMessage: 'Wir haben geschlossen.' } });
    const verbs = closedVerbs(await lookupAt(closedUntilMonday));
    assertValidJambonz(verbs);
    expect(verbs[0]).toEqual({
      verb: 'say',
      text: 'Wir haben geschlossen.',
      synthesizer: { vendor: 'google', language: 'de-DE', voice: 'de-DE-Wavenet-A' },
    });
  });

  it('does not hand the model’s voice to another speech vendor', async () => {
    await setKey('sk-test-123456789');
    await setUpDid({ voice: { vendor: 'google' } });
    const lookup = await lookupAt(closedUntilMonday);
    expect(lookup.voice).toEqual({ vendor: 'google', voice: null, language: 'de-DE' });
    const verbs = closedVerbs(lookup);
    assertValidJambonz(verbs);
    expect(verbs[0].synthesizer).toEqual({ vendor: 'google', language: 'de-DE' });
    const llm = (await openVerbs(await lookupAt(openHours)))[0] as unknown as {
      llmOptions: { session_update: { voice: string } };
    };
    expect(llm.llmOptions.session_update.voice).toBe('alloy');
  });

  it.each([
    ['+49 30 5555555', ['say', 'dial']],
    [null, ['say', 'hangup']],
  ] as const)('without an AI agent (support %s): straight to the support line, or goodbye', async (support, expected) => {
    await setUpDid({ agent: false, support });
    const lookup = await lookupAt(openHours);
    expect(lookup.ai_agent).toBeNull();
    const verbs = await callVerbs(lookup);
    assertValidJambonz(verbs);
    expect(verbNames(verbs)).toEqual(expected);
  });

  it('treats a deactivated AI agent as no agent', async () => {
    await setUpDid({ support: '+49 30 9999999' });
    await core.db.run('update ai_agents set is_active = 0');
    expect(verbNames(await callVerbs(await lookupAt(openHours)))).toEqual(['say', 'dial']);
  });

  it('the checks do catch what Jambonz refuses (so the checks above can fail)', () => {
    expect(jambonzRefusals([{ verb: 'dial', answerOnBridge: true }])[0]).toMatch(/target/);
    expect(jambonzRefusals([{ verb: 'llm', vendor: 'openai' }])[0]).toMatch(/llmOptions/);
    const llm = { verb: 'llm', vendor: 'openai', llmOptions: { response_create: {} } };
    expect(jambonzRefusals([llm])).toEqual(['auth.apiKey is required for OpenAI S2S']);
    expect(jambonzRefusals([{ ...llm, vendor: 'microsoft', auth: { apiKey: 'k' } }])).toEqual([
      'connectionOptions.host is required for Microsoft OpenAI S2S',
    ]);
    expect(jambonzRefusals([{ verb: 'dial', target: [{ type: 'sip' }] }])).toEqual(['a sip target needs sipUri']);
    const runnable = { ...llm, auth: { apiKey: 'k' } };
    expect(jambonzRefusals([{ ...runnable, events: ['response.audio_transcript.done', 'transcript.done', 'response.text.*'] }])).toEqual([
      'event transcript.done is never sent to the eventHook',
    ]);
    const tools = { response_create: {}, session_update: { tools: [{ type: 'function', name: 't' }] } };
    expect(jambonzRefusals([{ ...runnable, llmOptions: tools }])).toEqual(['tools are given but no toolHook is defined']);
    expect(jambonzRefusals([{ ...runnable, llmOptions: tools, toolHook: '/tool' }])).toEqual([]);
    expect(toolAnswerProblems('openai', 'call_1', { type: 'client_tool_result', invocation_id: 'call_1' })).toEqual([
      'invalid tool output, must be conversation.item.create',
    ]);
    expect(
      toolAnswerProblems('openai', 'call_1', {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_2' },
      }),
    ).toEqual(['the item answers call call_2, not call_1', 'the output is not a string']);
  });

  it('previews both arrays with the model key shown only by its last four characters', async () => {
    await setUpDid({ support: '+49 30 9999999' });
    await setKey('sk-secret-abcd');
    const row = await findActiveDid(core.db, '+49301234567');
    const preview = await previewInbound(core, w.companyA, row.id, core.clock(), closedUntilMonday);
    expect(preview.now).toBe('closed');
    assertValidJambonz(preview.jambonz.open);
    assertValidJambonz(preview.jambonz.closed);
    expect(JSON.stringify(preview)).not.toContain('sk-secret');
    expect(preview.jambonz.open[0]).toMatchObject({ verb: 'llm', auth: { apiKey: '…abcd' } });
    expect(verbNames(preview.jambonz.closed)).toEqual(['say', 'dial']);
  });
});
