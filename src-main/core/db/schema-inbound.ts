import type { Generated } from 'kysely';

/** Kysely's view of the inbound call tables (migrations 0015-0017, DESIGN.md §9). Times: epoch ms. Money: minor units. */

/** migrations/0015_inbound_settings.ts: a company's inbound AI settings (its secrets are in core/secrets) */
export interface InboundSettingsTable {
  company_id: number;
  llm_vendor: 'openai' | 'microsoft' | null;
  llm_model: string | null;
  llm_host: string | null;
  ai_cost_per_minute: Generated<number>;
  jambonz_api_url: string | null;
  record_calls: Generated<number>;
  updated_at: number;
}

/** migrations/0017_inbound_calls.ts: the Jambonz side of an inbound call, beside its call_results row */
export interface InboundCallsTable {
  call_result_id: number;
  company_id: number;
  call_sid: string;
  inbound_number_id: number | null;
  did: string;
  caller: string;
  caller_name: string | null;
  account_sid: string | null;
  call_status: string;
  answered_by_ai: Generated<number>;
  started_at: number;
  ai_ended_at: number | null;
  ended_at: number | null;
  closed_by: 'jambonz' | 'sweep' | null;
  last_hook_at: number;
  transfer_department: string | null;
  transfer_target: string | null;
  transfer_state: string | null;
  leg_call_sid: string | null;
  leg_status: string | null;
  leg_duration_s: number | null;
  ai_seconds: number | null;
  charged_at: number | null;
}

export interface InboundHooksTable {
  call_sid: string;
  hash: string;
  at: number;
}
