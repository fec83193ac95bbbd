import { z } from 'zod';

export const Id = z.number().int().positive();
export const CompanyScoped = z.object({ companyId: Id });
export const Empty = z.object({}).strict();

/** Money in minor units (cents, rials): an integer, never a float. */
export const Money = z.number().int().safe();

export const SLUG_RULES =
  'a slug is 2 to 40 characters: lowercase letters, digits and single hyphens, starting with a letter';
export const Slug = z
  .string()
  .regex(/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/, SLUG_RULES);

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'currency is a three-letter ISO 4217 code such as USD');

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
