import type { Db } from '../db/connection';
import { openState } from '../schedule/open';

/** Whether a company takes calls at an instant, and when it opens next (epoch ms, null: never). */
export interface OpenState {
  open: boolean;
  nextOpenAt: number | null;
}

/**
 * The one question inbound asks of the schedule domain. A function type, so the lookup can be
 * tested against fixed hours; companyHours answers it from the company's real schedule.
 */
export type OpeningHours = (db: Db, company: { id: number; timezone: string }, at: number) => OpenState;

/**
 * Opening hours from the company's schedule (src-main/core/schedule): the same windows and date
 * exceptions the dialers are held to, on the company's wall clock. A company without any hours set
 * is closed, so its numbers play the closed message until a supervisor sets them.
 */
export const companyHours: OpeningHours = (db, company, at) => {
  const state = openState(db, company.id, company.timezone, at);
  return { open: state.open, nextOpenAt: state.nextOpenAt };
};
