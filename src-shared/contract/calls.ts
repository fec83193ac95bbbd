import { z } from 'zod';
import { CALL_STATUSES, type CallStatus } from '../statuses';
import { channel } from './define';
import { Id, type Page } from './common';
import { LocalDate, MAX_RANGE_DAYS, daysBetween } from './stats';

/**
 * The call log: every recorded result, newest first, with filters, and one result in detail.
 *
 * `from` / `to` are local dates (YYYY-MM-DD, inclusive) in the company's time zone — the same dates
 * the dashboard's range resolves to (StatsMatrix.range.from/to), so a dashboard cell can open the log.
 * Dimension filters take 0 for "none" (the "—" row of the dashboard).
 * `phone`: a whole international number the pool knows ("+49 170 1234567", "0049...") is matched
 * exactly after normalising to E.164; anything else is a prefix of the international form ("+4917" or
 * "4917"). A national number ("0170...") is read with the company's default country.
 */
export const CallFilters = z
  .object({
    companyId: Id,
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    status: z.array(z.enum(CALL_STATUSES)).min(1).max(CALL_STATUSES.length).optional(),
    scenarioId: z.number().int().nonnegative().optional(),
    outboundLineId: z.number().int().nonnegative().optional(),
    agentId: z.number().int().nonnegative().optional(),
    phone: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[+0-9\u06f0-\u06f9\u0660-\u0669 ()./-]+$/, 'a phone filter holds digits, spaces and + ( ) . / - only')
      .optional(),
    direction: z.enum(['outbound', 'inbound']).optional(),
  })
  .strict();

const checkDates = (f: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', message: '"from" must not be after "to"', path: ['to'] });
  else if (f.from && f.to && daysBetween(f.from, f.to) >= MAX_RANGE_DAYS) {
    ctx.addIssue({ code: 'custom', message: `a range is at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
  }
};

export const CallFiltersInput = CallFilters.superRefine(checkDates);
export type CallFiltersParsed = z.output<typeof CallFiltersInput>;

export const CALLS_PAGE_MAX = 200;

export const CallsListInput = CallFilters.extend({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(CALLS_PAGE_MAX).default(50),
}).superRefine(checkDates);

export interface CallListItem {
  id: number;
  /** UTC ISO */
  startedAt: string;
  /** E.164; for an inbound call from a withheld caller, what the caller sent ("anonymous") */
  phone: string;
  /** null: a withheld inbound caller, not in the number pool */
  numberId: number | null;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  billable: boolean;
  durationS: number;
  /** minor units of the company's currency */
  amountCharged: number;
  scenarioId: number | null;
  scenarioKey: string | null;
  scenarioName: string | null;
  outboundLineId: number | null;
  outboundLineName: string | null;
  outboundLinePhone: string | null;
  agentId: number | null;
  agentName: string | null;
  /** the dialer's id of the call (idempotency key) */
  callId: string;
  hasRecording: boolean;
  hasTranscript: boolean;
}

export interface CallLedgerEntry {
  id: number;
  kind: 'topup' | 'charge' | 'refund' | 'adjustment';
  amount: number;
  balanceAfter: number;
  note: string;
  createdAt: string;
}

export interface CallDetail extends CallListItem {
  transcript: string | null;
  recordingUrl: string | null;
  /** what the dialer captured, parsed; the raw text if it was not JSON; null if none */
  data: unknown;
  dialerId: string | null;
  batchId: string | null;
  createdAt: string;
  currency: string;
  timezone: string;
  /** money entries that point at this result (the charge, any refund) */
  ledgerEntries: CallLedgerEntry[];
  /** this company's other results for the same number, newest first */
  history: CallListItem[];
  /** true when there were more than history.length other results */
  historyTruncated: boolean;
}

export const CALL_HISTORY_MAX = 50;

/** The call log counts its rows up to this many; beyond it, "more than". */
export const CALLS_COUNT_CAP = 100_000;

export interface CallsCount {
  /** rows that match, or CALLS_COUNT_CAP when capped */
  total: number;
  /** true: more than `total` match */
  capped: boolean;
}

export const callsChannels = {
  'calls.list': channel<Page<CallListItem>>()(CallsListInput),
  /** how many calls match the filters (up to CALLS_COUNT_CAP) */
  'calls.count': channel<CallsCount>()(CallFiltersInput),
  'calls.get': channel<CallDetail>()(z.object({ companyId: Id, id: Id }).strict()),
};
