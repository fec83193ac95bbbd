/** Choices for time zone and currency pickers, from the browser's own tables. */
export function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'IRR', 'TRY', 'AED', 'SAR', 'INR', 'JPY', 'CAD', 'AUD', 'CHF', 'RUB', 'CNY', 'BRL'];

export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** The machine's own zone: a good first guess for a company set up at this desk. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
