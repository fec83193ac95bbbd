import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { updateCompany } from '../../../src-main/core/companies/companies';
import { sweepQuietCalls, QUIET_CALL_MS } from '../../../src-main/core/inbound/calls/sweep';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { inboundWorld, jambonzCall, jambonzRefusals, type InboundWorld } from '../../world';

let w: InboundWorld;
beforeEach(async () => {
  w = await inboundWorld();
});
afterEach(async () => w.close());

const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';
const status = (call_status: string, over: Record<string, unknown> = {}) =>
  w.hook('/api/v1/inbound/jambonz/status', jambonzCall({ call_status, caller_name: undefined, ...over }));
const data = async () => JSON.parse((await w.result())!.data) as Record<string, any>;
const rate = (aiCostPerMinute: number) =>
  updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, aiCostPerMinute }, w.clock.clock());

describe('every inbound call is in the call log exactly once, from its first webhook', () => {
  it('the call hook records it with the caller name only it carries; the statuses bring it up to date', async () => {
    const answer = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    expect(jambonzRefusals(answer.body)).toEqual([]);
    expect(await w.count('call_results')).toBe(1);
    expect(await w.result()).toMatchObject({ status: 'INBOUND_CALL', direction: 'inbound', phone: '+4915112345678', duration_s: 0 });
    expect(await data()).toMatchObject({ did: '+49301234567', caller_name: 'Ann Example', call_status: 'trying' });

    for (const s of ['ringing', 'in-progress']) expect((await status(s)).body).toMatchObject({ recorded: true, replay: false });
    expect((await data()).call_status).toBe('in-progress');
    // a late "ringing" (webhooks are sent without waiting for each other) never moves the call back
    await status('ringing', { sip_status: 180 });
    expect((await data()).call_status).toBe('in-progress');
    w.clock.advance(75_000);
    expect((await status('completed', { duration: 75, sip_status: 200 })).status).toBe(200);
    expect(await w.count('call_results')).toBe(1);
    expect(await w.result()).toMatchObject({ duration_s: 75 });
    expect(await data()).toMatchObject({ caller_name: 'Ann Example', call_status: 'completed' });
    expect(await w.call(SID)).toMatchObject({ closed_by: 'jambonz', answered_by_ai: 1 });
    expect(await w.count('numbers', "source = 'inbound'")).toBe(1);
    // the dashboard counts the call once, with its final length
    const stats = await w.core.db.get<{ calls: number; d: number }>('select sum(calls) calls, sum(duration_s) d from call_stats');
    expect({ calls: Number(stats!.calls), d: Number(stats!.d) }).toEqual({ calls: 1, d: 75 });
  });

  it('a withheld caller is logged as sent, with no number in the pool', async () => {
    const numbers = await w.count('numbers');
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall({ from: 'anonymous', caller_name: '' }));
    await status('completed', { from: 'anonymous', duration: 12 });
    expect(await w.result()).toMatchObject({ phone: 'anonymous', number_id: null, duration_s: 12 });
    expect(await data()).toMatchObject({ withheld: true });
    expect(await w.count('numbers')).toBe(numbers);
  });

  it('a call whose call hook went unrecorded is logged at its first status hook', async () => {
    await status('ringing');
    expect(await w.count('call_results')).toBe(1);
    await status('completed', { duration: 30 });
    expect(await w.result()).toMatchObject({ duration_s: 30 });
  });

  it("a dial leg's statuses are attached to its inbound call, never a call of their own", async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    const leg = (call_status: string, extra: Record<string, unknown> = {}) =>
      status(call_status, { call_sid: 'leg-1', direction: 'outbound', to: '8811001', parent_call_sid: SID, ...extra });
    for (const s of ['trying', 'ringing', 'in-progress']) expect((await leg(s)).body).toMatchObject({ recorded: true });
    expect((await leg('completed', { duration: 40 })).body).toMatchObject({ recorded: true, result_id: (await w.result())!.id });
    expect(await w.count('call_results')).toBe(1);
    expect((await data()).leg).toEqual({ to: '8811001', status: 'completed', answered: true, duration_s: 40 });
    expect(await w.call(SID)).toMatchObject({ leg_call_sid: 'leg-1', leg_status: 'completed', leg_duration_s: 40, closed_by: null });
    const orphan = await leg('ringing', { parent_call_sid: 'nobody' });
    expect(orphan.body).toMatchObject({ recorded: false });
  });

  it('a call whose final status never comes is closed by the sweep and marked so; a late final status still closes it', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await status('in-progress');
    w.clock.advance(QUIET_CALL_MS - 1000);
    expect(await sweepQuietCalls(w.core)).toBe(0);
    w.clock.advance(2000);
    expect(await sweepQuietCalls(w.core)).toBe(1);
    expect(await w.call(SID)).toMatchObject({ closed_by: 'sweep' });
    expect(await data()).toMatchObject({ closed_by_sweep: true });
    expect(await sweepQuietCalls(w.core)).toBe(0);
    await status('completed', { duration: 20_000 });
    expect(await w.call(SID)).toMatchObject({ closed_by: 'jambonz' });
    expect(await w.result()).toMatchObject({ duration_s: 20_000 });
  });

  it('the AI session transcript goes on the call, each event once', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    const event = (body: Record<string, unknown>) => w.hook(`/api/v1/inbound/jambonz/llm-event?call_sid=${SID}`, body);
    const said = { type: 'response.audio_transcript.done', event_id: 'e1', transcript: 'Hello, Acme here.' };
    await event(said);
    await event({ type: 'conversation.item.input_audio_transcription.completed', event_id: 'e2', transcript: 'I need an invoice.' });
    await event(said); // a retry of the same event
    await event({ type: 'response.audio.delta', event_id: 'e3', delta: 'AAAA' });
    expect((await w.result())!.transcript).toBe('agent: Hello, Acme here.\ncaller: I need an invoice.');
  });
});

