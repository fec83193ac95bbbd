import { exec, first, transaction, type Db } from '../db/connection';
import type { LedgerKind } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { badInput } from '../errors';
import { getCompany } from '../companies/companies';

export interface LedgerWrite {
  companyId: number;
  amount: number;
  kind: LedgerKind;
  note?: string;
  callResultId?: number | null;
  userId?: number | null;
}

/**
 * The only way money moves: append a ledger entry and move the cached balance by the same amount,
 * in the caller's transaction. balance = Σ ledger holds after every commit.
 */
export function appendLedger(db: Db, entry: LedgerWrite, now: number): { entryId: number; balanceAfter: number } {
  if (!db.sqlite.inTransaction) throw new Error('appendLedger: must run inside a transaction');
  const row = first(
    db,
    db.kysely
      .updateTable('companies')
      .set((eb) => ({ wallet_balance: eb('wallet_balance', '+', entry.amount) }))
      .where('id', '=', entry.companyId)
      .returning('wallet_balance'),
  );
  if (!row) throw badInput(`company ${entry.companyId} does not exist`);
  const entryId = exec(
    db,
    db.kysely.insertInto('ledger_entries').values({
      company_id: entry.companyId,
      amount: entry.amount,
      kind: entry.kind,
      call_result_id: entry.callResultId ?? null,
      note: entry.note ?? '',
      user_id: entry.userId ?? null,
      balance_after: row.wallet_balance,
      created_at: now,
    }),
  ).lastInsertRowid;
  return { entryId, balanceAfter: row.wallet_balance };
}

export interface TopUp {
  companyId: number;
  amount: number;
  note?: string;
}

/** Adds money to a company's wallet. */
export function topUp(db: Db, actor: Actor, input: TopUp, now: number): { balance: number; entryId: number } {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badInput('a top-up is a positive whole amount in minor units');
  return transaction(db, () => {
    getCompany(db, input.companyId);
    const { entryId, balanceAfter } = appendLedger(
      db,
      { companyId: input.companyId, amount: input.amount, kind: 'topup', note: input.note, userId: actor.userId },
      now,
    );
    audit(db, actor, { companyId: input.companyId, entity: 'wallet', entityId: entryId, action: 'topup', after: { amount: input.amount, balance: balanceAfter } }, now);
    return { balance: balanceAfter, entryId };
  });
}
