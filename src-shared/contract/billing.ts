import { z } from 'zod';
import { channel } from './define';
import { Id, Money, type Page } from './common';

export const LEDGER_KINDS = ['topup', 'charge', 'refund', 'adjustment'] as const;
export type LedgerKindDto = (typeof LEDGER_KINDS)[number];

export interface LedgerEntryDto {
  id: number;
  companyId: number;
  /** + money in, − money out; minor units */
  amount: number;
  kind: LedgerKindDto;
  callResultId: number | null;
  note: string;
  userId: number | null;
  username: string | null;
  balanceAfter: number;
  createdAt: string;
}

export interface WalletMove {
  entryId: number;
  balance: number;
  currency: string;
}

const Note = z.string().trim().max(500, 'a note is at most 500 characters');

export const TopUpInput = z
  .object({
    companyId: Id,
    amount: Money.positive('a top-up is a positive amount in minor units'),
    note: Note.optional(),
  })
  .strict();

export const AdjustInput = z
  .object({
    companyId: Id,
    amount: Money.refine((n) => n !== 0, 'an adjustment moves some money: not 0'),
    note: Note.min(1, 'say why the balance is adjusted'),
  })
  .strict();

export const LedgerQuery = z
  .object({
    companyId: Id,
    /** the `next` of the previous page */
    cursor: z.string().regex(/^\d+$/, 'not a ledger cursor').optional(),
    limit: z.number().int().min(1).max(500).default(100),
    kind: z.enum(LEDGER_KINDS).optional(),
  })
  .strict();

/** A move worth more than this many calls at the company's price is large (a slipped digit, most likely). */
export const LARGE_MOVE_CALLS = 10_000;

export type MoneyMoveWarning = 'below_zero' | 'large';

/**
 * Why a top-up or adjustment should be confirmed before it is sent (DESIGN.md §5): it takes the
 * wallet below zero, or it is large (worth more than LARGE_MOVE_CALLS calls at the company's price,
 * or than that many minor units when calls are free). Empty: send it as it is.
 */
export function moneyMoveWarnings(move: { balance: number; amount: number; pricePerCall: number }): MoneyMoveWarning[] {
  const warnings: MoneyMoveWarning[] = [];
  if (move.amount < 0 && move.balance + move.amount < 0) warnings.push('below_zero');
  if (Math.abs(move.amount) > LARGE_MOVE_CALLS * Math.max(1, move.pricePerCall)) warnings.push('large');
  return warnings;
}

export const billingChannels = {
  'billing.topup': channel<WalletMove>()(TopUpInput),
  'billing.adjust': channel<WalletMove>()(AdjustInput),
  /** newest first, keyset-paginated */
  'billing.ledger': channel<Page<LedgerEntryDto>>()(LedgerQuery),
};
