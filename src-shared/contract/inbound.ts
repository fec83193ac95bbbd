import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';
import { PhoneInput, Region } from './setup';
import { ScheduleWindow } from './schedule';
import { inboundSettingsChannels, type InboundWarning } from './inbound-settings';
import { recordingChannels } from './recordings';

export * from './inbound-settings';
export * from './recordings';

/**
 * Inbound calls: AI voice agents per company, and the inbound numbers (DIDs) the telephony server
 * (Jambonz) asks about. What the server receives is in `InboundLookup` (snake_case, DESIGN.md §4).
 */

const Name = (what: string) => z.string().trim().min(1, `${what} needs a name`).max(120, 'a name is at most 120 characters');

/** BCP 47 language tag as speech vendors use them: en-US, de-DE, fa-IR, or just "de". */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language is a tag such as en-US or de-DE');
export const VoiceName = z.string().trim().max(120, 'a voice name is at most 120 characters');
export const Temperature = z.number().min(0, 'temperature is between 0 and 2').max(2, 'temperature is between 0 and 2');

export interface AiAgentDto {
  id: number;
  companyId: number;
  name: string;
  systemPrompt: string;
  greeting: string;
  language: string;
  voice: string;
  temperature: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

const AiAgentFields = {
  name: Name('an AI agent'),
  systemPrompt: z.string().trim().min(1, 'an AI agent needs a system prompt').max(20_000, 'the system prompt is at most 20000 characters'),
  greeting: z.string().trim().max(1000, 'the greeting is at most 1000 characters'),
  language: LanguageTag,
  voice: VoiceName,
  temperature: Temperature,
};

export const AiAgentCreateInput = z
  .object({
    companyId: Id,
    name: AiAgentFields.name,
    systemPrompt: AiAgentFields.systemPrompt,
    greeting: AiAgentFields.greeting.default(''),
    language: AiAgentFields.language.default('en-US'),
    voice: AiAgentFields.voice.default(''),
    temperature: AiAgentFields.temperature.default(0.7),
    isActive: z.boolean().default(true),
  })
  .strict();
export type AiAgentCreate = z.output<typeof AiAgentCreateInput>;

export const AiAgentUpdateInput = z
  .object({
    companyId: Id,
    id: Id,
    name: AiAgentFields.name.optional(),
    systemPrompt: AiAgentFields.systemPrompt.optional(),
    greeting: AiAgentFields.greeting.optional(),
    language: AiAgentFields.language.optional(),
    voice: AiAgentFields.voice.optional(),
    temperature: AiAgentFields.temperature.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type AiAgentUpdate = z.output<typeof AiAgentUpdateInput>;

/**
 * Where a live call is sent (a support line, a department): a phone number, national with the
 * company's default country or international; a short extension of the site's exchange ("8811001");
 * or a SIP address ("sip:sales@pbx.example.com"). The core reads it (core/phone/phone.ts, readDialTarget).
 */
export const DialTargetInput = z
  .string()
  .trim()
  .min(2, 'a phone number, extension or SIP address is required')
  .max(200, 'a phone number, extension or SIP address is at most 200 characters');

/**
 * A department the caller can be sent to: "Sales", +4930... (or 8811001, or sip:sales@pbx), "new
 * orders and quotes", and its own weekly hours in the company's time zone (none: the company's hours).
 */
export interface Department {
  name: string;
  transferNumber: string;
  description: string;
  hours: ScheduleWindow[];
}

export const DepartmentInput = z
  .object({
    name: z.string().trim().min(1, 'a department needs a name').max(80, 'a department name is at most 80 characters'),
    transferNumber: DialTargetInput,
    description: z.string().trim().max(500, 'a department description is at most 500 characters').default(''),
    hours: z
      .array(ScheduleWindow)
      .max(7 * 24, 'at most 168 windows')
      .default([]),
  })
  .strict();

/**
 * How this number sounds, overriding its AI agent: the speech vendor and voice for spoken messages
 * (Jambonz's `synthesizer`), the language, and an own closed-hours message.
 */
export interface VoiceSettings {
  vendor?: string;
  voice?: string;
  language?: string;
  closedMessage?: string;
}

export const VoiceSettingsInput = z
  .object({
    vendor: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9_:-]+$/i, 'vendor is a speech vendor id such as google or microsoft')
      .optional(),
    voice: VoiceName.min(1).optional(),
    language: LanguageTag.optional(),
    closedMessage: z.string().trim().min(1).max(1000, 'the closed message is at most 1000 characters').optional(),
  })
  .strict();

export interface InboundNumberDto {
  id: number;
  companyId: number;
  /** E.164 */
  phone: string;
  displayName: string;
  aiAgentId: number | null;
  supportNumber: string | null;
  departments: Department[];
  voiceSettings: VoiceSettings;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export const InboundCreateInput = z
  .object({
    companyId: Id,
    phone: PhoneInput,
    /** country of phone / supportNumber / transfer numbers written without a country code (default: the company's) */
    region: Region.optional(),
    displayName: z.string().trim().max(120).default(''),
    aiAgentId: Id.nullable().default(null),
    supportNumber: DialTargetInput.nullable().default(null),
    departments: z.array(DepartmentInput).max(20, 'at most 20 departments').default([]),
    voiceSettings: VoiceSettingsInput.default({}),
    isActive: z.boolean().default(true),
  })
  .strict();
export type InboundCreate = z.output<typeof InboundCreateInput>;

export const InboundUpdateInput = z
  .object({
    companyId: Id,
    id: Id,
    phone: PhoneInput.optional(),
    region: Region.optional(),
    displayName: z.string().trim().max(120).optional(),
    aiAgentId: Id.nullable().optional(),
    supportNumber: DialTargetInput.nullable().optional(),
    departments: z.array(DepartmentInput).max(20, 'at most 20 departments').optional(),
    voiceSettings: VoiceSettingsInput.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type InboundUpdate = z.output<typeof InboundUpdateInput>;

// ---- what the telephony server receives (snake_case, the HTTP API's convention) ------------------

export type ClosedReason = 'outside_schedule' | 'company_inactive';

/** `GET /api/v1/inbound/lookup/:did` */
export interface InboundLookup {
  did: string;
  display_name: string;
  company: { slug: string; name: string; timezone: string };
  open: boolean;
  closed_reason: ClosedReason | null;
  next_open_at: string | null;
  ai_agent: {
    id: number;
    name: string;
    system_prompt: string;
    greeting: string;
    language: string;
    voice: string;
    temperature: number;
  } | null;
  /** `open`: inside the department's own hours (or the company's, when it has none) */
  departments: { name: string; transfer_number: string; description: string; open: boolean }[];
  support_number: string | null;
  /** the voice to speak with: the number's override, else its AI agent's */
  voice: { vendor: string | null; voice: string | null; language: string };
  /** what is said to a caller outside opening hours */
  closed_message: string;
}

/** One Jambonz verb: `{ "verb": "say", ... }` (jambonz webhook API, "Basic JSON message structure"). */
export type JambonzVerb = { verb: string } & Record<string, unknown>;

export interface InboundPreview {
  lookup: InboundLookup;
  /** the verb arrays `POST /api/v1/inbound/jambonz/call` answers, in and out of hours */
  jambonz: { open: JambonzVerb[]; closed: JambonzVerb[] };
  /** which of the two a call now gets */
  now: 'open' | 'closed';
  /** what makes these calls go worse than set up (no model key: the AI is skipped) */
  warnings: InboundWarning[];
}

/** The realtime model the `llm` verb connects to; the key is site-wide and never shown again. */
export interface LlmSettingsDto {
  model: string;
  apiKeySet: boolean;
  /** the last four characters, to tell keys apart */
  apiKeyHint: string | null;
}

export const LlmSettingsPatch = z
  .object({
    model: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'model is a model id such as gpt-4o-realtime-preview-2024-12-17')
      .optional(),
    apiKey: z.string().trim().min(8, 'an API key has at least 8 characters').max(300).nullable().optional(),
  })
  .strict();

const OneOfCompany = z.object({ companyId: Id, id: Id }).strict();

export const inboundChannels = {
  'aiAgents.list': channel<AiAgentDto[]>()(z.object({ companyId: Id }).strict()),
  'aiAgents.create': channel<AiAgentDto>()(AiAgentCreateInput),
  'aiAgents.update': channel<AiAgentDto>()(AiAgentUpdateInput),
  'aiAgents.deactivate': channel<AiAgentDto>()(OneOfCompany),

  'inbound.list': channel<InboundNumberDto[]>()(z.object({ companyId: Id }).strict()),
  'inbound.create': channel<InboundNumberDto>()(InboundCreateInput),
  'inbound.update': channel<InboundNumberDto>()(InboundUpdateInput),
  'inbound.deactivate': channel<InboundNumberDto>()(OneOfCompany),
  /** exactly what the telephony server would receive for this DID at `at` (default: now) */
  'inbound.preview': channel<InboundPreview>()(
    z.object({ companyId: Id, id: Id, at: z.iso.datetime({ offset: true }).optional() }).strict(),
  ),
  'inbound.llmSettings': channel<LlmSettingsDto>()(z.object({}).strict()),
  'inbound.updateLlmSettings': channel<LlmSettingsDto>()(LlmSettingsPatch),
  ...inboundSettingsChannels,
  ...recordingChannels,
};
