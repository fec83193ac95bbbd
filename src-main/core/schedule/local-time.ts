import { addDays, dateMs as dayMs, DAY_MS, isoDate, MINUTE_MS, wallClock } from '../time-zone';

/**
 * The schedule's view of a company's clock (on top of ../time-zone.ts): the local date, weekday and minute
 * at an instant, and the instant its clock first reads a given local time (DST gaps included).
 */

export interface LocalTime {
  /** YYYY-MM-DD on the company's calendar */
  date: string;
  /** 0 = Monday ... 6 = Sunday */
  weekday: number;
  /** minutes since local midnight, 0..1439 */
  minute: number;
}

const MINUTE = MINUTE_MS;
const DAY = DAY_MS;

/** The local wall time at `ms`, read as if it were UTC, to the minute. */
const wallMs = (ms: number, tz: string): number => Math.floor(wallClock(ms, tz) / MINUTE) * MINUTE;

export function localTime(ms: number, tz: string): LocalTime {
  const wall = wallMs(ms, tz);
  const dayStart = Math.floor(wall / DAY) * DAY;
  return { date: isoDate(dayStart), weekday: weekdayOfUtcDay(dayStart), minute: Math.round((wall - dayStart) / MINUTE) };
}

export { addDays, isoDate };
const weekdayOfUtcDay = (utcDayMs: number): number => (new Date(utcDayMs).getUTCDay() + 6) % 7;
export const weekdayOf = (date: string): number => weekdayOfUtcDay(dayMs(date));

/**
 * The first instant at which the company's clock reads `minute` on `date` or later. An ambiguous
 * time (the repeated hour in autumn) gives the earlier instant; a time that does not exist (the
 * skipped hour in spring) gives the moment the clock jumps past it.
 */
export function instantOf(date: string, minute: number, tz: string): number {
  const wall = dayMs(date) + minute * MINUTE;
  const offsets = new Set([-1, 0, 1].map((k) => wallMs(wall + k * DAY, tz) - (wall + k * DAY)));
  let best = Infinity;
  for (const off of offsets) {
    const t = wall - off;
    if (wallMs(t, tz) === wall && t < best) best = t;
  }
  if (best !== Infinity) return best;
  // in a gap: bisect (to the minute) for the first instant whose wall time is at or past `wall`
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  if (wallMs(lo, tz) >= wall) [lo, hi] = [hi, lo];
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid, tz) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
