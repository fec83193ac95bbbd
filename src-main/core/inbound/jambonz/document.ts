import type { InboundLookup, JambonzVerb } from '../../../../src-shared/contract/inbound';
import { llmProblems, type LlmConnection } from '../llm/connection';
import { openAiLlmVerb } from '../llm/openai';
import { hookUrl } from './hooks';
import { agentInstructions, transferTool } from './instructions';
import { dial, hangup, recordCall, say } from './verbs';

/**
 * The application a call runs, as the verb array the call webhook answers. Every array is one the
 * feature server can run: an `llm` verb only with the credentials its vendor needs (else the fallback:
 * a greeting and the support line, or goodbye), and a runnable say + hangup for numbers that are not
 * in service, rather than an error status, which Jambonz turns into SIP 480 for the caller
 * (jambonz-feature-server lib/middleware.js invokeWebCallback: JAMBONES_WEBHOOK_ERROR_RETURN, 480).
 */
export interface CallContext {
  llm: LlmConnection;
  /** the call's sid; null when the webhook carried none (a GET call hook): then no per-call hooks */
  callSid: string | null;
  /** a live transfer can be made (Jambonz's REST API is set up for the company) */
  transfers: boolean;
  /** record the call to Jambonz's storage */
  record: boolean;
}

export interface CallDocument {
  verbs: JambonzVerb[];
  /** the AI agent answers (its minutes may be charged) */
  ai: boolean;
}

export function callDocument(lookup: InboundLookup, ctx: CallContext): CallDocument {
  const recording = ctx.record && ctx.callSid ? [recordCall()] : [];
  const doc = lookup.open ? openDocument(lookup, ctx) : { verbs: closedVerbs(lookup), ai: false };
  return { verbs: [...recording, ...doc.verbs], ai: doc.ai };
}

/** In hours: the AI agent if it can run, and a person at the support number after it (or instead). */
export function openDocument(lookup: InboundLookup, ctx: CallContext): CallDocument {
  const agent = lookup.ai_agent;
  if (!agent || llmProblems(ctx.llm).length > 0) return { verbs: withoutAgentVerbs(lookup), ai: false };
  const transfers = ctx.transfers && ctx.callSid !== null && lookup.departments.length > 0;
  const instructions = agentInstructions(lookup, transfers);
  const opening = agent.greeting
    ? `Start the call by saying exactly: "${agent.greeting}"`
    : `Start the call by greeting the caller on behalf of ${lookup.display_name} and asking how you can help.`;
  // a number's voice override with its own speech vendor is for spoken messages; the model keeps the agent's voice
  const voice = (lookup.voice.vendor === null ? lookup.voice.voice : agent.voice) || null;
  const llm = openAiLlmVerb(ctx.llm, {
    instructions,
    opening,
    voice,
    temperature: agent.temperature,
    tools: transfers ? [transferTool(lookup)] : [],
    hooks: ctx.callSid
      ? {
          action: hookUrl.llmAction(ctx.callSid),
          event: hookUrl.llmEvent(ctx.callSid),
          tool: transfers ? hookUrl.tool(ctx.callSid) : null,
        }
      : null,
  });
  // Jambonz runs the verbs in order and drops the rest once the caller hangs up, so what follows the
  // agent only runs when the AI session itself ended (the model's service failed or closed): then a
  // person at the support line takes over rather than the caller hearing silence.
  return { verbs: [llm, lookup.support_number ? dial(lookup.support_number) : hangup()], ai: true };
}

/** No agent, or one that cannot run: the agent's greeting (or ours), then the support line or goodbye. */
export function withoutAgentVerbs(lookup: InboundLookup): JambonzVerb[] {
  const hello = lookup.ai_agent?.greeting || `Thank you for calling ${lookup.display_name}.`;
  if (lookup.support_number) return [say(lookup, `${hello} Connecting you now.`), dial(lookup.support_number)];
  return [say(lookup, `${hello} Nobody can take your call right now. Please call again later. Goodbye.`), hangup()];
}

/** Out of hours: say so (and when we open), then the support line or goodbye. */
export function closedVerbs(lookup: InboundLookup): JambonzVerb[] {
  return [say(lookup, lookup.closed_message), lookup.support_number ? dial(lookup.support_number) : hangup()];
}

/** A number nobody here answers (not set up, switched off): say so and hang up. */
export function notInServiceVerbs(): JambonzVerb[] {
  return [{ verb: 'say', text: 'Sorry, this number is not in service. Goodbye.' }, hangup()];
}

/** The number's setup could not be read: apologise and hang up rather than leave the caller with SIP 480. */
export function unavailableVerbs(): JambonzVerb[] {
  return [{ verb: 'say', text: 'Sorry, we cannot take your call right now. Please try again later. Goodbye.' }, hangup()];
}

/** The transfer the AI asked for: tell the caller, dial the department; its outcome comes to dialAction. */
export function transferVerbs(lookup: Pick<InboundLookup, 'voice'>, department: string, target: string, callSid: string): JambonzVerb[] {
  return [say(lookup, `Connecting you to ${department}.`), dial(target, { timeout: 30, actionHook: hookUrl.dialAction(callSid) })];
}
