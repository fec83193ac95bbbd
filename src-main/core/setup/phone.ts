import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { badInput } from '../errors';

/**
 * Turns a phone number as a person typed it ("+49 30 1234567", "0049-30-1234567", or "030 1234567"
 * with region DE) into E.164 ("+49301234567"), the one form stored and compared everywhere.
 * `field` names the input in the error, so the message points at the box to fix.
 */
export function toE164(raw: string, field: string, region?: string): string {
  const text = raw.trim().replace(/^00(?=\d)/, '+');
  const parsed = parsePhoneNumberFromString(text, region as CountryCode | undefined);
  if (!parsed || !parsed.isValid()) {
    const hint = text.startsWith('+') || region ? '' : ' (write it with its country code, such as +49 30 1234567)';
    throw badInput(`${field}: "${raw}" is not a valid phone number${hint}`);
  }
  return parsed.number;
}

/** Like toE164, for optional fields: null/empty stays null. */
export function toE164OrNull(raw: string | null | undefined, field: string, region?: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  return toE164(raw, field, region);
}
