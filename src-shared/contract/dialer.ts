import { z } from 'zod';
import { channel } from './define';
import { Id, Money, Slug } from './common';
import { PhoneInput, ScenarioKey } from './setup';
import { CALL_STATUSES } from '../statuses';
import { ErrorEnvelope } from './http-error';

/**
 * The dialer's half of the HTTP port (DESIGN.md §4): snake_case JSON, validated by these schemas,
 * and the same schemas generate /api/v1/openapi.json. The `.meta({ id })` names become the
 * document's component schemas.
 */

export const DIALER_ID_RULES = 'a dialer id is 1 to 64 letters, digits, dots, colons, underscores or hyphens';
export const DialerId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, DIALER_ID_RULES);
/** Batch ids are UUIDs we hand out; anything else cannot match a lease. */
export const BatchId = z.string().min(1).max(64);

export const BLOCKED_REASONS = [
  'outside_schedule',
  'insufficient_balance',
  'company_inactive',
  'no_active_scenarios',
  'pool_exhausted',
  'paused',
] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

export const NextBatchQuery = z.object({
  company: Slug,
  size: z.coerce.number().int().min(1, 'size is 1 to 1000').max(1000, 'size is 1 to 1000').default(100),
  dialer: DialerId.default('default'),
});

const Iso = z.string().describe('ISO 8601 time, UTC');

export const NextBatchAnswer = z
  .object({
    company: z.string(),
    /** null when nothing was leased (blocked) */
    batch_id: z.string().nullable(),
    lease_expires_at: Iso.nullable(),
    numbers: z.array(
      z.object({
        number_id: z.number().int(),
        phone: z.string(),
        /** a first call, a retry under a recycling rule, or a callback the callee asked for */
        kind: z.enum(['fresh', 'recycled', 'callback']),
        /** only for a callback: when it was asked for, and the agent it is for (null: anyone) */
        callback: z
          .object({
            callback_id: z.number().int(),
            due_at: Iso,
            agent: z.object({ id: z.number().int(), name: z.string(), extension: z.string() }).nullable(),
          })
          .optional(),
      }),
    ),
    blocked: z.object({ reason: z.enum(BLOCKED_REASONS), next_open_at: Iso.nullable() }).nullable(),
    active_scenarios: z.array(z.object({ id: z.number().int(), key: z.string(), name: z.string() })),
    outbound_lines: z.array(z.object({ id: z.number().int(), phone: z.string(), name: z.string() })),
    inbound_agents: z.array(z.object({ id: z.number().int(), name: z.string(), extension: z.string() })),
    outbound_agents: z.array(z.object({ id: z.number().int(), name: z.string(), extension: z.string() })),
    wallet: z.object({
      balance: z.number().int(),
      currency: z.string(),
      cost_per_billable: z.number().int(),
      billing_mode: z.enum(['per_call', 'per_minute']),
      cost_per_minute: z.number().int(),
    }),
  })
  .meta({ id: 'NextBatch' });
export type NextBatchAnswer = z.infer<typeof NextBatchAnswer>;

export const MAX_TRANSCRIPT = 200_000;
export const MAX_DATA_JSON = 64 * 1024;

const resultFields = {
  call_id: z.string().trim().min(1, 'call_id is required').max(128, 'call_id is at most 128 characters'),
  phone: PhoneInput.optional(),
  number_id: Id.optional(),
  batch_id: BatchId.optional(),
  scenario: ScenarioKey,
  outbound_line_id: Id.nullable().optional(),
  agent_id: Id.nullable().optional(),
  status: z.enum(CALL_STATUSES),
  started_at: z.iso.datetime({ offset: true, message: 'started_at is an ISO 8601 time such as 2026-03-02T10:00:00Z' }),
  duration_s: z.number().int().min(0, 'duration_s is 0 or more').max(86_400, 'duration_s is at most a day'),
  recording_url: z
    .url({ protocol: /^https?$/, message: 'recording_url is an http(s) URL' })
    .max(2000)
    .nullable()
    .optional(),
  transcript: z.string().max(MAX_TRANSCRIPT, `a transcript is at most ${MAX_TRANSCRIPT} characters`).nullable().optional(),
  data: z
    .record(z.string(), z.unknown())
    .refine((d) => JSON.stringify(d).length <= MAX_DATA_JSON, `data is at most ${MAX_DATA_JSON} bytes of JSON`)
    .nullable()
    .optional(),
  /** the callee asked to be called back then (within 90 days); the agent_id, if any, is who they asked for */
  callback_at: z.iso
    .datetime({ offset: true, message: 'callback_at is an ISO 8601 time such as 2026-03-05T15:00:00Z' })
    .nullable()
    .optional(),
};
const hasPhoneOrNumberId = (r: { phone?: string; number_id?: number }) => r.phone !== undefined || r.number_id !== undefined;
const phoneOrNumberId = { message: 'give the phone or the number_id of the call', path: ['phone'] };

