import { createRequire } from 'node:module';
import type { JambonzVerb } from '../../src-shared/contract/inbound';

/**
 * What a real Jambonz does with an answer before the call runs it: the installed
 * @jambonz/verb-specifications validator (the one the feature server runs on every application,
 * lib/middleware.js invokeWebCallback → normalizeJambones), and then the checks the feature server's
 * tasks make when it builds them (makeTask runs every constructor before the first verb plays, so one
 * refusal fails the whole call with SIP 480). The run-time checks are written out here from
 * jambonz-feature-server's source, independently of the product code, so a product bug cannot hide
 * behind a shared helper:
 * - lib/tasks/llm/index.js createSpecificLlm: the vendors it knows;
 * - lib/tasks/llm/llms/openai_s2s.js (openai, microsoft), ultravox_s2s.js, elevenlabs_s2s.js,
 *   google_s2s.js, voice_agent_s2s.js (voiceagent, deepgram): their constructors' `throw`s;
 * - lib/utils/place-outdial.js SingleDialer.exec: the target fields it asserts;
 * - lib/utils/base-requestor.js _isAbsoluteUrl / _isRelativeUrl: a hook is an absolute http(s)/ws(s)
 *   URL or one starting with "/".
 */
const { validate } = createRequire(import.meta.url)('@jambonz/verb-specifications') as { validate(logger: unknown, verbs: unknown): void };
const quiet = { info() {}, debug() {}, error() {}, warn() {} };

type Obj = Record<string, any>;

/**
 * The server events TaskLlmOpenAI_S2S forwards to an eventHook (openai_s2s.js openai_server_events;
 * `events` names them, "prefix.*" expands over them, "all" takes every one): a name not in it is never sent.
 */
const OPENAI_SERVER_EVENTS = [
  'error',
  'session.created',
  'session.updated',
  'conversation.created',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'conversation.item.created',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'conversation.item.truncated',
  'conversation.item.deleted',
  'response.created',
  'response.done',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.text.delta',
  'response.text.done',
  'response.audio_transcript.delta',
  'response.audio_transcript.done',
  'response.audio.delta',
  'response.audio.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'rate_limits.updated',
  'output_audio.playback_started',
  'output_audio.playback_stopped',
];

function openAiEventProblems(verb: Obj): string[] {
  const events: unknown = verb.events;
  if (events === undefined) return [];
  if (!Array.isArray(events)) return ['events is not an array'];
  if (events.includes('all')) return [];
  return events
    .filter((e) =>
      typeof e !== 'string' || e.startsWith('-')
        ? false
        : e.endsWith('.*')
          ? !OPENAI_SERVER_EVENTS.some((k) => k.startsWith(e.slice(0, -2)))
          : !OPENAI_SERVER_EVENTS.includes(e),
    )
    .map((e) => `event ${String(e)} is never sent to the eventHook`);
}

/** The feature server's refusals for one llm verb, in its own words; [] when it would run. */
export function llmRuntimeProblems(verb: Obj): string[] {
  const auth: Obj = verb.auth ?? {};
  const options: Obj = verb.llmOptions ?? {};
  const problems: string[] = [];
  switch (verb.vendor) {
    case 'openai':
    case 'microsoft':
      if (!auth.apiKey) problems.push('auth.apiKey is required for OpenAI S2S');
      if (verb.vendor === 'microsoft' && !verb.connectOptions?.host)
        problems.push('connectionOptions.host is required for Microsoft OpenAI S2S');
      if (typeof options.response_create !== 'object' || options.response_create === null) {
        problems.push('llmOptions with an initial response.create is required for OpenAI S2S');
      }
      problems.push(...openAiEventProblems(verb));
      // _onServerEvent: a function call without a toolHook is only logged ("no toolHook defined!"): the model waits forever
      if ((options.session_update?.tools?.length ?? 0) > 0 && !verb.toolHook) problems.push('tools are given but no toolHook is defined');
      break;
    case 'ultravox':
      if (!auth.apiKey) problems.push('auth.apiKey is required for Vendor: Ultravox');
      break;
    case 'elevenlabs':
      if (!auth.agent_id) problems.push('auth.agent_id is required for Elevenlabs S2S');
      break;
    case 'google':
      if (!auth.apiKey) problems.push('auth.apiKey is required for Google S2S');
      if (typeof options.setup !== 'object') problems.push('llmOptions with an initial setup is required for Google S2S');
      break;
    case 'voiceagent':
    case 'deepgram': {
      if (!auth.apiKey) problems.push('auth.apiKey is required for VoiceAgent S2S');
      const think = options.Settings?.agent?.think;
      if (!think?.provider?.model || !think?.provider?.type)
        problems.push('llmOptions.Settings.agent.think.provider is required for VoiceAgent S2S');
      break;
    }
    default:
      problems.push(`Unsupported vendor ${verb.vendor} for LLM`);
  }
  for (const hook of ['actionHook', 'eventHook', 'toolHook'] as const) problems.push(...hookProblems(hook, verb[hook]));
  return problems;
}

function hookProblems(name: string, hook: unknown): string[] {
  if (hook === undefined) return [];
  const url = typeof hook === 'string' ? hook : (hook as Obj)?.url;
  if (typeof url !== 'string' || !(/^(https?|wss?):\/\//.test(url) || url.startsWith('/')))
    return [`${name} is not an absolute or relative URL`];
  return [];
}

function dialProblems(verb: Obj): string[] {
  return (verb.target as Obj[]).flatMap((t) => {
    if (t.type === 'phone' && !t.number) return ['a phone target needs number'];
    if (t.type === 'sip' && !t.sipUri) return ['a sip target needs sipUri'];
    if (t.type === 'user' && !t.name) return ['a user target needs name'];
    return [];
  });
}

/** Everything a real Jambonz would refuse in this answer; [] when it would run it. */
export function jambonzRefusals(verbs: JambonzVerb[]): string[] {
  try {
    validate(quiet, verbs);
  } catch (err) {
    return [`verb-specifications: ${(err as Error).message}`];
  }
  if (!Array.isArray(verbs) || verbs.length === 0) return ['no application provided'];
  return verbs.flatMap((v: Obj) => {
    if (v.verb === 'llm') return llmRuntimeProblems(v);
    if (v.verb === 'dial') return [...dialProblems(v), ...hookProblems('actionHook', v.actionHook)];
    return [];
  });
}

/**
 * Why the feature server would not hand a tool hook's answer to the model: TaskLlm.sendToolHook passes
 * it to the vendor's processToolOutput, which for openai and microsoft (openai_s2s.js) sends only a
 * `conversation.item.create` and logs anything else as "invalid tool output"; OpenAI then needs a
 * function_call_output item naming the call it answers.
 */
export function toolAnswerProblems(vendor: string, toolCallId: string, answer: Obj): string[] {
  if (vendor !== 'openai' && vendor !== 'microsoft') return [`no tool answer check for vendor ${vendor}`];
  if (answer?.type !== 'conversation.item.create') return ['invalid tool output, must be conversation.item.create'];
  const item: Obj = answer.item ?? {};
  const problems: string[] = [];
  if (item.type !== 'function_call_output') problems.push('the item is not a function_call_output');
  if (item.call_id !== toolCallId) problems.push(`the item answers call ${item.call_id}, not ${toolCallId}`);
  if (typeof item.output !== 'string') problems.push('the output is not a string');
  return problems;
}
