import type { InboundLookup, JambonzVerb } from '../../../src-shared/contract/inbound';
import type { LlmConnection } from './llm-settings';

/**
 * The Jambonz application a call to one DID runs, as the verb array a call webhook answers.
 * Verb shapes follow @jambonz/verb-specifications (specs.json: say, dial, target, hangup, llm,
 * synthesizer), which the tests run every array through; the `llm` options follow jambonz's OpenAI
 * speech-to-speech example (github.com/jambonz/openai-s2s-example, lib/routes/openai-s2s.js) and the
 * feature server's task for it (lib/tasks/llm/llms/openai_s2s.js: `response_create` is sent first,
 * then `session_update`).
 */
export function callVerbs(lookup: InboundLookup, llm: LlmConnection): JambonzVerb[] {
  return lookup.open ? openVerbs(lookup, llm) : closedVerbs(lookup);
}

/** In hours: the AI agent if there is one, and a person at the support number after it (or instead). */
export function openVerbs(lookup: InboundLookup, llm: LlmConnection): JambonzVerb[] {
  if (!lookup.ai_agent) {
    if (lookup.support_number) {
      return [say(lookup, `Thank you for calling ${lookup.display_name}. Connecting you now.`), dial(lookup.support_number)];
    }
    return [
      say(lookup, `Thank you for calling ${lookup.display_name}. Nobody can take your call right now. Please call again later. Goodbye.`),
      hangup(),
    ];
  }
  // Jambonz runs the verbs in order and drops the rest once the caller hangs up, so what follows the
  // agent only runs when the AI session itself ended (the model's service failed or closed): then a
  // person at the support line takes over rather than the caller hearing silence.
  return [llmVerb(lookup, llm), lookup.support_number ? dial(lookup.support_number) : hangup()];
}

/** Out of hours: say so (and when we open), then the support line or goodbye. */
export function closedVerbs(lookup: InboundLookup): JambonzVerb[] {
  return [say(lookup, lookup.closed_message), lookup.support_number ? dial(lookup.support_number) : hangup()];
}

// OpenAI's realtime sessions accept a sampling temperature between 0.6 and 1.2 only.
const REALTIME_TEMPERATURE = { min: 0.6, max: 1.2 };
const clampTemperature = (t: number) => Math.min(REALTIME_TEMPERATURE.max, Math.max(REALTIME_TEMPERATURE.min, t));

function llmVerb(lookup: InboundLookup, llm: LlmConnection): JambonzVerb {
  const agent = lookup.ai_agent!;
  const instructions = agentInstructions(lookup);
  const greeting = agent.greeting
    ? `Start the call by saying exactly: "${agent.greeting}"`
    : `Start the call by greeting the caller on behalf of ${lookup.display_name} and asking how you can help.`;
  // a number's voice override with its own speech vendor is for spoken messages; the model keeps the agent's voice
  const modelVoice = lookup.voice.vendor === null ? lookup.voice.voice : agent.voice;
  const voice = modelVoice ? { voice: modelVoice } : {};
  const temperature = clampTemperature(agent.temperature);
  return {
    verb: 'llm',
    vendor: llm.vendor,
    model: llm.model,
    ...(llm.apiKey ? { auth: { apiKey: llm.apiKey } } : {}),
    llmOptions: {
      response_create: { modalities: ['text', 'audio'], instructions: `${instructions}\n\n${greeting}`, ...voice, temperature },
      session_update: {
        instructions,
        ...voice,
        temperature,
        input_audio_transcription: { model: 'whisper-1' },
        turn_detection: { type: 'server_vad' },
      },
    },
  };
}

/**
 * The agent's own prompt, plus what this number adds: the language to speak, and the departments a
 * caller may need with their direct numbers, so the agent can tell callers where to reach them.
 */
export function agentInstructions(lookup: InboundLookup): string {
  const agent = lookup.ai_agent!;
  const parts = [agent.system_prompt.trim(), `You answer calls to ${lookup.display_name}. Speak the language ${lookup.voice.language}.`];
  if (lookup.departments.length > 0) {
    const lines = lookup.departments.map((d) => `- ${d.name}${d.description ? ` (${d.description})` : ''}: ${d.transfer_number}`);
    parts.push(`When a caller needs one of these departments, tell them its direct number:\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

function say(lookup: InboundLookup, text: string): JambonzVerb {
  const { vendor, voice, language } = lookup.voice;
  // without a vendor the Jambonz application's own default voice speaks (a synthesizer needs `vendor`)
  return vendor ? { verb: 'say', text, synthesizer: { vendor, language, ...(voice ? { voice } : {}) } } : { verb: 'say', text };
}

function dial(number: string): JambonzVerb {
  // answerOnBridge: the caller's leg is answered only when the support line picks up
  return { verb: 'dial', answerOnBridge: true, target: [{ type: 'phone', number }] };
}

const hangup = (): JambonzVerb => ({ verb: 'hangup' });
