import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { INBOUND_DID, inboundWorld, jambonzCall, jambonzRefusals, toolAnswerProblems, type InboundWorld } from '../../world';

/**
 * Every answer DialDesk gives Jambonz, for every way a company's model can be set up, goes through
 * what a real Jambonz does with it (test/world/jambonz.ts): @jambonz/verb-specifications, then the
 * feature server's run-time checks for the verb's vendor. An application (the call hook's answer, the
 * one a transfer moves the call to) must have verbs, since the feature server refuses an empty one
 * ("no application provided"); an action hook may answer nothing, which leaves the call as it is
 * (task.js performAction). Every hook is answered 200: Jambonz takes 200, 202 and 204 only.
 */
interface Setup {
  name: string;
  llmKey?: null;
  vendor?: { llmVendor: 'openai' | 'microsoft'; llmHost?: string; llmApiKey: string };
  /** the vendor of the llm verb answered, or null when the agent cannot run and callers get the fallback */
  expect: { vendor: string; connectOptions?: unknown } | null;
}

const SETUPS: Setup[] = [
  { name: "the site's openai key", expect: { vendor: 'openai' } },
  {
    name: "the company's own openai key",
    llmKey: null,
    vendor: { llmVendor: 'openai', llmApiKey: 'sk-company-0123456' },
    expect: { vendor: 'openai' },
  },
  {
    name: 'azure openai with its resource host',
    vendor: { llmVendor: 'microsoft', llmHost: 'acme.openai.azure.com', llmApiKey: 'az-key-0123456789' },
    expect: { vendor: 'microsoft', connectOptions: { host: 'acme.openai.azure.com' } },
  },
  { name: 'azure openai without a host', vendor: { llmVendor: 'microsoft', llmApiKey: 'az-key-0123456789' }, expect: null },
  { name: 'no model key at all', llmKey: null, expect: null },
];

let w: InboundWorld;
let rest: Server | undefined;
afterEach(async () => {
  await w?.close();
  if (rest) await new Promise((r) => rest!.close(r));
  rest = undefined;
});

