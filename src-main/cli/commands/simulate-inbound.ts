import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { AppError } from '../../core/errors';

/**
 * `dialdesk simulate --inbound`: plays the webhooks a real Jambonz feature server sends for inbound
 * calls, against a running DialDesk, shaped as jambonz-feature-server sends them (lib/session/
 * call-info.js toJSON snake_cased, lib/utils/http-requestor.js: POST JSON, basic auth with the hook's
 * user and password, Jambonz-Signature when the account has a webhook secret). Each call: the call
 * hook; "in-progress"; the AI session's transcript events; a transfer when the agent is given the tool
 * (the tool call, and — acting as Jambonz's REST API when asked to — the redirect to DialDesk's
 * transfer hook, as the feature server fetches it); the killed session's action hook; the dial leg's
 * statuses (parent_call_sid) and the dial's action hook; the final status; and retries of some hooks
 * with the identical body, which must change nothing.
 */
export interface InboundSimOptions {
  url: string;
  key: string;
  did: string;
  calls: number;
  concurrency: number;
  secret?: string;
  /** act as Jambonz's REST API on this port (0: any free one); the company's Jambonz API URL must point here */
  restPort?: number;
  /** ask the AI tool for this department when it has the tool */
  department?: string;
  /** share of callers who withhold their number, 0..1 */
  withheld: number;
}

export interface InboundSimSummary {
  calls: number;
  answeredByAi: number;
  fallback: number;
  notInService: number;
  transfers: { asked: number; accepted: number; redirected: number; dialed: number };
  legs: number;
  replays: { sent: number; unchanged: number };
  events: number;
  errors: string[];
  restUrl: string | null;
}

/** What the simulator reads of DialDesk's answers. */
interface Verb {
  verb: string;
  text?: string;
  target?: { number?: string; sipUri?: string }[];
  actionHook?: string;
  eventHook?: string;
  toolHook?: string;
  llmOptions?: { session_update?: { tools?: { parameters?: { properties?: { department?: { enum?: string[] } } } }[] } };
}
interface Answer {
  error?: { message?: string };
  item?: { output?: string };
  replay?: boolean;
}
const ACCOUNT_SID = '9351f46a-678c-43f5-b8a6-d4eb58d131af';

