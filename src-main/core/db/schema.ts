import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CallStatus, GlobalStatus } from '../../../src-shared/statuses';
import type { Role } from '../../../src-shared/roles';
import type { BillingMode } from '../../../src-shared/contract/companies';
import type {
  NumberListsTable,
  ListMembersTable,
  ListSwitchesTable,
  RecycleRulesTable,
  RecyclesTable,
  CallbacksTable,
  PhoneZonesTable,
  CompanyDialingTable,
  DialingPausesTable,
  DncEntriesTable,
} from './schema-lifecycle';
import type { InboundSettingsTable, InboundCallsTable, InboundHooksTable } from './schema-inbound';

export type {
  NumberListsTable,
  ListMembersTable,
  ListSwitchesTable,
  RecycleRulesTable,
  RecyclesTable,
  CallbackState,
  CallbacksTable,
  PhoneZonesTable,
  AmbiguousZones,
  CompanyDialingTable,
  DialingPausesTable,
  DncEntriesTable,
} from './schema-lifecycle';
export type { InboundSettingsTable, InboundCallsTable, InboundHooksTable } from './schema-inbound';
/** Kysely's view of migrations/0001_initial.ts. Times: epoch ms. Money: integer minor units. */
export interface CompaniesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  is_active: number;
  billing_mode: BillingMode;
  cost_per_billable: number;
  cost_per_minute: number;
  low_balance_threshold: number;
  wallet_balance: number;
  /** ISO 3166-1 alpha-2: how national numbers are read for this company (0007) */
  default_country: string | null;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: Role;
  /** the home company (where the user lands); always one of their user_companies; null for the superuser */
  company_id: number | null;
  is_active: Generated<number>;
  last_login_at: number | null;
  created_at: number;
}

/** Which companies a (non-superuser) user works for; their role applies in each. */
export interface UserCompaniesTable {
  user_id: number;
  company_id: number;
}

/** Failed sign-ins by the name typed (lowercase), whether or not such a user exists. */
export interface SignInAttemptsTable {
  username: string;
  failures: number;
  locked_until: number | null;
  last_failure_at: number;
}

export interface AgentsTable {
  id: Generated<number>;
  company_id: number;
  name: string;
  extension: string;
  type: 'inbound' | 'outbound';
  is_active: Generated<number>;
  created_at: number;
}

