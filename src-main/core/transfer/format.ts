import { z } from 'zod';
import { Slug } from '../../../src-shared/contract/common';
import { CompanyFields } from '../../../src-shared/contract/companies';
import { AGENT_TYPES, Extension, ScenarioKey } from '../../../src-shared/contract/setup';
import { LanguageTag, Temperature, VoiceName } from '../../../src-shared/contract/inbound';
import { ScheduleException, ScheduleWindow } from '../../../src-shared/contract/schedule';

/**
 * The company file, format "dialdesk.company", version 1: a company's setup, to move it to another
 * console (or keep a copy of it). JSON, snake_case keys like the HTTP API, UTF-8.
 *
 *   {
 *     "format": "dialdesk.company", "version": 1,
 *     "exported_at": "2026-03-02T10:00:00.000Z", "exported_by": "DialDesk 0.1.0",
 *     "company": { slug, name, timezone, currency, is_active, billing_mode, cost_per_billable,
 *                  cost_per_minute, low_balance_threshold, default_country? },  money in minor units
 *     "scenarios": [ { key, name, description, is_active } ],
 *     "outbound_lines": [ { phone (E.164), name, is_active } ],
 *     "agents": [ { name, extension, type: "inbound" | "outbound", is_active } ],
 *     "schedule": { "windows": [ { day: "mon".."sun", start: "HH:MM", end: "HH:MM" } ],
 *                   "exceptions": [ { date: "YYYY-MM-DD", closed, start?, end?, note? } ] },
 *     "ai_agents": [ { name, system_prompt, greeting, language, voice, temperature, is_active } ],
 *     "inbound_numbers": [ { phone, display_name, ai_agent (index into ai_agents, or null),
 *                            support_number, departments: [ { name, transfer_number, description, hours? } ],
 *                            voice_settings: { vendor?, voice?, language?, closed_message? }, is_active } ]
 *   }
 *
 * Deliberately NOT in the file: the number pool, call results, the ledger and wallet balance, users
 * and API keys. Those belong to the console they were made on (money and history stay where they
 * happened; keys and passwords never travel). Rows refer to each other by position, not by id, so
 * the file means the same thing on any console. Lists are in the order the rows were created.
 */
export const COMPANY_FILE_FORMAT = 'dialdesk.company';
export const COMPANY_FILE_VERSION = 1;

const E164 = z.string().regex(/^\+[1-9]\d{5,14}$/, 'a phone number in E.164 form, such as +49301234567');
const Text = (max: number) => z.string().max(max, `at most ${max} characters`);
const Name = z.string().trim().min(1, 'a name is required').max(120, 'at most 120 characters');

/** where a call is sent: E.164, an extension's digits or a SIP URI (core/phone/phone.ts, readDialTarget) */
const DialTarget = z.string().min(2).max(200);
const Department = z
  .object({
    name: z.string().trim().min(1).max(80),
    transfer_number: DialTarget,
    description: Text(500),
    hours: z
      .array(ScheduleWindow)
      .max(7 * 24)
      .optional(),
  })
  .strict();

const VoiceSettings = z
  .object({
    vendor: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9_:-]+$/i, 'a speech vendor id such as google')
      .optional(),
    voice: VoiceName.min(1).optional(),
    language: LanguageTag.optional(),
    closed_message: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();

export const CompanyFileV1 = z
  .object({
    format: z.literal(COMPANY_FILE_FORMAT),
    version: z.literal(COMPANY_FILE_VERSION),
    exported_at: z.string().datetime({ message: 'an ISO 8601 time' }),
    exported_by: Text(100).optional(),
    company: z
      .object({
        slug: Slug,
        name: CompanyFields.name,
        timezone: CompanyFields.timezone,
        currency: CompanyFields.currency,
        is_active: z.boolean(),
        billing_mode: CompanyFields.billingMode,
        cost_per_billable: CompanyFields.costPerBillable,
        cost_per_minute: CompanyFields.costPerMinute,
        low_balance_threshold: CompanyFields.lowBalanceThreshold,
        /** added after version 1's first files: absent means none */
        default_country: CompanyFields.defaultCountry.optional(),
      })
      .strict(),
    scenarios: z.array(z.object({ key: ScenarioKey, name: Name, description: Text(2000), is_active: z.boolean() }).strict()).max(1000),
    outbound_lines: z.array(z.object({ phone: E164, name: Name, is_active: z.boolean() }).strict()).max(1000),
    agents: z.array(z.object({ name: Name, extension: Extension, type: z.enum(AGENT_TYPES), is_active: z.boolean() }).strict()).max(5000),
    schedule: z.object({ windows: z.array(ScheduleWindow).max(7 * 24), exceptions: z.array(ScheduleException).max(1000) }).strict(),
    ai_agents: z
      .array(
        z
          .object({
            name: Name,
            system_prompt: Text(20_000),
            greeting: Text(1000),
            language: LanguageTag,
            voice: VoiceName,
            temperature: Temperature,
            is_active: z.boolean(),
          })
          .strict(),
      )
      .max(200),
    inbound_numbers: z
      .array(
        z
          .object({
            phone: E164,
            display_name: Text(120),
            ai_agent: z.number().int().nonnegative().nullable(),
            support_number: DialTarget.nullable(),
            departments: z.array(Department).max(20),
            voice_settings: VoiceSettings,
            is_active: z.boolean(),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict()
  .superRefine((file, ctx) => {
    /** keys with the index of their row in `path`; a key seen before is an issue on the later row */
    const unique = (entries: [number, string][], path: string, what: string) => {
      const seen = new Map<string, number>();
      for (const [i, k] of entries) {
        const earlier = seen.get(k);
        if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} ${k} is also ${path}.${earlier}` });
        else seen.set(k, i);
      }
    };
    unique(
      file.scenarios.map((s, i) => [i, s.key]),
      'scenarios',
      'the scenario key',
    );
    unique(
      file.outbound_lines.map((l, i) => [i, l.phone]),
      'outbound_lines',
      'the line',
    );
    unique(
      file.inbound_numbers.map((n, i) => [i, n.phone]),
      'inbound_numbers',
      'the inbound number',
    );
    // an extension rings one active agent at a time
    unique(
      file.agents.flatMap((a, i): [number, string][] => (a.is_active ? [[i, a.extension]] : [])),
      'agents',
      'the extension of an active agent',
    );
    file.inbound_numbers.forEach((n, i) => {
      if (n.ai_agent !== null && n.ai_agent >= file.ai_agents.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['inbound_numbers', i, 'ai_agent'],
          message: `refers to ai_agents.${n.ai_agent}, but the file has ${file.ai_agents.length} AI agents`,
        });
      }
    });
  });
export type CompanyFile = z.output<typeof CompanyFileV1>;
