import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { inboundWorld, jambonzCall, jambonzRefusals, type InboundWorld } from '../../world';

/**
 * A live transfer asked for by the AI, the way the feature server and Jambonz's REST API carry it out:
 * the llm verb's tool call, a PUT to the REST API moving the call to DialDesk's transfer hook, the dial
 * it answers, the dial's action hook, and the llm verb's action hook when the session is killed.
 */
let w: InboundWorld;
let rest: Server;
let restUrl: string;
let restAnswer = 202;
const redirects: { url: string; auth: string | undefined; body: any }[] = [];

beforeEach(async () => {
  w = await inboundWorld();
  redirects.length = 0;
  restAnswer = 202;
  rest = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      redirects.push({ url: `${req.method} ${req.url}`, auth: req.headers.authorization, body: JSON.parse(text || 'null') });
      res.writeHead(restAnswer).end();
    });
  });
  await new Promise<void>((r) => rest.listen(0, '127.0.0.1', r));
  restUrl = `http://127.0.0.1:${(rest.address() as { port: number }).port}/api`;
});
afterEach(async () => {
  await w.close();
  await new Promise((r) => rest.close(r));
});

const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';
const ACCOUNT = '300be250-5a79-46bd-8393-45e7d26c2e34';
const withRest = () =>
  updateInboundSettings(
    w.core,
    CLI_ACTOR,
    { companyId: w.companyA, jambonzApiUrl: restUrl, jambonzApiKey: 'jbz-rest-key-0123', aiCostPerMinute: 10 },
    w.clock.clock(),
  );
const tool = (department: string, id = 'call_1') =>
  w.hook(`/api/v1/inbound/jambonz/tool?call_sid=${SID}`, { tool_call_id: id, name: 'transfer_to_department', args: { department } });
const outputOf = (answer: any) => JSON.parse(answer.item.output);

