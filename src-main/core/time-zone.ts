/**
 * Wall-clock arithmetic in an IANA time zone, with nothing but Intl. A local day is found by its
 * first instant, so days of 23 or 25 hours (DST) and zones such as Asia/Tehran (+03:30) or
 * Asia/Kathmandu (+05:45) need no special cases.
 */
export const MINUTE_MS = 60_000;
export const QUARTER_MS = 15 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

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
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The local wall-clock time at `ms`, written as if it were a UTC instant (whole seconds). */
export function wallClock(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The zone's UTC offset at `ms`, in ms (east positive). */
export function offsetAt(ms: number, tz: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, tz) - whole;
}

/** YYYY-MM-DD of a UTC-based ms value (a wall clock or a date's midnight). */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The local calendar date at `ms`. */
export const localDate = (ms: number, tz: string): string => isoDate(wallClock(ms, tz));

export const dateMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string => isoDate(dateMs(date) + days * DAY_MS);

/**
 * The first instant of a local date. Where midnight does not exist (a DST gap at 00:00) that is the
 * first instant after the gap; where it happens twice (a fall-back at midnight), the first of the two.
 */
export function startOfLocalDay(date: string, tz: string): number {
  const target = dateMs(date);
  let t = target - offsetAt(target, tz);
  for (let i = 0; i < 3; i++) {
    const next = target - offsetAt(t, tz);
    if (next === t) break;
    t = next;
  }
  // settle on the quarter-hour grid every real offset lives on, then make t the first such instant
  t = Math.floor(t / QUARTER_MS) * QUARTER_MS;
  for (let i = 0; i < 16 && wallClock(t, tz) < target; i++) t += QUARTER_MS;
  for (let i = 0; i < 16 && wallClock(t - QUARTER_MS, tz) >= target; i++) t -= QUARTER_MS;
  return t;
}

/** "YYYY-MM-DD HH:MM:SS" in the zone. */
export function formatLocal(ms: number, tz: string): string {
  return new Date(wallClock(ms, tz)).toISOString().slice(0, 19).replace('T', ' ');
}

/** "+03:30", "-05:00", "+00:00". */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / MINUTE_MS);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface OffsetSegment {
  start: number;
  /** exclusive */
  end: number;
  offset: number;
}

/**
 * Splits [start, end) where the zone's offset changes (DST), so each piece can be grouped into local
 * hours or days by plain arithmetic. Samples once a day and bisects to the quarter-hour a change
 * happened at; real zones never change twice within a day.
 */
export function offsetSegments(start: number, end: number, tz: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let segStart = start;
  let offset = offsetAt(start, tz);
  let probe = start;
  while (probe < end) {
    const next = Math.min(probe + DAY_MS, end - QUARTER_MS);
    if (next <= probe) break;
    const nextOffset = offsetAt(next, tz);
    if (nextOffset !== offset) {
      let lo = probe;
      let hi = next;
      while (hi - lo > QUARTER_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / QUARTER_MS) * QUARTER_MS;
        if (offsetAt(mid, tz) === offset) lo = mid;
        else hi = mid;
      }
      segments.push({ start: segStart, end: hi, offset });
      segStart = hi;
      offset = offsetAt(hi, tz);
    }
    probe = next;
  }
  segments.push({ start: segStart, end, offset });
  return segments;
}
