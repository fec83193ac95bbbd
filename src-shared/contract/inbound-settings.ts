import { z } from 'zod';
import { channel } from './define';
import { Id, Price } from './common';

/**
 * A company's inbound AI settings: its own realtime model and key (or the site's), the Jambonz webhook
 * secret its signatures are checked with, Jambonz's REST API (live transfers, recordings), whether
 * calls are recorded, and the price of AI minutes. Secrets go in and never come back: the console
 * sees whether each is set and its last four characters.
 */

/** The `llm` vendors DialDesk builds for, as jambonz-feature-server lib/tasks/llm/index.js names them. */
export const LLM_VENDORS = ['openai', 'microsoft'] as const;
export type LlmVendor = (typeof LLM_VENDORS)[number];

export interface SecretStatusDto {
  set: boolean;
  /** "…abcd" */
  hint: string | null;
  /** false: set, but sealed where this process cannot open it (the desktop app's keychain, seen from serve) */
  readable: boolean;
}

export type InboundWarningCode =
  'llm_key_missing' | 'llm_key_unreadable' | 'llm_host_missing' | 'transfers_need_jambonz_api' | 'recordings_need_jambonz_api';

/** Something that makes calls go worse than set up; shown on the inbound pages and in previews. */
export interface InboundWarning {
  code: InboundWarningCode;
  /** in English, as the CLI prints it; the console words it by code and the fields below in other languages */
  message: string;
  /** the model's vendor and whose model it is, for the model key warnings */
  vendor?: LlmVendor;
  source?: 'company' | 'site';
}

export interface InboundSettingsDto {
  companyId: number;
  /** null: the site's model and key */
  llmVendor: LlmVendor | null;
  llmModel: string | null;
  /** an Azure OpenAI resource's host, for vendor microsoft */
  llmHost: string | null;
  llmApiKey: SecretStatusDto;
  webhookSecret: SecretStatusDto;
  /** Jambonz's REST API base, ending in /v1 */
  jambonzApiUrl: string | null;
  jambonzApiKey: SecretStatusDto;
  recordCalls: boolean;
  /** minor units per started minute of an AI-answered inbound call; 0: free */
  aiCostPerMinute: number;
  /** what seals secrets here: the system's keychain or a key file */
  sealedWith: string;
  warnings: InboundWarning[];
}

const Secret = (what: string) =>
  z.string().trim().min(8, `${what} has at least 8 characters`).max(500, `${what} is at most 500 characters`);
const Host = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/, 'a host name such as myresource.openai.azure.com');
export const LlmModel = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:/-]{1,100}$/, 'a model id such as gpt-4o-realtime-preview-2024-12-17');
export const JambonzApiUrl = z
  .url({ protocol: /^https?$/, error: 'the Jambonz REST API is an http(s) URL such as https://jambonz.example.com/api/v1' })
  .max(500);

export const InboundSettingsPatch = z
  .object({
    companyId: Id,
    llmVendor: z.enum(LLM_VENDORS).nullable().optional(),
    llmModel: LlmModel.nullable().optional(),
    llmHost: Host.nullable().optional(),
    llmApiKey: Secret('an API key').nullable().optional(),
    webhookSecret: Secret('a webhook secret').nullable().optional(),
    jambonzApiUrl: JambonzApiUrl.nullable().optional(),
    jambonzApiKey: Secret('a Jambonz API key').nullable().optional(),
    recordCalls: z.boolean().optional(),
    aiCostPerMinute: Price.optional(),
  })
  .strict();
export type InboundSettingsPatch = z.output<typeof InboundSettingsPatch>;

export const inboundSettingsChannels = {
  /** the company's settings; secrets as set / not set and their last four characters */
  'inbound.settings': channel<InboundSettingsDto>()(z.object({ companyId: Id }).strict()),
  'inbound.updateSettings': channel<InboundSettingsDto>()(InboundSettingsPatch),
  /** what makes this company's inbound calls go worse than set up, for every page that sets them up */
  'inbound.warnings': channel<InboundWarning[]>()(z.object({ companyId: Id }).strict()),
};
