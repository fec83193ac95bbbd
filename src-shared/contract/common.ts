import { z } from 'zod';

export const Id = z.number().int().positive();
export const Empty = z.object({}).strict();

/**
 * The largest amount, and the largest balance either way, DialDesk keeps: 10^15 minor units (ten
 * trillion dollars, a billion of today's rials). Money is a JavaScript number on its way through the
 * app, exact only up to 2^53 (about 9·10^15); bounding every amount and every balance well below that
 * keeps each sum and each ledger total exact. Beyond it, a move is refused.
 */
export const MAX_MONEY = 1_000_000_000_000_000;
/** The highest price per call or per started minute: a day-long call at that price stays within MAX_MONEY. */
export const MAX_PRICE = 100_000_000_000;

/** Money in minor units (cents, rials): an integer, never a float, within ±MAX_MONEY. */
export const Money = z
  .number()
  .int('an amount is a whole number of minor units')
  .min(-MAX_MONEY, `an amount is at least -${MAX_MONEY} minor units`)
  .max(MAX_MONEY, `an amount is at most ${MAX_MONEY} minor units`);
/** A price: per billable call or per started minute. */
export const Price = z
  .number()
  .int('a price is a whole number of minor units')
  .min(0, 'a price cannot be negative')
  .max(MAX_PRICE, `a price is at most ${MAX_PRICE} minor units`);

export const SLUG_RULES = 'a slug is 2 to 40 characters: lowercase letters, digits and single hyphens, starting with a letter';
export const Slug = z.string().regex(/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/, SLUG_RULES);

/**
 * The currencies the platform's Intl knows: ISO 4217's current codes (Node 20 and Chromium both list
 * them). A made-up three letters ("ZZZ", "RIA" for rials) would be kept and shown as if it were money.
 */
export const CURRENCY_CODES: readonly string[] = supportedCurrencies();

function supportedCurrencies(): string[] {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return [];
  }
}

export const CURRENCY_RULE = 'currency is an ISO 4217 code such as USD, EUR or IRR';
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, CURRENCY_RULE)
  .refine((code) => CURRENCY_CODES.includes(code), CURRENCY_RULE);

export const TimeZone = z.string().refine(isTimeZone, 'not an IANA time zone (for example Europe/Berlin)');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export interface Page<T> {
  items: T[];
  /** opaque cursor for the next page, null at the end */
  next: string | null;
}

/** A country, ISO 3166-1 alpha-2 (IR, DE): how numbers written without their country code are read. */
export const Region = z.string().regex(/^[A-Z]{2}$/, 'a country is a two-letter code such as IR or DE');
