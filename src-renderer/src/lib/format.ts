/**
 * How numbers, money and times look everywhere in the console. Money arrives as integer minor units
 * in the company's currency; times arrive as ISO strings (UTC) and are shown in the company's zone.
 */
const LOCALE = 'en-US';

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    moneyFormats.set(currency, f);
  }
  return f;
}

/** How many minor units make one major unit: 2 for USD, 0 for JPY or IRR's rials as ISO counts them. */
export function fractionDigits(currency: string): number {
  try {
    return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
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

/** "12.50" typed by a person → 1250 minor units; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const digits = fractionDigits(currency);
  const [whole, frac = ''] = cleaned.replace('-', '').split('.');
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || 0);
  if (!Number.isSafeInteger(minor)) return null;
  return cleaned.startsWith('-') ? -minor : minor;
}

/** minor units → the text to put back into an input ("12.50") */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

const intFormat = new Intl.NumberFormat(LOCALE);
export const formatInt = (n: number): string => intFormat.format(n);

export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  const ss = String(rest).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string, kind: 'datetime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { year: 'numeric', month: 'short', day: 'numeric' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(LOCALE, { ...opts, timeZone });
    dateTimeFormats.set(key, f);
  }
  return f;
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

/** "3 min ago" for the live panels; falls back to the date after a day. */
export function formatAgo(iso: string, now: number, timeZone: string): string {
  const diff = Math.max(0, now - new Date(iso).getTime());
  if (diff < 10_000) return 'just now';
  if (diff < 60_000) return `${Math.floor(diff / 1000)} s ago`;
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`;
  return formatDateTime(iso, timeZone);
}
