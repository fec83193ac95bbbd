import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { badInput } from '../errors';

/**
 * The one place a phone number is read. Everything DialDesk stores and compares is E.164
 * ("+989121234567"); people and machines write numbers many other ways:
 * - international: "+98 912 123 4567", "0098-912-123-4567";
 * - national, read with a default country (the company's, or the one an import names): "0912 123 4567";
 * - in Persian or Arabic-Indic digits: "۰۹۱۲ ۱۲۳ ۴۵۶۷";
 * - from a telephony server, international without the "+": "4930123456" (wireNumber).
 * libphonenumber-js's metadata judges what is a valid number.
 */
export type Normalized = { ok: true; phone: string } | { ok: false; reason: string };

const SEPARATORS = /[\s\-()./\u00a0\u200c\u200e\u200f]/g;
const NON_ASCII_DIGIT = /[\u06f0-\u06f9\u0660-\u0669]/;
const NON_ASCII_DIGITS = new RegExp(NON_ASCII_DIGIT.source, 'g');
const PLAIN = /^\+?\d{1,20}$/;

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII, separators out, a leading 00 as "+". */
export function cleanPhone(raw: string): string {
  let text = raw.trim();
  if (NON_ASCII_DIGIT.test(text)) text = text.replace(NON_ASCII_DIGITS, (d) => String(d.charCodeAt(0) & 0xf));
  return text.replace(SEPARATORS, '').replace(/^00(?=[1-9])/, '+');
}

/** One number, as a person typed it; `region` reads national numbers. */
export function normalizePhone(raw: string, region?: string | null): Normalized {
  const cleaned = cleanPhone(raw);
  if (cleaned === '') return { ok: false, reason: 'empty' };
  return judge(cleaned, region ?? undefined).result;
}

/** normalizePhone, or a BAD_INPUT that names the field, so the message points at the box to fix. */
export function toE164(raw: string, field: string, region?: string | null): string {
  const n = normalizePhone(raw, region);
  if (n.ok) return n.phone;
  const hint = cleanPhone(raw).startsWith('+') || region ? '' : ' (write it with its country code, such as +49 30 1234567)';
  throw badInput(`${field}: "${raw}" is not a valid phone number${hint}`);
}

/** Like toE164, for optional fields: null or empty stays null. */
export function toE164OrNull(raw: string | null | undefined, field: string, region?: string | null): string | null {
  if (raw == null || raw.trim() === '') return null;
  return toE164(raw, field, region);
}

/**
 * A number as a telephony server sends it (a DID called, a caller): E.164, or international digits
 * without the "+" ("4930123456"); national only when it starts with the country's trunk prefix and a
 * default country is known. Null when it is not a phone number (withheld, a SIP user).
 */
export function wireNumber(raw: string, region?: string | null): string | null {
  const cleaned = cleanPhone(raw.replace(/^tel:/i, ''));
  if (!/^\+?\d{4,20}$/.test(cleaned)) return null;
  if (cleaned.startsWith('+')) return valid(cleaned);
  return valid(`+${cleaned}`) ?? (region && cleaned.startsWith('0') ? valid(cleaned, region) : null);
}