/** Jambonz's REST API for live transfers: answers every call update with `status` */
async function restApi(status: () => number): Promise<string> {
  rest = createServer((req, res) => req.resume().on('end', () => res.writeHead(status()).end()));
  await new Promise<void>((r) => rest!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(rest.address() as { port: number }).port}/api/v1`;
}

/** A call hook as the feature server POSTs it (lib/middleware.js): the SIP INVITE, the call's details and the account's defaults. */
const callHook = (over: Record<string, unknown> = {}) => ({
  sip: {
    method: 'INVITE',
    uri: 'sip:49301234567@10.0.0.5',
    headers: { from: '<sip:4915112345678@carrier.example>;tag=a1', to: '<sip:49301234567@10.0.0.5>', 'content-type': 'application/sdp' },
    body: 'v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\n',
  },
  ...jambonzCall(over),
  service_provider_sid: '2708b1b3-2736-40ea-b502-c53d8396247f',
  defaults: { synthesizer: { vendor: 'google', language: 'en-US' }, recognizer: { vendor: 'google', language: 'en-US' } },
});

describe.each(SETUPS)('every answer Jambonz gets runs there: $name', (setup) => {
  it('call hooks, tool calls, transfers, dial outcomes and the end of the AI session', async () => {
    w = await inboundWorld(setup.llmKey === null ? { llmKey: null } : {});
    const now = () => w.clock.clock();
    if (setup.vendor) await updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, ...setup.vendor }, now());
    let restStatus = 202;
    const restUrl = await restApi(() => restStatus);

    const answers: { label: string; kind: 'application' | 'action'; verbs: any[] }[] = [];
    const statuses: string[] = [];
    const send = async (label: string, kind: 'application' | 'action', path: string, body: unknown, method?: 'GET') => {
      const res = await w.hook(path, body, { method });
      if (res.status !== 200) statuses.push(`${label}: HTTP ${res.status}`);
      answers.push({ label, kind, verbs: res.body });
      return res.body as any[];
    };
    const sid = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const hooks = (n: number) => ({
      tool: `/api/v1/inbound/jambonz/tool?call_sid=${sid(n)}`,
      action: `/api/v1/inbound/jambonz/llm-action?call_sid=${sid(n)}`,
      transfer: `/api/v1/inbound/jambonz/transfer?call_sid=${sid(n)}`,
      dial: `/api/v1/inbound/jambonz/dial-action?call_sid=${sid(n)}`,
    });
    const toolCalls: { label: string; id: string; answer: any }[] = [];
    const askTransfer = async (n: number, department: string) => {
      const id = `call_${n}`;
      const res = await w.hook(hooks(n).tool, { tool_call_id: id, name: 'transfer_to_department', args: { department } });
      if (res.status !== 200) statuses.push(`tool call ${n}: HTTP ${res.status}`);
      toolCalls.push({ label: `tool call ${n} (${department})`, id, answer: res.body });
      return JSON.parse(res.body.item?.output ?? '{}') as { ok?: boolean };
    };

    // the plain call: no REST API, no recording
    const first = await send('call hook', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(1) }));
    const llm = first.find((v) => v.verb === 'llm');
    if (setup.expect) expect(llm).toMatchObject(setup.expect);
    else expect(first.map((v) => v.verb)).toEqual(['say', 'dial']);
    await send('llm action hook, caller hung up', 'action', hooks(1).action, {
      ...jambonzCall({ call_sid: sid(1) }),
      completion_reason: 'normal conversation end',
    });

    // a GET calling webhook, with the DID in its URL and without
    await send('GET call hook', 'application', `/api/v1/inbound/jambonz/call?did=${encodeURIComponent(INBOUND_DID)}`, undefined, 'GET');
    await send('GET call hook without a DID', 'application', '/api/v1/inbound/jambonz/call', undefined, 'GET');
    // numbers nobody answers here
    await send('unknown DID', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(2), to: '4930999999' }));

    // live transfers and recording: the REST API set up
    await updateInboundSettings(
      w.core,
      CLI_ACTOR,
      { companyId: w.companyA, jambonzApiUrl: restUrl, jambonzApiKey: 'jbz-key-0123456', recordCalls: true },
      now(),
    );
    const withTools = await send(
      'call hook with transfers and recording',
      'application',
      '/api/v1/inbound/jambonz/call',
      callHook({ call_sid: sid(3) }),
    );
    expect(withTools[0]).toMatchObject({ verb: 'config', record: { action: 'startCallRecording', type: 'cloud' } });
    if (setup.expect) {
      expect(withTools[1]).toMatchObject({ verb: 'llm', toolHook: hooks(3).tool });
      // the department the model is offered is open at Monday 10:00 in Berlin, and the move is accepted
      expect(await askTransfer(3, 'Sales')).toMatchObject({ ok: true });
      await send('transfer hook', 'application', hooks(3).transfer, jambonzCall({ call_sid: sid(3), call_status: 'in-progress' }));
      await send('llm action hook after the move', 'action', hooks(3).action, {
        ...jambonzCall({ call_sid: sid(3) }),
        completion_reason: 'normal conversation end',
      });
      await send('dial action hook, busy', 'action', hooks(3).dial, {
        ...jambonzCall({ call_sid: sid(3) }),
        dial_call_status: 'busy',
        dial_sip_status: 486,
      });

      await send('call hook', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(4) }));
      expect(await askTransfer(4, 'Billing')).toMatchObject({ ok: true });
      await send('transfer hook to a SIP address', 'application', hooks(4).transfer, jambonzCall({ call_sid: sid(4) }));
      await send('dial action hook, answered', 'action', hooks(4).dial, {
        ...jambonzCall({ call_sid: sid(4) }),
        dial_call_status: 'completed',
        dial_call_duration: 42,
      });
      expect(await askTransfer(4, 'Legal')).toMatchObject({ ok: false });

      // the REST API refuses the move: the session's end dials the department instead
      restStatus = 500;
      await send('call hook', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(5) }));
      expect(await askTransfer(5, 'Billing')).toMatchObject({ ok: false });
      const dialed = await send('llm action hook after a failed move', 'action', hooks(5).action, {
        ...jambonzCall({ call_sid: sid(5) }),
        completion_reason: 'server failure',
      });
      expect(dialed.map((v) => v.verb)).toEqual(['say', 'dial']);
    }
    // a moved call with no transfer under way, and hooks for calls this site never saw
    await send('transfer hook without a transfer', 'application', hooks(1).transfer, jambonzCall({ call_sid: sid(1) }));
    await send('transfer hook for an unknown call', 'application', hooks(99).transfer, jambonzCall({ call_sid: sid(99) }));
    await send('llm action hook for an unknown call', 'action', hooks(99).action, jambonzCall({ call_sid: sid(99) }));

    // the company switched off, the number's setup unreadable, the number switched off
    w.core.db.sqlite.prepare('update companies set is_active = 0 where id = ?').run(w.companyA);
    await send('call hook, company switched off', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(6) }));
    w.core.db.sqlite.prepare('update companies set is_active = 1 where id = ?').run(w.companyA);
    w.core.db.sqlite.prepare("update inbound_numbers set departments = 'not json'").run();
    await send('call hook, setup unreadable', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(7) }));
    w.core.db.sqlite.prepare('update inbound_numbers set is_active = 0').run();
    await send('call hook, number switched off', 'application', '/api/v1/inbound/jambonz/call', callHook({ call_sid: sid(8) }));

    expect(statuses).toEqual([]);
    const refused = answers.flatMap((a) =>
      (a.kind === 'action' && Array.isArray(a.verbs) && a.verbs.length === 0 ? [] : jambonzRefusals(a.verbs)).map(
        (p) => `${a.label}: ${p}`,
      ),
    );
    expect(refused).toEqual([]);
    const vendor = llm?.vendor ?? 'openai';
    expect(toolCalls.flatMap((t) => toolAnswerProblems(vendor, t.id, t.answer).map((p) => `${t.label}: ${p}`))).toEqual([]);
    // the sweep above really ran: every kind of answer was checked
    expect(answers.filter((a) => a.kind === 'application').length).toBeGreaterThanOrEqual(setup.expect ? 12 : 9);
    expect(answers.some((a) => a.verbs.some((v: { verb: string }) => v.verb === 'llm'))).toBe(setup.expect !== null);
  });
});
