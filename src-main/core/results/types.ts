import type { CallStatus, GlobalStatus } from '../../../src-shared/statuses';
import type { AppError } from '../errors';

/** One call's result as a dialer (or the inbound webhook) reports it. Times are epoch ms. */
export interface ResultReport {
  /** the reporter's id of the call: the idempotency key, unique per company */
  callId: string;
  /** E.164, or anything libphonenumber reads with a country code */
  phone?: string;
  /**
   * An inbound caller who sent no phone number ("anonymous", a SIP user), as sent: the call is logged
   * with this as its phone and no number in the pool. Only with status INBOUND_CALL, instead of phone.
   */
  withheldCaller?: string;
  numberId?: number;
  batchId?: string | null;
  /** the scenario's key; null only for inbound calls */
  scenarioKey: string | null;
  outboundLineId?: number | null;
  agentId?: number | null;
  status: CallStatus;
  startedAt: number;
  durationS: number;
  recordingUrl?: string | null;
  transcript?: string | null;
  data?: Record<string, unknown> | null;
  /** the callee asked to be called back then (epoch ms); the report's agent, if any, is who they asked for */
  callbackAt?: number | null;
  /**
   * What makes a retry "the same report", when the reporter's own fields say it better than the whole
   * report: a Jambonz status hook carries no start time, so the start computed on arrival differs
   * between retries of one hook. The whole report's hash by default.
   */
  fingerprint?: string;
}

export interface RecordedResult {
  resultId: number;
  /** what this result cost, minor units */
  charged: number;
  /** the wallet balance right after it */
  walletBalance: number;
  /** true when the call_id was already recorded with this very report: the first answer again */
  replayed: boolean;
}

export type ResultOutcome = ({ ok: true } & RecordedResult) | { ok: false; error: AppError };

/** What a recorded result changed, for the work done after commit (events, caches, registry). */
export interface ResultEffects {
  resultId: number;
  /** null: a withheld inbound caller */
  numberId: number | null;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  startedAt: number;
  charged: number;
  /** added to company_calls */
  dialed: boolean;
  /** the number's new global status, when it changed */
  newStatus: GlobalStatus | null;
  /** the dialer that held the lease, when there was one */
  dialerId: string | null;
}
