import type { Db } from '../db/connection';
import type { LedgerKind } from '../db/schema';
import type { StatementTotals } from '../../../src-shared/contract/exports';
import { companyOf } from '../companies/companies';
import { localDays } from '../stats/range';
import { addDays, formatOffset, wallClock } from '../time-zone';
import { toIso } from '../time';
import { localText } from './calls-csv';
import { CsvFile, csvLine, inertText, nextTurn } from './csv';
import { decimalAmount } from './money';

export const STATEMENT_CSV_HEADER = [
  'entry_id',
  'created_at_local',
  'utc_offset',
  'created_at_utc',
  'kind',
  'amount',
  'balance_after',
  'currency',
  'call_result_id',
  'phone',
  'note',
  'user',
];

const CHUNK = 1000;

interface EntryRow {
  id: number;
  created_at: number;
  kind: LedgerKind;
  amount: number;
  balance_after: number;
  call_result_id: number | null;
  phone: string | null;
  note: string;
  username: string | null;
}

export interface Statement {
  month: string;
  currency: string;
  openingBalance: number;
  closingBalance: number;
  entries: number;
  /** per kind of entry: how many, and their sum (minor units) */
  totals: StatementTotals;
  bytes: number;
}

const KINDS: LedgerKind[] = ['topup', 'charge', 'refund', 'adjustment'];

/** The last day of a YYYY-MM month. */
const lastDayOf = (month: string): string => addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);

/**
 * A month of a company's wallet, on its own calendar: the balance before the month's first instant,
 * every ledger entry of the month in order (keyset on (created_at, id) over ledger_company_time), and the
 * balance after. closing = opening + Σ amounts, which the ledger's balance_after chain agrees with.
 */
export async function exportStatementCsv(db: Db, input: { companyId: number; month: string }, path: string): Promise<Statement> {
  const company = await companyOf(db, input.companyId);
  const tz = company.timezone;
  const { startMs, endMs } = localDays(`${input.month}-01`, lastDayOf(input.month), tz);
  const money = (minor: number) => decimalAmount(minor, company.currency);
  const when = (ms: number) => {
    const wall = wallClock(ms, tz);
    return [localText(wall), formatOffset(wall - Math.floor(ms / 1000) * 1000), toIso(ms)];
  };

  const before = await db.get<{ balance_after: number }>(
    `select balance_after from ledger_entries where company_id = ? and created_at < ?
     order by created_at desc, id desc limit 1`,
    [company.id, startMs],
  );
  const opening = before?.balance_after ?? 0;
  const PAGE = `select e.id, e.created_at, e.kind, e.amount, e.balance_after, e.call_result_id, r.phone, e.note, u.username
     from ledger_entries e
     left join call_results r on r.id = e.call_result_id
     left join users u on u.id = e.user_id
     where e.company_id = ? and e.created_at < ? and (e.created_at, e.id) > (?, ?)
     order by e.created_at, e.id limit ?`;

  const file = new CsvFile(path);
  try {
    await file.write(`\uFEFF${csvLine(STATEMENT_CSV_HEADER)}`);
    // balance rows carry the same columns as entries, so every record has the header's width
    const balanceRow = (kind: string, ms: number, minor: number) =>
      csvLine(['', ...when(ms), kind, '', money(minor), company.currency, '', '', '', '']);
    await file.write(balanceRow('opening_balance', startMs, opening));
    let balance = opening;
    let entries = 0;
    const totals = Object.fromEntries(KINDS.map((k) => [k, { entries: 0, amount: 0 }])) as StatementTotals;
    let after = { createdAt: startMs - 1, id: Number.MAX_SAFE_INTEGER };
    for (;;) {
      const rows = await db.all<EntryRow>(PAGE, [company.id, endMs, after.createdAt, after.id, CHUNK]);
      let chunk = '';
      for (const e of rows) {
        balance += e.amount;
        totals[e.kind].entries++;
        totals[e.kind].amount += e.amount;
        chunk += csvLine([
          e.id,
          ...when(e.created_at),
          e.kind,
          money(e.amount),
          money(e.balance_after),
          company.currency,
          e.call_result_id,
          e.phone,
          inertText(e.note),
          inertText(e.username),
        ]);
      }
      if (chunk) await file.write(chunk);
      entries += rows.length;
      if (rows.length < CHUNK) break;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.created_at, id: last.id };
      await nextTurn();
    }
    // one row per kind of entry (top-ups, charges, refunds, adjustments): its sum, and in the note how many
    let sums = '';
    for (const kind of KINDS) {
      sums += csvLine([
        '',
        '',
        '',
        '',
        `total_${kind}`,
        money(totals[kind].amount),
        '',
        company.currency,
        '',
        '',
        `entries: ${totals[kind].entries}`,
        '',
      ]);
    }
    await file.write(sums);
    await file.write(balanceRow('closing_balance', endMs, balance));
    await file.close();
    return {
      month: input.month,
      currency: company.currency,
      openingBalance: opening,
      closingBalance: balance,
      entries,
      totals,
      bytes: file.bytes,
    };
  } catch (err) {
    file.destroy();
    throw err;
  }
}
