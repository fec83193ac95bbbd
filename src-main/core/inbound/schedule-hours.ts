import { openState } from '../schedule/open';
import type { OpeningHours } from './hours';

/**
 * Opening hours from the company's schedule (src-main/core/schedule): the same windows and date
 * exceptions the dialers are held to, on the company's wall clock. A company without any hours set
 * is closed, so its numbers play the closed message until a supervisor sets them.
 */
export const companyHours: OpeningHours = (db, company, at) => {
  const state = openState(db, company.id, company.timezone, at);
  return { open: state.open, nextOpenAt: state.nextOpenAt };
};
