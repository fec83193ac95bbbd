import { WEEKDAYS, type ScheduleException, type ScheduleWindow, type Weekday } from '../../../src-shared/contract/schedule';
import { badInput } from '../errors';
import { toClock, toMinutes } from './schedule';

/**
 * The command line's way of writing hours: "mon-fri 09:00-17:00", "sat 10:00-14:00",
 * "mon,wed 09:00-12:00,13:00-18:00", "daily 08:00-20:00". A window that crosses midnight
 * ("fri 22:00-02:00") becomes two: the evening and the next morning.
 */
export function parseWindowSpec(spec: string): ScheduleWindow[] {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(spec);
  if (!m) throw badInput(`--window "${spec}": write it as DAYS HH:MM-HH:MM, for example "mon-fri 09:00-17:00"`);
  const days = parseDays(m[1], spec);
  const out: ScheduleWindow[] = [];
  for (const range of m[2].split(',')) {
    const { start, end } = parseRange(range, `--window "${spec}"`);
    for (const day of days) {
      if (start < end) out.push({ day: WEEKDAYS[day], start: toClock(start), end: toClock(end) });
      else {
        out.push({ day: WEEKDAYS[day], start: toClock(start), end: '24:00' });
        if (end > 0) out.push({ day: WEEKDAYS[(day + 1) % 7], start: '00:00', end: toClock(end) });
      }
    }
  }
  return out;
}

/** "2026-12-25" (closed all day), "2026-12-25 closed" or "2026-12-24 09:00-13:00[,14:00-16:00]". */
export function parseExceptionSpec(spec: string): ScheduleException[] {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?\s*$/.exec(spec);
  if (!m) throw badInput(`--exception "${spec}": write it as YYYY-MM-DD [closed | HH:MM-HH:MM]`);
  const [, date, hours] = m;
  if (!hours || hours === 'closed') return [{ date, closed: true }];
  return hours.split(',').map((range) => {
    const { start, end } = parseRange(range, `--exception "${spec}"`);
    if (start >= end) throw badInput(`--exception "${spec}": ${range} ends before it starts`);
    return { date, closed: false, start: toClock(start), end: toClock(end) };
  });
}

function parseDays(text: string, spec: string): number[] {
  const t = text.toLowerCase();
  if (t === 'daily' || t === 'everyday' || t === '*') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of t.split(',')) {
    const [from, to] = part.split('-');
    const a = dayIndex(from, spec);
    const b = to === undefined ? a : dayIndex(to, spec);
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days].sort();
}

function dayIndex(name: string, spec: string): number {
  const i = WEEKDAYS.indexOf(name.slice(0, 3) as Weekday);
  if (i < 0 || name.length < 3) throw badInput(`--window "${spec}": "${name}" is not a day (mon, tue, wed, thu, fri, sat, sun)`);
  return i;
}

function parseRange(range: string, where: string): { start: number; end: number } {
  const m = /^((?:[01]\d|2[0-3]):[0-5]\d)-((?:[01]\d|2[0-3]):[0-5]\d|24:00)$/.exec(range);
  if (!m) throw badInput(`${where}: "${range}" is not HH:MM-HH:MM on a 24-hour clock`);
  return { start: toMinutes(m[1]), end: toMinutes(m[2]) };
}