describe('AI minutes are charged through the ledger, once per call, when it is over', () => {
  it('charges every started minute of an AI-answered call, once, however often the final status comes', async () => {
    await rate(7);
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await status('in-progress');
    const balance = async () => Number(await w.core.db.value('select wallet_balance from companies where id = ?', [w.companyA]));
    expect(await balance()).toBe(1_000);
    await status('completed', { duration: 61 });
    await status('completed', { duration: 61 });
    await status('completed', { duration: 90 });
    expect(await balance()).toBe(1_000 - 14);
    expect(await w.result()).toMatchObject({ amount_charged: 14 });
    expect(await w.count('ledger_entries', "kind = 'charge'")).toBe(1);
    expect((await walletMatchesLedger(w.core.db, w.companyA)).ok).toBe(true);
    expect(Number(await w.core.db.value('select sum(cost) from call_stats'))).toBe(14);
  });

  it('in either billing mode, and only when the AI answered', async () => {
    await rate(7);
    await updateCompany(w.core.db, CLI_ACTOR, { companyId: w.companyA, billingMode: 'per_minute', costPerMinute: 100 }, w.clock.clock());
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await status('completed', { duration: 59 });
    expect(await w.result()).toMatchObject({ amount_charged: 7 });

    // no model key: the fallback answers, no AI minute is charged
    w.core.secrets.set('site/llm-api-key', null);
    const second = jambonzCall({ call_sid: 'sid-2' });
    const fallback = await w.hook('/api/v1/inbound/jambonz/call', second);
    expect(fallback.body.map((v: { verb: string }) => v.verb)).toEqual(['say', 'dial']);
    await status('completed', { call_sid: 'sid-2', duration: 300 });
    expect(await w.result()).toMatchObject({ amount_charged: 0, duration_s: 300 });
    expect(await w.count('ledger_entries', "kind = 'charge'")).toBe(1);
  });

  it('a company without a rate pays nothing for AI minutes', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await status('completed', { duration: 600 });
    expect(await w.result()).toMatchObject({ amount_charged: 0 });
    expect(await w.count('ledger_entries', "kind = 'charge'")).toBe(0);
  });
});
