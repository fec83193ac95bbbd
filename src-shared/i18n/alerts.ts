import type { Alert, AlertKind } from '../contract/alerts';

/**
 * An alert in a sentence, in the console's languages: the console's alert list and the desktop app's
 * notifications say the same thing. Figures are written in the language's own digits.
 */
export const LANGUAGES = ['en', 'fa'] as const;
export type Language = (typeof LANGUAGES)[number];

type Templates = Record<AlertKind | `${AlertKind}_critical`, string> & { title: string };

export const ALERT_TEXT: Record<Language, Templates> = {
  en: {
    title: 'DialDesk · {{company}}',
    pool_low: '{{company}}: only {{available}} numbers left to dial, fewer than the {{dialedLastDay}} dialed in the last day.',
    pool_low_critical: '{{company}}: no numbers left to dial. Import more numbers.',
    dialer_silent: '{{company}}: dialer {{dialerId}} has not called in since {{lastSeenAt}}.',
    dialer_silent_critical: '{{company}}: dialer {{dialerId}} has not called in since {{lastSeenAt}}.',
    wallet_low: '{{company}}: the wallet holds {{balance}}, below its warning level of {{threshold}}.',
    wallet_low_critical: '{{company}}: the wallet ({{balance}}) cannot pay for another call; dialing has stopped.',
    callbacks_due: '{{company}}: {{due}} callbacks are due.',
    callbacks_due_critical: '{{company}}: {{due}} callbacks are due.',
  },
  fa: {
    title: 'دایال‌دسک · {{company}}',
    pool_low: '{{company}}: فقط {{available}} شماره برای تماس مانده است، کمتر از {{dialedLastDay}} شماره‌ای که در یک روز گذشته گرفته شد.',
    pool_low_critical: '{{company}}: هیچ شماره‌ای برای تماس نمانده است. شماره‌های تازه وارد کنید.',
    dialer_silent: '{{company}}: شماره‌گیر {{dialerId}} از {{lastSeenAt}} تماسی نگرفته است.',
    dialer_silent_critical: '{{company}}: شماره‌گیر {{dialerId}} از {{lastSeenAt}} تماسی نگرفته است.',
    wallet_low: '{{company}}: موجودی کیف پول {{balance}} است، کمتر از حد هشدار {{threshold}}.',
    wallet_low_critical: '{{company}}: موجودی کیف پول ({{balance}}) هزینهٔ تماس دیگری را نمی‌پردازد؛ شماره‌گیری متوقف شده است.',
    callbacks_due: '{{company}}: {{due}} تماس برگشتی موعدش رسیده است.',
    callbacks_due_critical: '{{company}}: {{due}} تماس برگشتی موعدش رسیده است.',
  },
};

const LOCALE: Record<Language, string> = { en: 'en-US', fa: 'fa-IR' };

export interface AlertWording {
  language: Language;
  companyName: string;
  timezone: string;
  /** Jalali dates in Persian, when the desk or the user chose them */
  calendar?: 'gregorian' | 'persian';
}

/** The alert's title and sentence, figures formatted for the language (money in the company's currency). */
export function alertText(alert: Alert, w: AlertWording): { title: string; body: string } {
  const t = ALERT_TEXT[w.language];
  const locale = LOCALE[w.language];
  const p = alert.params;
  const currency = typeof p.currency === 'string' ? p.currency : null;
  const values: Record<string, string> = { company: w.companyName };
  for (const [key, value] of Object.entries(p)) {
    if (value === null) values[key] = '—';
    else if (typeof value === 'number' && currency && (key === 'balance' || key === 'threshold'))
      values[key] = money(value, currency, locale);
    else if (typeof value === 'number') values[key] = new Intl.NumberFormat(locale).format(value);
    else if (key.endsWith('At')) values[key] = time(value, w, locale);
    else values[key] = value;
  }
  const template = alert.severity === 'critical' ? t[`${alert.kind}_critical`] : t[alert.kind];
  return { title: fill(t.title, values), body: fill(template, values) };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? '');
}

function money(minor: number, currency: string, locale: string): string {
  try {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${minor} ${currency}`;
  }
}

function time(iso: string, w: AlertWording, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: w.timezone,
    calendar: (w.calendar ?? (w.language === 'fa' ? 'persian' : 'gregorian')) === 'persian' ? 'persian' : 'gregory',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}
