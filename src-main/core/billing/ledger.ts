import type { LedgerEntryDto, LedgerKindDto } from '../../../src-shared/contract/billing';
import type { Page } from '../../../src-shared/contract/common';
import type { Db } from '../db/connection';
import { companyOf } from '../companies/companies';
import { toIso } from '../time';

export interface LedgerQuery {
  companyId: number;
  cursor?: string;
  limit: number;
  kind?: LedgerKindDto;
}

/** Newest first; the cursor is the last id seen, so a page costs the same however deep it is. */
export async function listLedger(db: Db, q: LedgerQuery): Promise<Page<LedgerEntryDto>> {
  await companyOf(db, q.companyId);
  let query = db.kysely
    .selectFrom('ledger_entries as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select([
      'l.id',
      'l.company_id',
      'l.amount',
      'l.kind',
      'l.call_result_id',
      'l.note',
      'l.user_id',
      'u.username',
      'l.balance_after',
      'l.created_at',
    ])
    .where('l.company_id', '=', q.companyId)
    .orderBy('l.id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) query = query.where('l.id', '<', Number(q.cursor));
  if (q.kind) query = query.where('l.kind', '=', q.kind);
  const rows = await db.select(query);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      companyId: r.company_id,
      amount: r.amount,
      kind: r.kind,
      callResultId: r.call_result_id,
      note: r.note,
      userId: r.user_id,
      username: r.username ?? null,
      balanceAfter: r.balance_after,
      createdAt: toIso(r.created_at),
    })),
    next: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}

/** The invariant of DESIGN.md §3, for tests and the integrity check: balance = Σ ledger. */
export async function walletMatchesLedger(db: Db, companyId: number): Promise<{ balance: number; ledgerSum: number; ok: boolean }> {
  const company = await companyOf(db, companyId);
  const row = await db.first(
    db.kysely
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
      .where('company_id', '=', companyId),
  );
  const ledgerSum = Number(row?.total ?? 0);
  return { balance: company.wallet_balance, ledgerSum, ok: company.wallet_balance === ledgerSum };
}
