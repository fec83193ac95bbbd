import { getCountries } from 'libphonenumber-js/min';
import { intlLocale } from './locale';

/** Choices for time zone, currency and country pickers, from the browser's own tables and libphonenumber's. */
export function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

/** ISO 4217 codes the browser knows, the common ones first (the server holds companies to the same list). */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'IRR', 'TRY', 'AED', 'SAR', 'INR', 'JPY', 'CAD', 'AUD', 'CHF', 'RUB', 'CNY', 'BRL'];

export function currencies(): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('currency');
  } catch {
    all = COMMON_CURRENCIES;
  }
  return [...COMMON_CURRENCIES.filter((c) => all.includes(c)), ...all.filter((c) => !COMMON_CURRENCIES.includes(c))];
}

export function isCurrency(code: string): boolean {
  try {
    return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return /^[A-Z]{3}$/.test(code);
  }
}

/** "IRR · Iranian Rial" in the console's language. */
export function currencyLabel(code: string): string {
  try {
    return `${code} · ${new Intl.DisplayNames(intlLocale(), { type: 'currency' }).of(code) ?? code}`;
  } catch {
    return code;
  }
}

/** The countries whose phone numbers libphonenumber can read, by their names in the console's language. */
export function countries(): { code: string; name: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(intlLocale(), { type: 'region' });
  } catch {
    names = null;
  }
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, intlLocale()));
}

/** The machine's own zone: a good first guess for a company set up at this desk. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A good first guess of a company's country from its zone (Asia/Tehran → IR), or null. */
export function countryOfZone(zone: string): string | null {
  const guesses: Record<string, string> = {
    'Asia/Tehran': 'IR',
    'Europe/Berlin': 'DE',
    'Europe/London': 'GB',
    'Europe/Paris': 'FR',
    'Europe/Istanbul': 'TR',
    'Asia/Dubai': 'AE',
    'America/New_York': 'US',
    'America/Chicago': 'US',
    'America/Los_Angeles': 'US',
  };
  return guesses[zone] ?? null;
}
