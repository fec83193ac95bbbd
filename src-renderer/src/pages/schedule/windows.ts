import type { ScheduleWindow, Weekday } from '../../../../src-shared/contract/schedule';
import { i18next } from '../../i18n';

const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The week's days with their names in the console's language, read when shown (the language may change). */
export const DAYS: { key: Weekday; readonly label: string; readonly short: string }[] = WEEK.map((key) => ({
  key,
  get label() {
    return i18next.t(`schedule.days.${key}`);
  },
  get short() {
    return i18next.t(`schedule.short.${key}`);
  },
}));

/** The grid paints half-hours: 48 slots a day. */
export const SLOTS = 48;

export const toMinutes = (t: string): number => {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
};

export const fromMinutes = (min: number): string => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** Which half-hours of a day its windows cover completely. */
export function slotsOf(windows: ScheduleWindow[], day: Weekday): boolean[] {
  const slots = new Array<boolean>(SLOTS).fill(false);
  for (const w of windows) {
    if (w.day !== day) continue;
    const a = toMinutes(w.start);
    const b = toMinutes(w.end);
    for (let i = 0; i < SLOTS; i++) if (i * 30 >= a && (i + 1) * 30 <= b) slots[i] = true;
  }
  return slots;
}

/** A day's windows rebuilt from painted half-hours: each run of open slots is one window. */
export function windowsFromSlots(day: Weekday, slots: boolean[]): ScheduleWindow[] {
  const out: ScheduleWindow[] = [];
  let start: number | null = null;
  for (let i = 0; i <= SLOTS; i++) {
    const open = i < SLOTS && slots[i];
    if (open && start === null) start = i;
    if (!open && start !== null) {
      out.push({ day, start: fromMinutes(start * 30), end: fromMinutes(i * 30) });
      start = null;
    }
  }
  return out;
}

/** The first problem with a set of windows, in words, or null. */
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function windowProblem(ws: ScheduleWindow[]): string | null {
  for (const w of ws) {
    for (const t of [w.start, w.end]) {
      if (!CLOCK.test(t))
        return i18next.t('schedule.problems.notATime', { day: DAYS.find((d) => d.key === w.day)?.label ?? w.day, time: t });
    }
  }
  for (const d of DAYS) {
    const day = ws.filter((w) => w.day === d.key).sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 0; i < day.length; i++) {
      if (toMinutes(day[i].end) <= toMinutes(day[i].start))
        return i18next.t('schedule.problems.endAfterStart', { day: d.label, start: day[i].start, end: day[i].end });
      if (i > 0 && toMinutes(day[i].start) < toMinutes(day[i - 1].end))
        return i18next.t('schedule.problems.overlap', {
          day: d.label,
          first: `${day[i - 1].start}–${day[i - 1].end}`,
          second: `${day[i].start}–${day[i].end}`,
        });
    }
  }
  return null;
}

export function weekdayRange(days: Weekday[], start: string, end: string): ScheduleWindow[] {
  return days.map((day) => ({ day, start, end }));
}
