import type { ScheduleWindow } from '../../../src-shared/contract/schedule';
import { WEEKDAYS } from '../../../src-shared/contract/schedule';
import type { Queries } from '../db/engine/queries';
import { companyOpenState, openStateOf, type MinuteWindow } from '../schedule/open';
import { toMinutes } from '../schedule/schedule';

/** Whether a company takes calls at an instant, and when it opens next (epoch ms, null: never). */
export interface OpenState {
  open: boolean;
  nextOpenAt: number | null;
}

/**
 * The one question inbound asks of the schedule domain. A function type, so the lookup can be
 * tested against fixed hours; companyHours answers it from the company's real schedule.
 */
export type OpeningHours = (q: Queries, company: { id: number; timezone: string }, at: number) => Promise<OpenState>;

/**
 * Opening hours from the company's schedule (src-main/core/schedule): the same windows and date
 * exceptions the dialers are held to, on the company's wall clock. A company without any hours set
 * is closed, so its numbers play the closed message until a supervisor sets them.
 */
export const companyHours: OpeningHours = async (q, company, at) => {
  const state = await companyOpenState(q, company.id, company.timezone, at);
  return { open: state.open, nextOpenAt: state.nextOpenAt };
};

/**
 * Whether a department takes calls at `at` by its own weekly hours, on the company's clock. No hours
 * of its own: it follows the company (whose hours the caller is already inside when this is asked).
 * Date exceptions are the company's: a holiday closes the whole company, departments included.
 */
export function departmentOpen(hours: ScheduleWindow[], timezone: string, at: number): boolean {
  if (hours.length === 0) return true;
  const week: MinuteWindow[][] = WEEKDAYS.map((day) =>
    hours.filter((w) => w.day === day).map((w) => ({ start: toMinutes(w.start), end: toMinutes(w.end) })),
  );
  return openStateOf({ week, exceptions: new Map() }, timezone, at).open;
}