describe('the AI hands the caller to a department while the call is live', () => {
  it('offers the transfer tool only when Jambonz’s REST API is set up for the company', async () => {
    const without = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    expect(without.body[0]).not.toHaveProperty('toolHook');
    expect(without.body[0].llmOptions.session_update).not.toHaveProperty('tools');
    expect((await tool('Sales')).body).toMatchObject({ type: 'conversation.item.create' });
    expect(outputOf((await tool('Sales', 'call_2')).body)).toMatchObject({ ok: false });
    expect(redirects).toEqual([]);

    await withRest();
    const withTools = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall({ call_sid: 'sid-2' }));
    expect(jambonzRefusals(withTools.body)).toEqual([]);
    expect(withTools.body[0]).toMatchObject({ toolHook: '/api/v1/inbound/jambonz/tool?call_sid=sid-2' });
    expect(withTools.body[0].llmOptions.session_update.tools[0]).toMatchObject({
      type: 'function',
      name: 'transfer_to_department',
      parameters: { properties: { department: { enum: ['Sales', 'Billing'] } } },
    });
  });

  it('moves the call through the REST API, dials the department, and stops the AI minutes there', async () => {
    await withRest();
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    w.clock.advance(90_000);
    const answer = await tool('sales');
    expect(answer.body).toMatchObject({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_1' } });
    expect(outputOf(answer.body)).toMatchObject({ ok: true });
    expect(redirects).toEqual([
      {
        url: `PUT /api/v1/Accounts/${ACCOUNT}/Calls/${SID}`,
        auth: 'Bearer jbz-rest-key-0123',
        body: { call_hook: { url: `/api/v1/inbound/jambonz/transfer?call_sid=${SID}`, method: 'POST' } },
      },
    ]);
    expect(await w.call(SID)).toMatchObject({
      transfer_department: 'Sales',
      transfer_target: '+49301111111',
      transfer_state: 'redirected',
    });

    // the feature server fetches the new application (session:redirect with the call's details)
    const moved = await w.hook(`/api/v1/inbound/jambonz/transfer?call_sid=${SID}`, jambonzCall({ call_status: 'in-progress' }));
    expect(jambonzRefusals(moved.body)).toEqual([]);
    expect(moved.body).toEqual([
      { verb: 'say', text: 'Connecting you to Sales.' },
      {
        verb: 'dial',
        answerOnBridge: true,
        target: [{ type: 'phone', number: '+49301111111' }],
        timeout: 30,
        actionHook: `/api/v1/inbound/jambonz/dial-action?call_sid=${SID}`,
      },
    ]);
    // the killed llm verb reports in: the transfer is under way, so nothing replaces it
    expect(
      (await w.hook(`/api/v1/inbound/jambonz/llm-action?call_sid=${SID}`, jambonzCall({ completion_reason: 'normal conversation end' })))
        .body,
    ).toEqual([]);
    // a retry of the same tool call moves nothing a second time
    expect(outputOf((await tool('sales')).body)).toMatchObject({ ok: true });
    expect(redirects).toHaveLength(1);

    const dialed = await w.hook(
      `/api/v1/inbound/jambonz/dial-action?call_sid=${SID}`,
      jambonzCall({ dial_call_status: 'completed', dial_call_duration: 200 }),
    );
    expect(dialed.body).toEqual([]);
    w.clock.advance(200_000);
    await w.hook('/api/v1/inbound/jambonz/status', jambonzCall({ call_status: 'completed', duration: 300 }));
    expect(await w.call(SID)).toMatchObject({ transfer_state: 'completed', ai_seconds: 90, closed_by: 'jambonz' });
    // 90 AI seconds are two started minutes at 10, not the five minutes of the whole call
    expect(await w.result()).toMatchObject({ amount_charged: 20, duration_s: 300 });
    expect(JSON.parse((await w.result())!.data).transfer).toMatchObject({ department: 'Sales', outcome: 'completed' });
  });

  it('two tool calls at once move the call once: the other is told a transfer is already under way', async () => {
    await withRest();
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    const answers = await Promise.all([tool('Sales', 'call_1'), tool('Billing', 'call_2')]);
    const outputs = answers.map((a) => outputOf(a.body));
    expect(outputs.filter((o) => o.ok)).toHaveLength(1);
    expect(outputs.filter((o) => !o.ok)).toEqual([expect.objectContaining({ message: expect.stringContaining('already connecting') })]);
    expect(redirects).toHaveLength(1);
    const taken = outputs.findIndex((o) => o.ok) === 0 ? 'Sales' : 'Billing';
    expect(await w.call(SID)).toMatchObject({ transfer_department: taken, transfer_state: 'redirected' });
    // and one asked for after the transfer is no second move either
    expect(outputOf((await tool('Sales', 'call_3')).body)).toMatchObject({ message: expect.stringContaining('already connecting') });
    expect(redirects).toHaveLength(1);
  });

  it('a closed department or an unknown one is refused to the model, and nothing is moved', async () => {
    await withRest();
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    expect(outputOf((await tool('Legal')).body)).toMatchObject({ ok: false, message: expect.stringContaining('no department') });
    w.clock.advance(8 * 3600_000); // 19:00 in Berlin: Sales (Mon 09-17) is closed, Billing (no hours of its own) is not
    expect(outputOf((await tool('Sales', 'call_2')).body)).toMatchObject({ ok: false, message: expect.stringContaining('closed') });
    expect(redirects).toEqual([]);
    expect(outputOf((await tool('Billing', 'call_3')).body)).toMatchObject({ ok: true });
    const moved = await w.hook(`/api/v1/inbound/jambonz/transfer?call_sid=${SID}`, jambonzCall());
    expect(moved.body[1].target).toEqual([{ type: 'sip', sipUri: 'sip:billing@pbx.acme.example' }]);
  });

  it('when the REST API refuses, the model is told, and the llm verb’s action hook dials the department instead', async () => {
    await withRest();
    restAnswer = 500;
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    expect(outputOf((await tool('Billing')).body)).toMatchObject({ ok: false, message: expect.stringContaining('failed') });
    expect(await w.call(SID)).toMatchObject({ transfer_state: 'redirect_failed' });
    const ended = await w.hook(
      `/api/v1/inbound/jambonz/llm-action?call_sid=${SID}`,
      jambonzCall({ completion_reason: 'normal conversation end' }),
    );
    expect(jambonzRefusals(ended.body)).toEqual([]);
    expect(ended.body.map((v: { verb: string }) => v.verb)).toEqual(['say', 'dial']);
    expect(ended.body[1].target).toEqual([{ type: 'sip', sipUri: 'sip:billing@pbx.acme.example' }]);
  });

  it('a department that does not answer hands the caller to the support line', async () => {
    await withRest();
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await tool('Sales');
    await w.hook(`/api/v1/inbound/jambonz/transfer?call_sid=${SID}`, jambonzCall());
    const busy = await w.hook(`/api/v1/inbound/jambonz/dial-action?call_sid=${SID}`, jambonzCall({ dial_call_status: 'busy' }));
    expect(jambonzRefusals(busy.body)).toEqual([]);
    expect(busy.body).toEqual([
      { verb: 'say', text: 'Sales cannot take your call right now. Connecting you to our support line.' },
      { verb: 'dial', answerOnBridge: true, target: [{ type: 'phone', number: '8811001' }] },
    ]);
  });

  it("another company's key cannot move this company's call", async () => {
    await withRest();
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    const res = await w.hook(
      `/api/v1/inbound/jambonz/tool?call_sid=${SID}`,
      { tool_call_id: 'x', name: 'transfer_to_department', args: { department: 'Sales' } },
      { key: w.keyB },
    );
    expect(res.status).toBe(403);
    expect(redirects).toEqual([]);
  });
});