function valid(text: string, region?: string): string | null {
  const parsed = parsePhoneNumberFromString(text, region as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * What a search box's text means: a whole number (national with the default country, or
 * international) → that number exactly, and always a prefix of the international form for the part
 * typed so far ("0912" with IR → "+98912"; "4917" → "+4917").
 */
export function phoneSearch(raw: string, region?: string | null): { exact: string | null; prefix: string } | null {
  const cleaned = cleanPhone(raw).replace(/[^\d+]/g, '');
  const digits = cleaned.replace(/\D/g, '');
  if (digits.length === 0) return null;
  const exact = cleaned.startsWith('+') ? valid(cleaned) : (valid(`+${digits}`) ?? (region ? valid(cleaned, region) : null));
  let prefix = `+${digits}`;
  if (!cleaned.startsWith('+') && region && digits.startsWith('0') && !cleaned.startsWith('00')) {
    // a national prefix typed so far: rewrite it as the country code ("0912" → "+98912")
    const probe = parsePhoneNumberFromString(cleaned.padEnd(12, '0'), region as CountryCode);
    if (probe) prefix = `+${probe.countryCallingCode}${digits.slice(1)}`;
  }
  return { exact, prefix };
}

/**
 * Many numbers with one default country (an import of a million rows). libphonenumber costs ~12 µs a
 * number, which alone would eat most of a 1M-row import's budget. Its verdict depends on the country's
 * leading-digit patterns and the length, so plain digit strings are memoised by (leading digits,
 * length): the first number of each shape is parsed for real, and the rest of that shape reuse the
 * verdict and the rewrite (drop the national prefix, prepend the country code).
 */
export class PhoneNormalizer {
  private readonly memo = new Map<string, Verdict>();

  constructor(
    readonly region: string | undefined,
    private readonly maxMemo = 200_000,
  ) {}

  normalize(raw: string): Normalized {
    const cleaned = cleanPhone(raw);
    if (cleaned === '') return { ok: false, reason: 'empty' };
    if (!PLAIN.test(cleaned)) return judge(cleaned, this.region).result;
    // the same depth of leading digits either way: "+98" and 7 digits, or the national "0" and 7 digits.
    // Ten characters of a national number (0912 123 4567 has 11) left one free digit, so a list in
    // national format missed the memo on nearly every row: 1M such rows imported in 19.9 s, against
    // 6.9 s for the same list written with +98
    const key = `${cleaned.slice(0, cleaned.startsWith('+') ? 10 : 8)}|${cleaned.length}`;
    const known = this.memo.get(key);
    if (known) {
      if (!known.ok) return known.result;
      if (known.rewrite) return { ok: true, phone: known.rewrite.prepend + cleaned.slice(known.rewrite.drop) };
    }
    const verdict = judge(cleaned, this.region);
    if (!known) {
      if (this.memo.size >= this.maxMemo) this.memo.clear();
      this.memo.set(key, verdict);
    }
    return verdict.result;
  }
}

type Verdict = { ok: false; result: Normalized } | { ok: true; result: Normalized; rewrite: { drop: number; prepend: string } | null };

function judge(cleaned: string, region: string | undefined): Verdict {
  const international = cleaned.startsWith('+');
  if (!international && !region) {
    return { ok: false, result: { ok: false, reason: 'no country code (start it with + or give a region)' } };
  }
  const parsed = parsePhoneNumberFromString(cleaned, international ? undefined : (region as CountryCode));
  if (!parsed) return { ok: false, result: { ok: false, reason: 'not a phone number' } };
  if (!parsed.isValid())
    return { ok: false, result: { ok: false, reason: `not a valid ${parsed.country ?? `+${parsed.countryCallingCode}`} number` } };
  const phone = parsed.number;
  const national = parsed.nationalNumber;
  const prepend = `+${parsed.countryCallingCode}`;
  const drop = cleaned.length - national.length;
  // cache the rewrite only when it reproduces the parser's answer for this very number
  const rewrite = PLAIN.test(cleaned) && cleaned.endsWith(national) && prepend + cleaned.slice(drop) === phone ? { drop, prepend } : null;
  return { ok: true, result: { ok: true, phone }, rewrite };
}

/**
 * Where a live call can be sent (a support line, a department): a phone number (national numbers
 * read with the company's default country), a short extension on the site's own exchange
 * ("8811001", as seed 003's departments are written), or a SIP address ("sip:sales@pbx.example.com").
 * Jambonz dials the three as a `phone` target (number) or a `sip` target (sipUri)
 * (jambonz-feature-server lib/utils/place-outdial.js, SingleDialer.exec: `phone` becomes
 * sip:<number>@<sbc>, `sip` is dialed as written). Only for numbers DialDesk dials: a DID is matched
 * against what the carrier sends and stays a phone number (toE164 / wireNumber).
 */
export type DialTarget = { kind: 'phone'; phone: string } | { kind: 'extension'; extension: string } | { kind: 'sip'; uri: string };

const SIP_URI = /^sips?:[^\s@<>"]{1,64}@[A-Za-z0-9.-]{1,190}(:\d{1,5})?(;[^\s<>"]{0,200})?$/i;
// An extension is read before a national number: libphonenumber takes "8811001" with IR as the valid
// +98 881 1001, though nobody writes an Iranian number without its trunk 0. So: 3 to 7 plain digits,
// not starting with 0 (the trunk prefix of a national number in most countries); 8 digits and more
// are phone numbers (Denmark's and Singapore's national numbers are 8 digits without a trunk prefix).
const EXTENSION = /^[1-9]\d{2,6}$/;

/** What a stored target (E.164, digits or a SIP URI) is. */
export function dialTargetOf(stored: string): DialTarget {
  if (/^sips?:/i.test(stored)) return { kind: 'sip', uri: stored };
  if (stored.startsWith('+')) return { kind: 'phone', phone: stored };
  return { kind: 'extension', extension: stored };
}

/** A target as a person typed it, as stored: E.164, the extension's digits, or the SIP URI. */
export function readDialTarget(raw: string, region?: string | null): { ok: true; stored: string } | { ok: false; reason: string } {
  const text = raw.trim();
  if (/^sips?:/i.test(text)) {
    return SIP_URI.test(text) && text.length <= 200
      ? { ok: true, stored: text }
      : { ok: false, reason: 'a SIP address is written sip:user@host' };
  }
  const digits = cleanPhone(text);
  if (EXTENSION.test(digits) && /^[\d\u06f0-\u06f9\u0660-\u0669]+$/.test(text)) return { ok: true, stored: digits };
  const phone = normalizePhone(text, region);
  if (phone.ok) return { ok: true, stored: phone.phone };
  return { ok: false, reason: phone.reason };
}

/** readDialTarget, or a BAD_INPUT naming the field. */
export function toDialTarget(raw: string, field: string, region?: string | null): string {
  const read = readDialTarget(raw, region);
  if (read.ok) return read.stored;
  const hint = region ? '' : ', or a phone number with its country code';
  throw badInput(
    `${field}: "${raw}" is not a phone number, an extension (3 to 7 digits) or a SIP address (sip:user@host)${hint} (${read.reason})`,
  );
}

/** Like toDialTarget, for optional fields: null or empty stays null. */
export function toDialTargetOrNull(raw: string | null | undefined, field: string, region?: string | null): string | null {
  if (raw == null || raw.trim() === '') return null;
  return toDialTarget(raw, field, region);
}