export interface ScenariosTable {
  id: Generated<number>;
  company_id: number;
  key: string;
  name: string;
  description: Generated<string>;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface OutboundLinesTable {
  id: Generated<number>;
  company_id: number;
  phone: string;
  name: string;
  is_active: Generated<number>;
  created_at: number;
}

export interface NumbersTable {
  id: Generated<number>;
  phone: string;
  global_status: Generated<GlobalStatus>;
  last_called_at: number | null;
  last_called_company_id: number | null;
  imported_at: number;
  source: Generated<string>;
  /** the list it first came in on (0008); null: no list (a caller that came in) */
  list_id: number | null;
  /** its time zones from Google's metadata (0011); null: not looked up yet */
  zone_id: number | null;
}

export interface LeasesTable {
  number_id: number;
  company_id: number;
  batch_id: string;
  dialer_id: string;
  leased_at: number;
  expires_at: number;
  /** the callback this lease hands out (0010) */
  callback_id: number | null;
}

export interface CompanyCallsTable {
  company_id: number;
  number_id: number;
  first_called_at: number;
  /** the company's calls to the number, first included (0009) */
  attempts: Generated<number>;
  last_status: CallStatus | null;
  last_called_at: number | null;
  /** 1 once one of its calls was answered (0009) */
  answered: Generated<number>;
}

export interface CallResultsTable {
  id: Generated<number>;
  company_id: number;
  /** null: an inbound call from a withheld caller (0009); `phone` then keeps what the caller sent */
  number_id: number | null;
  phone: string;
  scenario_id: number | null;
  outbound_line_id: number | null;
  agent_id: number | null;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  started_at: number;
  duration_s: number;
  call_id: string;
  request_hash: string;
  amount_charged: number;
  recording_url: string | null;
  transcript: string | null;
  data: string | null;
  dialer_id: string | null;
  batch_id: string | null;
  created_at: number;
  /** migration 0002: the balance the first answer reported, so a replay answers the same */
  wallet_balance_after: number | null;
}

export type LedgerKind = 'topup' | 'charge' | 'refund' | 'adjustment';
export interface LedgerEntriesTable {
  id: Generated<number>;
  company_id: number;
  amount: number;
  kind: LedgerKind;
  call_result_id: number | null;
  note: Generated<string>;
  user_id: number | null;
  balance_after: number;
  created_at: number;
}

export interface ScheduleWindowsTable {
  id: Generated<number>;
  company_id: number;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface ScheduleExceptionsTable {
  id: Generated<number>;
  company_id: number;
  date: string;
  closed: number;
  start_minute: number | null;
  end_minute: number | null;
  note: Generated<string>;
}

export interface AiAgentsTable {
  id: Generated<number>;
  company_id: number;
  name: string;
  system_prompt: string;
  greeting: string;
  language: string;
  voice: string;
  temperature: number;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface InboundNumbersTable {
  id: Generated<number>;
  company_id: number;
  phone: string;
  display_name: string;
  ai_agent_id: number | null;
  support_number: string | null;
  departments: string;
  voice_settings: string;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  company_id: number | null;
  key_hash: string;
  prefix: string;
  scopes: string;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  actor: string;
  company_id: number | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: string | null;
  after: string | null;
}

export interface SiteSettingsTable {
  key: string;
  value: string;
}

export interface CallStatsTable {
  company_id: number;
  bucket: number;
  scenario_id: number;
  outbound_line_id: number;
  agent_id: number;
  status: CallStatus;
  calls: number;
  duration_s: number;
  cost: number;
}

export interface Database {
  companies: CompaniesTable;
  users: UsersTable;
  user_companies: UserCompaniesTable;
  sign_in_attempts: SignInAttemptsTable;
  agents: AgentsTable;
  scenarios: ScenariosTable;
  outbound_lines: OutboundLinesTable;
  numbers: NumbersTable;
  leases: LeasesTable;
  company_calls: CompanyCallsTable;
  call_results: CallResultsTable;
  ledger_entries: LedgerEntriesTable;
  schedule_windows: ScheduleWindowsTable;
  schedule_exceptions: ScheduleExceptionsTable;
  ai_agents: AiAgentsTable;
  inbound_numbers: InboundNumbersTable;
  inbound_settings: InboundSettingsTable;
  inbound_calls: InboundCallsTable;
  inbound_hooks: InboundHooksTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  site_settings: SiteSettingsTable;
  call_stats: CallStatsTable;
  number_lists: NumberListsTable;
  list_members: ListMembersTable;
  list_switches: ListSwitchesTable;
  recycle_rules: RecycleRulesTable;
  recycles: RecyclesTable;
  callbacks: CallbacksTable;
  phone_zones: PhoneZonesTable;
  company_dialing: CompanyDialingTable;
  dialing_pauses: DialingPausesTable;
  dnc_entries: DncEntriesTable;
}

export type CompanyRow = Selectable<CompaniesTable>;
export type NewCompanyRow = Insertable<CompaniesTable>;
export type CompanyUpdateRow = Updateable<CompaniesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type AgentRow = Selectable<AgentsTable>;
export type NewAgentRow = Insertable<AgentsTable>;
export type ScenarioRow = Selectable<ScenariosTable>;
export type NewScenarioRow = Insertable<ScenariosTable>;
export type OutboundLineRow = Selectable<OutboundLinesTable>;
export type NewOutboundLineRow = Insertable<OutboundLinesTable>;
export type NumberRow = Selectable<NumbersTable>;
export type NewNumberRow = Insertable<NumbersTable>;
export type LeaseRow = Selectable<LeasesTable>;
export type CallResultRow = Selectable<CallResultsTable>;
export type NewCallResultRow = Insertable<CallResultsTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type NewLedgerEntryRow = Insertable<LedgerEntriesTable>;
export type ScheduleWindowRow = Selectable<ScheduleWindowsTable>;
export type ScheduleExceptionRow = Selectable<ScheduleExceptionsTable>;
export type AiAgentRow = Selectable<AiAgentsTable>;
export type NewAiAgentRow = Insertable<AiAgentsTable>;
export type InboundNumberRow = Selectable<InboundNumbersTable>;
export type NewInboundNumberRow = Insertable<InboundNumbersTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type NewApiKeyRow = Insertable<ApiKeysTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type CallStatsRow = Selectable<CallStatsTable>;