export async function simulateInbound(o: InboundSimOptions): Promise<InboundSimSummary> {
  const base = o.url.replace(/\/+$/, '');
  const s: InboundSimSummary = {
    calls: 0,
    answeredByAi: 0,
    fallback: 0,
    notInService: 0,
    transfers: { asked: 0, accepted: 0, redirected: 0, dialed: 0 },
    legs: 0,
    replays: { sent: 0, unchanged: 0 },
    events: 0,
    errors: [],
    restUrl: null,
  };
  const infoOf = new Map<string, Record<string, unknown>>();
  /** the application each call was moved to through the REST API, as DialDesk answered it */
  const redirects = new Map<string, Promise<Verb[]>>();

  async function post<T = Answer>(path: string, body: unknown): Promise<T> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`jambonz:${o.key}`).toString('base64')}`,
      'user-agent': 'jambonz',
    };
    if (o.secret) {
      const t = Math.floor(Date.now() / 1000);
      headers['jambonz-signature'] = `t=${t},v1=${createHmac('sha256', o.secret).update(`${t}.${text}`, 'utf8').digest('hex')}`;
    }
    const res = await fetch(base + path, { method: 'POST', headers, body: text }).catch((err: unknown) => {
      throw new AppError(
        'INTERNAL',
        `cannot reach ${base}: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`,
      );
    });
    const answer = (await res.json().catch(() => null)) as (Answer & T) | null;
    if (res.status === 401 || res.status === 403)
      throw new AppError(res.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', answer?.error?.message ?? `HTTP ${res.status}`);
    // Jambonz takes 200, 202 and 204 only (http-requestor.js); anything else is a failed webhook, and for a call hook SIP 480
    if (![200, 202, 204].includes(res.status)) throw new Error(`${path.split('?')[0]}: HTTP ${res.status} ${answer?.error?.message ?? ''}`);
    return answer as T;
  }

  /** A hook retried with the identical body (http-requestor.js "rc"): the answer must not change. */
  async function retried(path: string, body: unknown, first: unknown): Promise<void> {
    s.replays.sent++;
    const again = await post(path, body);
    const same = (a: unknown, b: unknown) =>
      JSON.stringify({ ...(a as object), replay: undefined }) === JSON.stringify({ ...(b as object), replay: undefined });
    if (same(again, first)) s.replays.unchanged++;
    else s.errors.push(`a retry of ${path.split('?')[0]} was answered differently`);
  }

  const rest =
    o.restPort === undefined
      ? null
      : await restApi(o.restPort, (callSid, hook) => {
          s.transfers.redirected++;
          // the feature server answers 202, then fetches the new application with the call's details (session:redirect)
          const fetched = post<Verb[]>(hook, infoOf.get(callSid) ?? {});
          fetched.catch(() => undefined);
          redirects.set(callSid, fetched);
          return fetched;
        });
  s.restUrl = rest?.url ?? null;

  async function runDial(callSid: string, verbs: Verb[]): Promise<void> {
    const dial = verbs.find((v) => v.verb === 'dial');
    if (!dial) return;
    s.transfers.dialed++;
    const to = dial.target?.[0]?.number ?? dial.target?.[0]?.sipUri;
    if (!to) throw new Error('a dial was answered without a target');
    const leg = { ...infoOf.get(callSid), call_sid: randomUUID(), direction: 'outbound', to, parent_call_sid: callSid };
    for (const call_status of ['trying', 'ringing', 'in-progress']) await post('/api/v1/inbound/jambonz/status', { ...leg, call_status });
    const done = { ...leg, call_status: 'completed', sip_status: 200, duration: 30 };
    const first = await post('/api/v1/inbound/jambonz/status', done);
    await retried('/api/v1/inbound/jambonz/status', done, first);
    s.legs++;
    if (dial.actionHook) {
      await post(dial.actionHook, {
        ...infoOf.get(callSid),
        dial_call_status: 'completed',
        dial_call_sid: leg.call_sid,
        dial_call_duration: 30,
        dial_sip_status: 200,
      });
    }
  }

  async function oneCall(n: number): Promise<void> {
    const callSid = randomUUID();
    const withheld = n / Math.max(1, o.calls) < o.withheld;
    const info: Record<string, unknown> = {
      call_sid: callSid,
      direction: 'inbound',
      from: withheld ? 'anonymous' : `49151${String(1_000_000 + n).padStart(7, '0')}`,
      to: o.did.replace(/^\+/, ''),
      call_id: randomUUID(),
      sip_status: 100,
      sip_reason: 'Trying',
      call_status: 'trying',
      account_sid: ACCOUNT_SID,
      application_sid: '2b1a7f2e-0000-4000-8000-000000000001',
      trace_id: '00000000000000000000000000000000',
      originating_sip_trunk_name: 'simulated carrier',
    };
    infoOf.set(callSid, info);
    const verbs = (await post('/api/v1/inbound/jambonz/call', { ...info, caller_name: withheld ? '' : `Caller ${n}` })) as Verb[];
    s.calls++;
    const llm = verbs.find((v) => v.verb === 'llm');
    if (!llm) {
      if (verbs.some((v) => v.verb === 'say' && /not in service/.test(String(v.text)))) s.notInService++;
      else s.fallback++;
    }
    info.call_status = 'in-progress';
    info.sip_status = 200;
    info.sip_reason = 'OK';
    await post('/api/v1/inbound/jambonz/status', info);
    if (llm) {
      s.answeredByAi++;
      // without its hooks no transcript, tool call or end of the AI session would ever reach DialDesk
      if (!llm.eventHook || !llm.actionHook) throw new Error('the llm verb was answered without its eventHook and actionHook');
      const hooks = { event: llm.eventHook, action: llm.actionHook };
      for (const [type, transcript] of [
        ['response.audio_transcript.done', 'Hello, how can I help?'],
        ['conversation.item.input_audio_transcription.completed', 'I would like to talk to someone, please.'],
      ]) {
        const event = { type, event_id: randomUUID(), transcript };
        await post(hooks.event, event);
        await retried(hooks.event, event, { ok: true });
        s.events++;
      }
      const department = o.department ?? llm.llmOptions?.session_update?.tools?.[0]?.parameters?.properties?.department?.enum?.[0];
      let transferred = false;
      if (llm.toolHook && department) {
        s.transfers.asked++;
        const answer = await post(llm.toolHook, { tool_call_id: `call_${n}`, name: 'transfer_to_department', args: { department } });
        transferred = Boolean(JSON.parse(answer?.item?.output ?? '{}').ok);
        if (transferred) s.transfers.accepted++;
      }
      if (transferred) {
        // DialDesk moved the call before it answered the tool call; the new application replaced the
        // session (call-session.js _lccCallHook → replaceApplication), whose action hook comes after it,
        // and an application that hook answers would replace the moved one in turn (task.js performAction)
        const moved = (await redirects.get(callSid)) ?? [];
        const after = await post<Verb[]>(hooks.action, { ...info, completion_reason: 'normal conversation end' });
        await runDial(callSid, after.length > 0 ? after : moved);
      } else {
        // the caller talks to the agent until they hang up: the call ends, then the killed session reports
        await finish(n, info);
        await post(hooks.action, { ...info, call_status: 'completed', completion_reason: 'normal conversation end' });
        return;
      }
    }
    await finish(n, info);
  }

  async function finish(n: number, info: Record<string, unknown>): Promise<void> {
    const done = { ...info, call_status: 'completed', duration: 45 + (n % 7) * 10 };
    const first = await post('/api/v1/inbound/jambonz/status', done);
    await retried('/api/v1/inbound/jambonz/status', done, first);
  }

  try {
    let next = 0;
    const worker = async () => {
      while (next < o.calls) {
        const n = next++;
        try {
          await oneCall(n);
        } catch (err) {
          if (err instanceof AppError) throw err;
          s.errors.push(err instanceof Error ? err.message : String(err));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, o.calls) }, worker));
    // every redirect is awaited by its call; this only catches one whose call failed first
    await rest?.settled();
  } finally {
    await rest?.close();
  }
  return s;
}

/** Jambonz's REST API as far as a live transfer needs it: PUT Calls/:sid with call_hook → 202, then the redirect. */
async function restApi(port: number, redirect: (callSid: string, hook: string) => Promise<unknown>) {
  const pending = new Set<Promise<unknown>>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const m = /^\/(?:.*\/)?v1\/Accounts\/[^/]+\/Calls\/([^/?]+)$/.exec(req.url ?? '');
      const body = (() => {
        try {
          return JSON.parse(text) as { call_hook?: { url?: string } | string };
        } catch {
          return {};
        }
      })();
      const hook = typeof body.call_hook === 'string' ? body.call_hook : body.call_hook?.url;
      if (req.method !== 'PUT' || !m || !hook) return void res.writeHead(400).end();
      res.writeHead(202).end();
      const p = redirect(decodeURIComponent(m[1]), hook).catch(() => undefined);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`,
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function describeInbound(o: InboundSimOptions, s: InboundSimSummary): string {
  const lines = [
    `${s.calls} inbound calls to ${o.did} against ${o.url}`,
    `  answered by the AI agent ${s.answeredByAi}, fallback (no agent or no model key) ${s.fallback}, not in service ${s.notInService}`,
    `  transfers asked ${s.transfers.asked}, accepted ${s.transfers.accepted}, redirected ${s.transfers.redirected}, dialed ${s.transfers.dialed}; dial legs ${s.legs}`,
    `  transcript events ${s.events}; retries with the identical body ${s.replays.sent}, answered the same ${s.replays.unchanged}`,
  ];
  if (s.restUrl) lines.push(`  acted as Jambonz's REST API at ${s.restUrl}`);
  if (s.errors.length) lines.push(`  errors ${s.errors.length}: ${[...new Set(s.errors)].slice(0, 5).join('; ')}`);
  return lines.join('\n');
}
