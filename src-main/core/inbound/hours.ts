import type { Db } from '../db/connection';

/** Whether a company takes calls at an instant, and when it opens next (epoch ms, null: never). */
export interface OpenState {
  open: boolean;
  nextOpenAt: number | null;
}

/**
 * The one question inbound asks of the schedule domain. A function type, so the lookup can be
 * tested against fixed hours; schedule-hours.ts answers it from the company's real schedule.
 */
export type OpeningHours = (db: Db, company: { id: number; timezone: string }, at: number) => OpenState;
