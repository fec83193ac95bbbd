import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { inboundWorld, jambonzCall, jambonzRefusals, toolAnswerProblems, type InboundWorld } from '../../world';

/**
 * Jambonz's REST API takes the transfer request and never answers. The model waits for the tool
 * hook's answer in silence, and the feature server gives up on a webhook after 10 s (lib/config.js
 * HTTP_TIMEOUT): the answer must come well before, say the transfer failed, and leave the call able
 * to reach the department when the AI session ends.
 */
let w: InboundWorld;
let silent: Server;
let asked = 0;
const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';
const FEATURE_SERVER_WEBHOOK_TIMEOUT_MS = 10_000;

beforeEach(async () => {
  w = await inboundWorld();
  asked = 0;
  silent = createServer(() => void asked++); // takes the request, never answers
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/api`;
  await updateInboundSettings(
    w.core,
    CLI_ACTOR,
    { companyId: w.companyA, jambonzApiUrl: url, jambonzApiKey: 'jbz-rest-key-0123' },
    w.clock.clock(),
  );
});
afterEach(async () => {
  await w.close();
  silent.closeAllConnections();
  await new Promise((r) => silent.close(r));
});

const hook = (path: string, body: unknown) => w.hook(`/api/v1/inbound/jambonz/${path}?call_sid=${SID}`, body);

describe('a transfer whose REST call Jambonz never answers', () => {
  it('tells the model in time, records the failure, and the llm verb’s action hook dials the department', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    const started = Date.now();
    const tool = await hook('tool', { tool_call_id: 'call_1', name: 'transfer_to_department', args: { department: 'Billing' } });
    const waited = Date.now() - started;
    expect(asked).toBe(1);
    expect(waited).toBeLessThan(FEATURE_SERVER_WEBHOOK_TIMEOUT_MS - 2_000);
    expect(toolAnswerProblems('openai', 'call_1', tool.body)).toEqual([]);
    expect(JSON.parse(tool.body.item.output)).toMatchObject({ ok: false, message: expect.stringContaining('failed') });
    expect(await w.call(SID)).toMatchObject({ transfer_department: 'Billing', transfer_state: 'redirect_failed' });
    expect(JSON.parse((await w.result())!.data).transfer).toMatchObject({
      department: 'Billing',
      failed: expect.stringMatching(/did not answer within 5 s/),
    });

    // the model asks again: it hears the same failure, and Jambonz is not asked a second time
    const again = await hook('tool', { tool_call_id: 'call_2', name: 'transfer_to_department', args: { department: 'Billing' } });
    expect(JSON.parse(again.body.item.output)).toMatchObject({ ok: false, message: expect.stringContaining('failed') });
    expect(asked).toBe(1);

    // the AI session ends: the caller is dialed through to the department, not left in silence
    const ended = await hook('llm-action', jambonzCall({ completion_reason: 'normal conversation end' }));
    expect(jambonzRefusals(ended.body)).toEqual([]);
    expect(ended.body).toEqual([
      { verb: 'say', text: 'Connecting you to Billing.' },
      expect.objectContaining({ verb: 'dial', target: [{ type: 'sip', sipUri: 'sip:billing@pbx.acme.example' }] }),
    ]);
    await w.hook('/api/v1/inbound/jambonz/status', jambonzCall({ call_status: 'completed', duration: 40 }));
    expect(JSON.parse((await w.result())!.data).transfer.failed).toMatch(/did not answer within 5 s/);
  });

  it('a move Jambonz carried out after all (its answer came too late) still dials the department', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    await hook('tool', { tool_call_id: 'call_1', name: 'transfer_to_department', args: { department: 'Billing' } });
    expect(await w.call(SID)).toMatchObject({ transfer_state: 'redirect_failed' });
    // the feature server fetches the application the late PUT named
    const moved = await hook('transfer', jambonzCall({ call_status: 'in-progress' }));
    expect(jambonzRefusals(moved.body)).toEqual([]);
    expect(moved.body[0]).toEqual({ verb: 'say', text: 'Connecting you to Billing.' });
    expect(moved.body[1].target).toEqual([{ type: 'sip', sipUri: 'sip:billing@pbx.acme.example' }]);
    expect(await w.call(SID)).toMatchObject({ transfer_state: 'dialing' });
  });
});
