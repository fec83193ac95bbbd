import type { RangePreset, StatsGranularity, StatsRangeInput } from '../../../../src-shared/contract';

/** The dashboard's range as it lives in the address (#/dashboard?range=last7 or range=custom&from=…&to=…). */
export type RangeChoice = { preset: RangePreset } | { from: string; to: string };

/** the presets in the order the picker shows them (their names: dashboard.ranges) */
export const PRESETS: RangePreset[] = ['today', 'yesterday', 'last7', 'thisMonth'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function rangeFromQuery(q: URLSearchParams): RangeChoice {
  const from = q.get('from');
  const to = q.get('to');
  if (q.get('range') === 'custom' && from && to && DATE.test(from) && DATE.test(to)) return { from, to };
  const preset = q.get('range') as RangePreset | null;
  return { preset: preset && PRESETS.includes(preset) ? preset : 'today' };
}

export function rangeToQuery(r: RangeChoice): Record<string, string> {
  return 'preset' in r ? { range: r.preset } : { range: 'custom', from: r.from, to: r.to };
}

export const toInput = (r: RangeChoice): StatsRangeInput => r;

/** Hours for one or two days, days beyond that. */
export function granularityFor(r: RangeChoice): StatsGranularity {
  if ('preset' in r) return r.preset === 'today' || r.preset === 'yesterday' ? 'hour' : 'day';
  const days = (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000;
  return days < 2 ? 'hour' : 'day';
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function localToday(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}
