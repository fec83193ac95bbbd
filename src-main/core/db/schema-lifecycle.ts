import type { Generated } from 'kysely';
import type { CallStatus } from '../../../src-shared/statuses';

/** Kysely's view of the number lifecycle's tables (migrations 0008-0013, DESIGN.md §8). Times: epoch ms. */

/** A named list of numbers (0008): a company's own, or the site pool's (company_id null). */
export interface NumberListsTable {
  id: Generated<number>;
  company_id: number | null;
  name: string;
  created_at: number;
  created_by: Generated<string>;
}

/** The lists a number is on besides its first (0008). */
export interface ListMembersTable {
  number_id: number;
  list_id: number;
}

/** A list a company switched off for itself (0008). */
export interface ListSwitchesTable {
  company_id: number;
  list_id: number;
  is_active: number;
  updated_at: number;
}

/** A company's recycling rule for one status (0009). */
export interface RecycleRulesTable {
  company_id: number;
  status: CallStatus;
  delay_minutes: number;
  max_retries: number;
  own_attempt: number;
  is_active: number;
  created_at: number;
  updated_at: number;
}

/** A retry waiting (0009). */
export interface RecyclesTable {
  company_id: number;
  number_id: number;
  status: CallStatus;
  due_at: number;
}

export type CallbackState = 'pending' | 'done' | 'cancelled';
/** A callee's request to be called back (0010). */
export interface CallbacksTable {
  id: Generated<number>;
  company_id: number;
  number_id: number;
  due_at: number;
  agent_id: number | null;
  state: CallbackState;
  asked_in_result_id: number | null;
  done_result_id: number | null;
  created_at: number;
  updated_at: number;
  updated_by: Generated<string>;
}

/** One distinct answer of the time-zone metadata (0011). */
export interface PhoneZonesTable {
  id: Generated<number>;
  zones: string;
}

export type AmbiguousZones = 'strictest' | 'company';
/** How a company's dialing follows the callee's clock (0011). */
export interface CompanyDialingTable {
  company_id: number;
  callee_local_hours: number;
  ambiguous_zones: AmbiguousZones;
  updated_at: number;
}

/** A company's (or the site's: company_id null) dialing paused (0012). */
export interface DialingPausesTable {
  id: Generated<number>;
  company_id: number | null;
  reason: string;
  paused_by: string;
  paused_at: number;
}

/** A phone on the site's (company_id null) or a company's do-not-call list (0013). */
export interface DncEntriesTable {
  id: Generated<number>;
  company_id: number | null;
  phone: string;
  source: Generated<string>;
  added_by: Generated<string>;
  added_at: number;
}
