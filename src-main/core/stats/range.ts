import type { ResolvedRange, StatsRangeInput } from '../../../src-shared/contract/stats';
import { assertNever } from '../../../src-shared/errors';
import { toIso } from '../time';
import { addDays, localDate, startOfLocalDay } from '../time-zone';

/** A range of local dates as UTC instants: [startMs, endMs). */
export interface DayRange {
  from: string;
  to: string;
  timezone: string;
  startMs: number;
  endMs: number;
}

/** Presets are read on the company's own calendar: "today" in Tehran is not "today" in UTC. */
export function resolveRange(range: StatsRangeInput, timezone: string, now: number): DayRange {
  const [from, to] = rangeDates(range, localDate(now, timezone));
  return localDays(from, to, timezone);
}

function rangeDates(range: StatsRangeInput, today: string): [string, string] {
  if (!('preset' in range)) return [range.from, range.to];
  switch (range.preset) {
    case 'today':
      return [today, today];
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'last7':
      return [addDays(today, -6), today];
    case 'thisMonth':
      return [`${today.slice(0, 8)}01`, today];
    default:
      return assertNever(range.preset, 'stats range preset');
  }
}

/** Local dates from..to inclusive, as the instants from the first moment of `from` to that of the day after `to`. */
export function localDays(from: string, to: string, timezone: string): DayRange {
  return {
    from,
    to,
    timezone,
    startMs: startOfLocalDay(from, timezone),
    endMs: startOfLocalDay(addDays(to, 1), timezone),
  };
}

export const toResolvedRange = (r: DayRange): ResolvedRange => ({
  from: r.from,
  to: r.to,
  timezone: r.timezone,
  startAt: toIso(r.startMs),
  endAt: toIso(r.endMs),
});
