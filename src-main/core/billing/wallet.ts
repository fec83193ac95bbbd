import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { LedgerKind } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { MAX_MONEY } from '../../../src-shared/contract/common';
import { badInput } from '../errors';
import { companyOf } from '../companies/companies';

export interface LedgerWrite {
  companyId: number;
  amount: number;
  kind: LedgerKind;
  note?: string;
  callResultId?: number | null;
  userId?: number | null;
}

const MOVE_WALLET =
  'update companies set wallet_balance = wallet_balance + ? where id = ? and abs(wallet_balance + ?) <= ? returning wallet_balance';
const INSERT_ENTRY =
  'insert into ledger_entries (company_id, amount, kind, call_result_id, note, user_id, balance_after, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)';

function checkAmount(entry: LedgerWrite): void {
  if (!Number.isSafeInteger(entry.amount) || Math.abs(entry.amount) > MAX_MONEY)
    throw badInput(`an amount is a whole number within ±${MAX_MONEY} minor units`);
}

function beyondLimits(entry: LedgerWrite, before: number | undefined): Error {
  if (before === undefined) return badInput(`company ${entry.companyId} does not exist`);
  return badInput(
    `this would take the wallet from ${before} to ${before + entry.amount} minor units, beyond the ±${MAX_MONEY} DialDesk keeps exactly`,
  );
}

const entryArgs = (entry: LedgerWrite, balanceAfter: number, now: number) => [
  entry.companyId,
  entry.amount,
  entry.kind,
  entry.callResultId ?? null,
  entry.note ?? '',
  entry.userId ?? null,
  balanceAfter,
  now,
];

/**
 * The only way money moves: append a ledger entry and move the cached balance by the same amount,
 * in the caller's transaction (`tx`). balance = Σ ledger holds after every commit.
 */
export async function appendLedger(tx: Queries, entry: LedgerWrite, now: number): Promise<{ entryId: number; balanceAfter: number }> {
  checkAmount(entry);
  const balanceAfter = await tx.value<number>(MOVE_WALLET, [entry.amount, entry.companyId, entry.amount, MAX_MONEY]);
  if (balanceAfter === undefined) {
    throw beyondLimits(entry, await tx.value<number>('select wallet_balance from companies where id = ?', [entry.companyId]));
  }
  const entryId = (await tx.value<number>(INSERT_ENTRY + ' returning id', entryArgs(entry, balanceAfter, now)))!;
  return { entryId, balanceAfter };
}

const CHARGES_PER_INSERT = 50;

/** One call's charge as CallCharges holds it until flush. */
export interface CallCharge {
  amount: number;
  /** the call's result row; null until the recorder has written it */
  callResultId: number | null;
  note: string;
  balanceAfter: number;
}
const chargeInsert = (rows: number) =>
  `insert into ledger_entries (company_id, amount, kind, call_result_id, note, user_id, balance_after, created_at) values ${Array(rows)
    .fill("(?, ?, 'charge', ?, ?, null, ?, ?)")
    .join(', ')}`;

/**
 * The charges for the calls of one transaction (a dialer's batch of results): each its own ledger
 * entry with the balance as it stood after it, the wallet moved once by their sum when the
 * transaction is about to commit (flush). Same ledger as appendLedger entry by entry; one wallet
 * write instead of one per billable call. `balance` starts at the wallet as the transaction read it.
 */
export class CallCharges {
  private readonly entries: CallCharge[] = [];
  private opening: number;

  constructor(
    private readonly companyId: number,
    public balance: number,
  ) {
    this.opening = balance;
  }

