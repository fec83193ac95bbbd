import { CALL_HISTORY_MAX, type CallDetail, type CallLedgerEntry } from '../../../src-shared/contract/calls';
import type { Db } from '../db/connection';
import type { LedgerKind } from '../db/schema';
import { companyOf } from '../companies/companies';
import { notFound } from '../errors';
import { toIso } from '../time';
import { ITEM_COLUMNS, ITEM_JOINS, toListItem, type ItemRow } from './list';

interface DetailRow extends ItemRow {
  transcript: string | null;
  recording_url: string | null;
  data: string | null;
  dialer_id: string | null;
  batch_id: string | null;
  created_at: number;
}

/** One result with everything the detail pane shows, and this company's other calls to the same number. */
export async function getCall(db: Db, input: { companyId: number; id: number }): Promise<CallDetail> {
  const company = await companyOf(db, input.companyId);
  const row = await db.get<DetailRow>(
    `select ${ITEM_COLUMNS}, r.transcript, r.recording_url, r.data, r.dialer_id, r.batch_id, r.created_at
     from call_results r ${ITEM_JOINS} where r.id = ? and r.company_id = ?`,
    [input.id, company.id],
  );
  // another company's result is "not found" too: its existence is not this company's business
  if (!row) throw notFound(`call result ${input.id} does not exist`);

  const ledger = await db.all<{ id: number; kind: LedgerKind; amount: number; balance_after: number; note: string; created_at: number }>(
    `select id, kind, amount, balance_after, note, created_at from ledger_entries
     where call_result_id = ? and company_id = ? order by id`,
    [row.id, company.id],
  );

  // uses the (number_id, started_at) index: a number's history is short even in a big log; a withheld
  // caller has none (one "anonymous" is not the next)
  const history =
    row.number_id === null
      ? []
      : await db.all<ItemRow>(
          `select ${ITEM_COLUMNS} from call_results r ${ITEM_JOINS}
     where r.number_id = ? and r.company_id = ? and r.id <> ? order by r.started_at desc, r.id desc limit ?`,
          [row.number_id, company.id, row.id, CALL_HISTORY_MAX + 1],
        );

  return {
    ...toListItem(row),
    transcript: row.transcript,
    recordingUrl: row.recording_url,
    data: parseData(row.data),
    dialerId: row.dialer_id,
    batchId: row.batch_id,
    createdAt: toIso(row.created_at),
    currency: company.currency,
    timezone: company.timezone,
    ledgerEntries: ledger.map((e): CallLedgerEntry => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      balanceAfter: e.balance_after,
      note: e.note,
      createdAt: toIso(e.created_at),
    })),
    history: history.slice(0, CALL_HISTORY_MAX).map(toListItem),
    historyTruncated: history.length > CALL_HISTORY_MAX,
  };
}

/** The dialer's captured data is JSON by contract; an older or odd row keeps its raw text rather than vanish. */
function parseData(raw: string | null): unknown {
  if (raw == null || raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
