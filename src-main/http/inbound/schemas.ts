import { z } from 'zod';
import { errorResponses } from '../error-responses';

/**
 * Wire schemas of the inbound API. The Jambonz payloads list only the fields DialDesk reads, taken
 * from jambonz's own documents, and let every other field through untouched:
 * - docs.jambonz.org/reference/webhooks/call-hook-post ("New Call"): call_sid, direction, from, to,
 *   caller_name, call_status, sip_status ...
 * - docs.jambonz.org/docs/webhooks/overview ("HTTP connection details" and the call_status table:
 *   trying, ringing, early-media, in-progress, completed, failed, busy, no-answer)
 * - jambonz-feature-server lib/session/call-info.js toJSON(): `duration` (seconds) once the call has
 *   one, and `customerData`: what the application put in a `tag` verb, which
 *   lib/utils/http-requestor.js leaves un-snake-cased.
 */

/** What the inbound routes' errors mean (http/error-responses.ts lists them all in the one shape). */
const forbidden = 'the key lacks the inbound scope, or belongs to another company';
const notFound = 'no such inbound number (DID)';
export const ErrorResponses = errorResponses({ forbidden, notFound });
/** routes with a body: 413 too large, 415 not JSON in UTF-8 */
export const BodyErrorResponses = errorResponses({ forbidden, notFound, body: true });
/** and one that writes, which a full disk or a busy database refuses (503, Retry-After) */
export const WriteErrorResponses = errorResponses({ forbidden, notFound, body: true, writes: true });

export const DidParams = z.object({
  did: z.string().min(1).max(40).describe('the DID, E.164 with or without "+" (URL-encode "+" as %2B)'),
});

export const InboundLookupSchema = z.object({
  did: z.string(),
  display_name: z.string(),
  company: z.object({ slug: z.string(), name: z.string(), timezone: z.string() }),
  open: z.boolean().describe('whether the company takes calls now, by its schedule'),
  closed_reason: z.enum(['outside_schedule', 'company_inactive']).nullable(),
  next_open_at: z.string().nullable().describe('ISO time of the next opening when closed'),
  ai_agent: z
    .object({
      id: z.number(),
      name: z.string(),
      system_prompt: z.string(),
      greeting: z.string(),
      language: z.string(),
      voice: z.string(),
      temperature: z.number(),
    })
    .nullable(),
  departments: z.array(
    z.object({
      name: z.string(),
      transfer_number: z.string().describe('E.164, an extension of the site exchange (digits), or a SIP URI'),
      description: z.string(),
      open: z.boolean().describe("inside the department's own hours now (and the company's)"),
    }),
  ),
  support_number: z.string().nullable().describe('E.164, an extension (digits), or a SIP URI'),
  voice: z.object({ vendor: z.string().nullable(), voice: z.string().nullable(), language: z.string() }),
  closed_message: z.string(),
});

/** A Jambonz verb: `{ "verb": "say", ... }`. */
export const VerbArray = z.array(z.looseObject({ verb: z.string() })).describe('a Jambonz application: verbs run in order');

const JambonzCall = {
  call_sid: z.string().min(1).max(200),
  direction: z.enum(['inbound', 'outbound']),
  from: z.string().max(200),
  to: z.string().min(1).max(200),
  // the Jambonz account the call is in: Jambonz's REST API addresses calls by it
  account_sid: z.string().max(100).optional(),
};

export const JambonzCallHook = z.looseObject({ ...JambonzCall, caller_name: z.string().max(200).optional() });

/**
 * A calling webhook sent as GET. The feature server sends a GET with no call details at all: only
 * the query string of the webhook's own URL (lib/utils/http-requestor.js request(): `query` is the
 * hook URL's, and the JSON payload is sent only with POST). So the DID goes in that URL
 * (`...?did=+4930...`); the call's own fields are read from the query too, for senders that put them there.
 */
export const JambonzCallQuery = z.looseObject({
  did: z.string().min(1).max(200).optional(),
  to: z.string().min(1).max(200).optional(),
  from: z.string().max(200).optional(),
  call_sid: z.string().min(1).max(200).optional(),
  caller_name: z.string().max(200).optional(),
  account_sid: z.string().max(100).optional(),
});

/** the llm verb's hooks and the transfer's name the call in their URL (core/inbound/jambonz/hooks.ts) */
export const CallSidQuery = z.object({ call_sid: z.string().min(1).max(200) });

/** jambonz-feature-server lib/tasks/llm/index.js sendToolHook: { tool_call_id, ...{ name, args } } */
export const ToolHookBody = z.looseObject({
  tool_call_id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  args: z.record(z.string(), z.unknown()).default({}),
});
export const ToolAnswer = z.looseObject({ type: z.string() }).describe('the function_call_output the model receives');

/** one server event of the AI session, as the model's service sent it (openai_s2s.js _onServerEvent) */
export const LlmEventBody = z.looseObject({ type: z.string().max(200).optional() });
export const EventAnswer = z.object({ ok: z.literal(true) });

/** an action hook: the call's details (call-info.js toJSON) and the verb's results */
export const ActionBody = z.looseObject({});

export const JambonzStatusHook = z.looseObject({
  ...JambonzCall,
  // a dial leg's statuses (the transfer, the support line) name the inbound call they belong to
  parent_call_sid: z.string().min(1).max(200).optional(),
  call_status: z.enum(['trying', 'ringing', 'early-media', 'in-progress', 'completed', 'failed', 'busy', 'no-answer', 'queued']),
  sip_status: z.number().int().min(100).max(699).optional(),
  sip_reason: z.string().max(200).optional(),
  caller_name: z.string().max(200).optional(),
  duration: z
    .number()
    .min(0)
    .max(7 * 24 * 3600)
    .optional(),
  // DialDesk's own keys inside the `tag` data an application may send along (see docs/inbound.md)
  customerData: z
    .looseObject({
      recording_url: z
        .url({ protocol: /^https?$/, error: 'recording_url is an http(s) URL' })
        .max(2000)
        .optional(),
      transcript: z.string().max(200_000).optional(),
    })
    .optional(),
});
export type JambonzStatusHook = z.output<typeof JambonzStatusHook>;

export const StatusAnswer = z.object({
  recorded: z.boolean(),
  result_id: z.number().nullable(),
  replay: z.boolean(),
  reason: z.string().nullable(),
});
