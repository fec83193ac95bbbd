import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';

/** Weekly calling hours and date exceptions, in the company's own time zone. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" on a 24-hour clock; "24:00" ends a window at midnight. */
export const ClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM on a 24-hour clock, 00:00 to 24:00');
export const ScheduleDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date is YYYY-MM-DD');

/** A window opens at `start` (inclusive) and closes at `end` (exclusive). */
export const ScheduleWindow = z.object({ day: z.enum(WEEKDAYS), start: ClockTime, end: ClockTime }).strict();
export type ScheduleWindow = z.output<typeof ScheduleWindow>;

/** A date that differs from the week: closed all day, or open only in the windows given for it. */
export const ScheduleException = z
  .object({
    date: ScheduleDate,
    closed: z.boolean(),
    start: ClockTime.optional(),
    end: ClockTime.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export type ScheduleException = z.output<typeof ScheduleException>;

export const ScheduleSetInput = z
  .object({
    companyId: Id,
    windows: z.array(ScheduleWindow).max(7 * 24),
    exceptions: z.array(ScheduleException).max(1000).default([]),
  })
  .strict();
export type ScheduleSet = z.output<typeof ScheduleSetInput>;

export interface ScheduleDto {
  companyId: number;
  timezone: string;
  windows: ScheduleWindow[];
  exceptions: ScheduleException[];
  openNow: boolean;
  /** when closed: the next opening (null: no opening in the coming year) */
  nextOpenAt: string | null;
  /** when open: when the current window closes */
  closesAt: string | null;
}

export const scheduleChannels = {
  'schedule.get': channel<ScheduleDto>()(z.object({ companyId: Id }).strict()),
  /** replaces the company's whole schedule */
  'schedule.set': channel<ScheduleDto>()(ScheduleSetInput),
};
