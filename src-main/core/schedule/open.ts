import type { Queries } from '../db/engine/queries';
import { addDays, instantOf, localTime, weekdayOf } from './local-time';

/** A window in minutes since local midnight: open from `start` (inclusive) to `end` (exclusive). */
export interface MinuteWindow {
  start: number;
  end: number;
}

export interface OpenState {
  open: boolean;
  /** when closed: the next opening (epoch ms), null when none within a year */
  nextOpenAt: number | null;
  /** when open: when the current stretch of opening closes, null when it never does (24x7) */
  closesAt: number | null;
}

/** A company's week (index 0 = Monday) and its date exceptions, as stored. */
export interface LoadedSchedule {
  week: MinuteWindow[][];
  /** date → that day's windows instead of the week's (empty: closed all day) */
  exceptions: Map<string, MinuteWindow[]>;
}

const SEARCH_DAYS = 370;

const WINDOWS = 'select weekday, start_minute, end_minute from schedule_windows where company_id = ? order by weekday, start_minute';
const EXCEPTIONS =
  'select date, closed, start_minute, end_minute from schedule_exceptions where company_id = ? and date >= ? order by date, start_minute';
type WindowRow = { weekday: number; start_minute: number; end_minute: number };
type ExceptionRow = { date: string; closed: number; start_minute: number | null; end_minute: number | null };

function scheduleFrom(rows: WindowRow[], ex: ExceptionRow[]): LoadedSchedule {
  const week: MinuteWindow[][] = Array.from({ length: 7 }, () => []);
  for (const r of rows) week[r.weekday].push({ start: r.start_minute, end: r.end_minute });
  const exceptions = new Map<string, MinuteWindow[]>();
  for (const r of ex) {
    const list = exceptions.get(r.date) ?? [];
    if (!r.closed && r.start_minute !== null && r.end_minute !== null) list.push({ start: r.start_minute, end: r.end_minute });
    exceptions.set(r.date, list);
  }
  return { week, exceptions };
}

/** A company's week and its exceptions from `fromDate` on. */
export async function scheduleOf(q: Queries, companyId: number, fromDate: string): Promise<LoadedSchedule> {
  return scheduleFrom(await q.all<WindowRow>(WINDOWS, [companyId]), await q.all<ExceptionRow>(EXCEPTIONS, [companyId, fromDate]));
}

export function windowsOn(schedule: LoadedSchedule, date: string): MinuteWindow[] {
  return schedule.exceptions.get(date) ?? schedule.week[weekdayOf(date)];
}

/**
 * Is the company inside its calling hours at `now`, and if not, when does it open? Computed on the
 * company's wall clock, so a 09:00-17:00 window is 09:00-17:00 local on DST change days too.
 * A company with no windows at all is closed: nobody dials until a supervisor sets hours.
 */
export async function companyOpenState(q: Queries, companyId: number, timezone: string, now: number): Promise<OpenState> {
  const here = localTime(now, timezone);
  return openStateOf(await scheduleOf(q, companyId, addDays(here.date, -1)), timezone, now);
}

export function openStateOf(schedule: LoadedSchedule, timezone: string, now: number): OpenState {
  const here = localTime(now, timezone);
  const current = windowsOn(schedule, here.date).find((w) => w.start <= here.minute && here.minute < w.end);
  if (current) return { open: true, nextOpenAt: null, closesAt: closingOf(schedule, here.date, current, timezone) };
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const date = addDays(here.date, d);
    const next = windowsOn(schedule, date).find((w) => d > 0 || w.start > here.minute);
    if (next) return { open: false, nextOpenAt: instantOf(date, next.start, timezone), closesAt: null };
  }
  return { open: false, nextOpenAt: null, closesAt: null };
}

/** Follows windows that touch (17:00-24:00 then 00:00-...) to the real closing time. */
function closingOf(schedule: LoadedSchedule, date: string, window: MinuteWindow, timezone: string): number | null {
  let day = date;
  let end = window.end;
  for (let hops = 0; hops < 16; hops++) {
    const windows = windowsOn(schedule, day);
    const touching = windows.find((w) => w.start <= end && w.end > end);
    if (touching) {
      end = touching.end;
      continue;
    }
    if (end < 1440) return instantOf(day, end, timezone);
    const nextDay = addDays(day, 1);
    if (!windowsOn(schedule, nextDay).some((w) => w.start === 0)) return instantOf(nextDay, 0, timezone);
    day = nextDay;
    end = 0;
  }
  return null;
}