  /**
   * Takes `amount` (minor units, > 0) for a call; answers its entry, balance after it included. The
   * call's result row may still be unwritten (the recorder writes a request's rows together, after
   * their checks): its id is set on the entry once it is, and before flush.
   */
  charge(amount: number, callResultId: number | null, note: string): CallCharge {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_MONEY || this.balance - amount < -MAX_MONEY) {
      throw badInput(
        `a charge of ${amount} cannot be taken from a wallet at ${this.balance}: beyond the ±${MAX_MONEY} DialDesk keeps exactly`,
      );
    }
    this.balance -= amount;
    const entry = { amount, callResultId, note, balanceAfter: this.balance };
    this.entries.push(entry);
    return entry;
  }

  /** `tx`: the transaction that read the wallet and recorded the calls, about to commit */
  async flush(tx: Queries, now: number): Promise<void> {
    if (this.entries.length === 0) return;
    const moved = this.balance - this.opening;
    const after = await tx.value<number>('update companies set wallet_balance = wallet_balance + ? where id = ? returning wallet_balance', [
      moved,
      this.companyId,
    ]);
    // the transaction read the wallet before its first charge; anything else moving it meanwhile is a bug
    if (after !== this.balance) throw new Error(`wallet of company ${this.companyId} moved outside this transaction`);
    const unwritten = this.entries.find((e) => e.callResultId === null);
    if (unwritten) throw new Error(`a charge (${unwritten.note}) has no result row to point to`);
    for (let i = 0; i < this.entries.length; i += CHARGES_PER_INSERT) {
      const part = this.entries.slice(i, i + CHARGES_PER_INSERT);
      const args: (string | number | null)[] = [];
      for (const e of part) args.push(this.companyId, -e.amount, e.callResultId, e.note, e.balanceAfter, now);
      await tx.run(chargeInsert(part.length), args);
    }
    this.entries.length = 0;
    this.opening = this.balance;
  }
}

export interface TopUp {
  companyId: number;
  amount: number;
  note?: string;
}

/** Adds money to a company's wallet. */
export async function topUp(db: Db, actor: Actor, input: TopUp, now: number): Promise<{ balance: number; entryId: number }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badInput('a top-up is a positive whole amount in minor units');
  return db.transaction((tx) => topUpIn(tx, actor, input, now));
}

/** The same inside the caller's transaction `tx` (the new-company wizard's). */
export async function topUpIn(tx: Queries, actor: Actor, input: TopUp, now: number): Promise<{ balance: number; entryId: number }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badInput('a top-up is a positive whole amount in minor units');
  const entry = { companyId: input.companyId, amount: input.amount, kind: 'topup' as const, note: input.note, userId: actor.userId };
  return moveByHand(tx, actor, entry, 'topup', {}, now);
}

/** A top-up or an adjustment: its ledger line and its audit line, in the caller's transaction. */
async function moveByHand(
  tx: Queries,
  actor: Actor,
  entry: LedgerWrite,
  action: 'topup' | 'adjust',
  said: { note?: string },
  now: number,
): Promise<{ balance: number; entryId: number }> {
  await companyOf(tx, entry.companyId);
  const { entryId, balanceAfter } = await appendLedger(tx, entry, now);
  await writeAudit(
    tx,
    actor,
    {
      companyId: entry.companyId,
      entity: 'wallet',
      entityId: entryId,
      action,
      after: { amount: entry.amount, ...said, balance: balanceAfter },
    },
    now,
  );
  return { balance: balanceAfter, entryId };
}

export interface Adjustment {
  companyId: number;
  /** + credits the wallet, − debits it */
  amount: number;
  note: string;
}

/**
 * A correction by hand (a refund agreed on the phone, a mistaken top-up): either sign, always with
 * a note, and it may take the balance below zero: the ledger says what happened, not what we wish.
 */
export async function adjustWallet(db: Db, actor: Actor, input: Adjustment, now: number): Promise<{ balance: number; entryId: number }> {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw badInput('an adjustment is a whole non-zero amount in minor units');
  if (!input.note.trim()) throw badInput('say why the balance is adjusted');
  const entry = { companyId: input.companyId, amount: input.amount, kind: 'adjustment' as const, note: input.note, userId: actor.userId };
  return db.transaction((tx) => moveByHand(tx, actor, entry, 'adjust', { note: input.note }, now));
}
