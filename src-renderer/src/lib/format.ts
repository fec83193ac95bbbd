import { intlLocale, useLocale } from './locale';

/**
 * How numbers, money and times look everywhere in the console, in the console's language (Persian
 * digits in Persian) and calendar (Gregorian or Jalali). Money arrives as integer minor units in the
 * company's currency; times arrive as ISO strings (UTC) and are shown in the company's zone. The
 * console re-renders from the top when the language changes, so these read it at call time.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const locale = () => intlLocale();

function moneyFormat(currency: string): Intl.NumberFormat {
  const l = locale();
  return cached(`money|${l}|${currency}`, () => new Intl.NumberFormat(l, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }));
}

/** How many minor units make one major unit: 2 for USD, 0 for JPY or IRR's rials as ISO counts them. */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  try {
    return moneyFormat(currency).format(minor / 10 ** fractionDigits(currency));
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII, so what a person types in either is read. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * "12.50" typed by a person → 1250 minor units; null when it is not an amount. Trailing zeros past the
 * currency's digits are fine ("0.00" in rials is 0); Persian digits and separators are read too.
 */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = asciiDigits(text)
    .replace(/[\s,\u066c\u060c]/g, '')
    .replace(/\u066b/g, '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const digits = fractionDigits(currency);
  const [whole, rawFrac = ''] = cleaned.replace('-', '').split('.');
  const frac = rawFrac.length > digits && /^0*$/.test(rawFrac.slice(digits)) ? rawFrac.slice(0, digits) : rawFrac;
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || 0);
  if (!Number.isSafeInteger(minor)) return null;
  return cleaned.startsWith('-') ? -minor : minor;
}

/** minor units → the text to put back into an input ("12.50"), always with ASCII digits */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

export const formatInt = (n: number): string => cached(`int|${locale()}`, () => new Intl.NumberFormat(locale())).format(n);

/** A number written in the console's digits, without grouping (years, times, codes). */
export function formatDigits(text: string | number): string {
  const s = String(text);
  if (useLocale.getState().language !== 'fa') return s;
  return s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** `digits`: 1 for a figure, 0 for a chart's axis */
export function formatPercent(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return cached(
    `pct|${locale()}|${digits}`,
    () => new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(ratio);
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  const ss = String(rest).padStart(2, '0');
  return formatDigits(h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`);
}

type DateKind = 'datetime' | 'date' | 'time' | 'day' | 'month' | 'weekday' | 'minute';
const DATE_OPTIONS: Record<DateKind, Intl.DateTimeFormatOptions> = {
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  /** a chart's day: "Mar 2" */
  day: { month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  weekday: { weekday: 'long' },
  /** a wall-clock time typed to the minute */
  minute: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

function dtf(timeZone: string, kind: DateKind): Intl.DateTimeFormat {
  const l = locale();
  return cached(`dt|${l}|${timeZone}|${kind}`, () => new Intl.DateTimeFormat(l, { ...DATE_OPTIONS[kind], timeZone }));
}

export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dtf(timeZone, 'datetime').format(d);
}

export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dtf(timeZone, 'date').format(d);
}

export function formatTime(iso: string, timeZone: string): string {
  return dtf(timeZone, 'time').format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, already local) in the console's calendar: "Mar 2, 2026" or "۱۱ اسفند ۱۴۰۴". */
export function formatLocalDate(date: string, kind: 'date' | 'day' | 'month' | 'weekday' = 'date'): string {
  const d = new Date(`${date.length === 7 ? `${date}-15` : date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : dtf('UTC', kind).format(d);
}

/** A wall-clock date and time as a datetime-local input holds it ("2026-03-02T10:30"), in the console's calendar. */
export function formatLocalDateTime(value: string): string {
  const d = new Date(`${value.slice(0, 16)}:00Z`);
  return Number.isNaN(d.getTime()) ? value : dtf('UTC', 'minute').format(d);
}

/** "3 min ago" for the live panels; the date after a day. */
export function formatAgo(iso: string, now: number, timeZone: string): string {
  const diff = Math.max(0, now - new Date(iso).getTime());
  const rtf = cached(`rel|${locale()}`, () => new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' }));
  if (diff < 10_000) return rtf.format(0, 'second');
  if (diff < 60_000) return rtf.format(-Math.floor(diff / 1000), 'second');
  if (diff < 3_600_000) return rtf.format(-Math.floor(diff / 60_000), 'minute');
  if (diff < 86_400_000) return rtf.format(-Math.floor(diff / 3_600_000), 'hour');
  return formatDateTime(iso, timeZone);
}

export function formatBytes(bytes: number): string {
  const n = (v: number, digits: number) =>
    cached(`b|${locale()}|${digits}`, () => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits })).format(v);
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, 1)} KB`;
  return `${n(bytes / 1024 / 1024, 1)} MB`;
}