export const ResultItem = z.object(resultFields).strict().refine(hasPhoneOrNumberId, phoneOrNumberId).meta({ id: 'ResultItem' });
export type ResultItem = z.infer<typeof ResultItem>;

export const ReportResultBody = z
  .object({ company: Slug, ...resultFields })
  .strict()
  .refine(hasPhoneOrNumberId, phoneOrNumberId);

export const ResultAnswer = z.object({ result_id: z.number().int(), charged: Money, wallet_balance: Money }).meta({ id: 'ResultAnswer' });
export type ResultAnswer = z.infer<typeof ResultAnswer>;

export const MAX_RESULTS_PER_REQUEST = 1000;
export const ReportResultsBody = z
  .object({
    company: Slug,
    results: z
      .array(ResultItem)
      .min(1, 'results has at least one item')
      .max(MAX_RESULTS_PER_REQUEST, `results has at most ${MAX_RESULTS_PER_REQUEST} items`),
  })
  .strict();

export const ResultOutcome = z
  .object({
    index: z.number().int(),
    call_id: z.string(),
    outcome: z.enum(['created', 'replayed', 'rejected']),
    /** what report-result would have answered for this item alone: 201, 200, 400, 404 or 409 */
    http_status: z.number().int(),
    result_id: z.number().int().nullable(),
    charged: Money.nullable(),
    wallet_balance: Money.nullable(),
    error: ErrorEnvelope.shape.error.nullable(),
  })
  .meta({ id: 'ResultOutcome' });
export type ResultOutcome = z.infer<typeof ResultOutcome>;

export const ReportResultsAnswer = z.object({
  created: z.number().int(),
  replayed: z.number().int(),
  rejected: z.number().int(),
  wallet_balance: Money,
  results: z.array(ResultOutcome),
});
export type ReportResultsAnswer = z.infer<typeof ReportResultsAnswer>;

export const RegisterScenariosBody = z
  .object({
    company: Slug,
    scenarios: z
      .array(
        z
          .object({
            key: ScenarioKey,
            name: z.string().trim().min(1, 'a scenario needs a name').max(120),
            description: z.string().trim().max(2000).optional(),
          })
          .strict(),
      )
      .min(1, 'scenarios has at least one item')
      .max(500, 'scenarios has at most 500 items')
      .refine((list) => new Set(list.map((s) => s.key)).size === list.length, 'each scenario key appears once'),
  })
  .strict();

export const RegisterScenariosAnswer = z.object({
  scenarios: z.array(
    z.object({
      id: z.number().int(),
      key: z.string(),
      name: z.string(),
      description: z.string(),
      active: z.boolean(),
      created: z.boolean(),
    }),
  ),
});

export const ReleaseBody = z
  .object({
    company: Slug,
    batch_id: BatchId,
    number_ids: z.array(Id).min(1).max(1000).optional(),
  })
  .strict();
export const ReleaseAnswer = z.object({ released: z.number().int() });

// ---- the console's view of the dialers (IPC) --------------------------------------------------

/** Why a company's dialers get no numbers right now, and when that ends if the schedule says (BLOCKED_REASONS). */
export interface DialingBlock {
  reason: BlockedReason;
  /** when the company's hours open next (outside_schedule); null when no date is known */
  nextOpenAt: string | null;
}

export interface DialerDto {
  companyId: number;
  dialerId: string;
  address: string;
  lastSeenAt: string;
  batches: number;
  results: number;
  liveLeases: number;
  /** why this dialer's next ask would get no numbers, by next-batch's own rules; null: it would get some */
  blocked: DialingBlock | null;
}

export interface DialingState {
  companyId: number;
  blocked: DialingBlock | null;
  /** when it was worked out */
  at: string;
}

export const dialersChannels = {
  /** the dialers this process has heard from since it started, in the order of their ids */
  'dialers.list': channel<DialerDto[]>()(z.object({ companyId: Id }).strict()),
  /** whether the company's dialers would get numbers now, by next-batch's rules, and if not why */
  'dialers.state': channel<DialingState>()(z.object({ companyId: Id }).strict()),
};
