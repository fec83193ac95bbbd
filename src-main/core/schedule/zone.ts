/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl: what a company's clock reads at
 * an instant, and the instant its clock first reads a given local time (DST gaps included).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD on the company's calendar */
  date: string;
  /** 0 = Monday ... 6 = Sunday */
  weekday: number;
  /** minutes since local midnight, 0..1439 */
  minute: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The local wall time at `ms`, read as if it were UTC, to the minute. */
function wallMs(ms: number, tz: string): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0;
  for (const p of formatter(tz).formatToParts(ms)) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
  }
  return Date.UTC(y, mo - 1, d, h, mi);
}

export function localTime(ms: number, tz: string): LocalTime {
  const wall = wallMs(ms, tz);
  const dayStart = Math.floor(wall / DAY) * DAY;
  return { date: isoDate(dayStart), weekday: weekdayOfUtcDay(dayStart), minute: Math.round((wall - dayStart) / MINUTE) };
}

export const isoDate = (utcDayMs: number): string => new Date(utcDayMs).toISOString().slice(0, 10);
const weekdayOfUtcDay = (utcDayMs: number): number => (new Date(utcDayMs).getUTCDay() + 6) % 7;
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

export const addDays = (date: string, days: number): string => isoDate(dayMs(date) + days * DAY);
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
