import type { JambonzVerb } from '../../../../src-shared/contract/inbound';
import type { LlmConnection } from './connection';

/**
 * The `llm` verb for OpenAI's realtime models, directly (vendor openai) or on Azure (vendor
 * microsoft), and what comes back through its hooks. Read from jambonz-feature-server
 * lib/tasks/llm/llms/openai_s2s.js (TaskLlmOpenAI_S2S):
 * - llmOptions.response_create is required and sent first as `response.create`; session_update
 *   follows as `session.update` (_sendInitialMessage), so tools go in session_update;
 * - a `function_call` output item is sent to toolHook as { tool_call_id, name, args }
 *   (_onServerEvent → TaskLlm.sendToolHook), and the hook's JSON answer goes back to the model only
 *   when its `type` is "conversation.item.create" (processToolOutput);
 * - every server event named in `events` is POSTed to eventHook (TaskLlm.sendEventHook);
 * - when the session ends (the caller hung up, the model failed, or a REST redirect killed it) the
 *   actionHook gets the call's details plus completion_reason (Task.performAction), and a verb array
 *   it answers replaces what was left of the application.
 */

// OpenAI's realtime sessions accept a sampling temperature between 0.6 and 1.2 only.
const REALTIME_TEMPERATURE = { min: 0.6, max: 1.2 };
const clampTemperature = (t: number) => Math.min(REALTIME_TEMPERATURE.max, Math.max(REALTIME_TEMPERATURE.min, t));

/**
 * The server events that carry what was said: the caller's words once transcribed, the agent's once
 * spoken, and errors. Only these are asked for: every other event would be one more webhook a second.
 */
export const TRANSCRIPT_EVENTS = [
  'conversation.item.input_audio_transcription.completed',
  'response.audio_transcript.done',
  'error',
] as const;

export interface LlmTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface LlmVerbInput {
  instructions: string;
  /** what the model is told to say first */
  opening: string;
  voice: string | null;
  temperature: number;
  tools: LlmTool[];
  hooks: { action: string; event: string; tool: string | null } | null;
}

export function openAiLlmVerb(c: LlmConnection, input: LlmVerbInput): JambonzVerb {
  const voice = input.voice ? { voice: input.voice } : {};
  const temperature = clampTemperature(input.temperature);
  const tools = input.tools.map((t) => ({ type: 'function', ...t }));
  return {
    verb: 'llm',
    vendor: c.vendor,
    model: c.model,
    auth: { apiKey: c.apiKey },
    // Azure's realtime endpoint lives on the resource's own host (openai_s2s.js: get host / get path)
    ...(c.vendor === 'microsoft' && { connectOptions: { host: c.host } }),
    ...(input.hooks && {
      actionHook: input.hooks.action,
      eventHook: input.hooks.event,
      events: [...TRANSCRIPT_EVENTS],
      ...(input.hooks.tool && tools.length > 0 && { toolHook: input.hooks.tool }),
    }),
    llmOptions: {
      response_create: { modalities: ['text', 'audio'], instructions: `${input.instructions}\n\n${input.opening}`, ...voice, temperature },
      session_update: {
        instructions: input.instructions,
        ...voice,
        temperature,
        input_audio_transcription: { model: 'whisper-1' },
        turn_detection: { type: 'server_vad' },
        ...(tools.length > 0 && { tools, tool_choice: 'auto' }),
      },
    },
  };
}

/** The answer to a tool hook the model receives (platform.openai.com/docs/guides/realtime: function_call_output). */
export function openAiToolOutput(toolCallId: string, output: unknown): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'function_call_output', call_id: toolCallId, output: JSON.stringify(output) },
  };
}

/** A line of the transcript from one server event, or null for events that say nothing. */
export function transcriptLine(event: { type?: unknown; transcript?: unknown; error?: unknown }): string | null {
  const text = typeof event.transcript === 'string' ? event.transcript.trim() : '';
  switch (event.type) {
    case 'conversation.item.input_audio_transcription.completed':
      return text ? `caller: ${text}` : null;
    case 'response.audio_transcript.done':
      return text ? `agent: ${text}` : null;
    case 'error': {
      const message = (event.error as { message?: unknown } | undefined)?.message;
      return `[the AI session reported an error${typeof message === 'string' ? `: ${message.slice(0, 300)}` : ''}]`;
    }
    default:
      return null;
  }
}
