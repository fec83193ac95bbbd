import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';
import { CallFiltersInput } from './calls';

/**
 * Files the console hands to the user. Inside Electron the main process asks where to save with a
 * save dialog and the file is written there (`savedTo`). Under `dialdesk serve` the file is written
 * to a temporary place and the answer carries `downloadUrl`: a one-time link, valid a few minutes,
 * that the page opens (navigate to it or click an <a href>) to download the file as an attachment.
 * `cancelled` is true when the user closed the save dialog: nothing was written.
 */
export interface SavedFileAnswer {
  cancelled: boolean;
  fileName: string;
  savedTo: string | null;
  downloadUrl: string | null;
  bytes: number;
}

/**
 * The call log as CSV (UTF-8 with a byte-order mark so spreadsheets read it as UTF-8, a header row,
 * RFC 4180 quoting, CRLF line ends), newest first, same filters as calls.list. Columns: result_id,
 * started_at_local (company time zone, "YYYY-MM-DD HH:MM:SS"), utc_offset ("+03:30"), started_at_utc (ISO),
 * phone, direction, status, billable, duration_s, scenario_key, scenario, outbound_line, agent,
 * charged (decimal in the company currency), currency, call_id, recording_url, transcript, data.
 * billable is yes/no. Free-text cells that a spreadsheet would run as a formula (= + - @ first) are
 * prefixed with '; numbers, times and phones are written as they are.
 */
export interface CallsCsvAnswer extends SavedFileAnswer {
  rows: number;
}

export const StatementMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM')
  .refine((m) => m >= '2000-01' && m <= '2199-12', 'a month between 2000-01 and 2199-12');

/** Per kind of ledger entry in a statement: how many, and their sum in minor units. */
export type StatementTotals = Record<'topup' | 'charge' | 'refund' | 'adjustment', { entries: number; amount: number }>;

/**
 * A month of the wallet (local month in the company's time zone) as CSV. Rows: an opening_balance row,
 * every ledger entry of the month in order, a total_<kind> row per kind of entry (topup, charge, refund,
 * adjustment: the sum in amount, how many in note), a closing_balance row (closing = opening + Σ amount). Columns:
 * entry_id, created_at_local, utc_offset, created_at_utc, kind, amount, balance_after, currency,
 * call_result_id, phone, note, user. Amounts are decimals in the company currency ("-0.50").
 */
export interface StatementCsvAnswer extends SavedFileAnswer {
  month: string;
  currency: string;
  /** minor units */
  openingBalance: number;
  closingBalance: number;
  entries: number;
  totals: StatementTotals;
}

export const exportsChannels = {
  'calls.exportCsv': channel<CallsCsvAnswer>()(CallFiltersInput),
  'billing.statementCsv': channel<StatementCsvAnswer>()(z.object({ companyId: Id, month: StatementMonth }).strict()),
};
