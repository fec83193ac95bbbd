import { auth, blocked, common, errors, globalStatuses, nav, shell, statuses } from './shell';
import { apiKeys, companies, overview, search } from './pages';
import { inboundSettings, recording } from './inbound';
import { dnc } from './dnc';

/** The console's English, the source every other language follows key by key. */
export const en = {
  common,
  nav,
  shell,
  auth,
  errors,
  statuses,
  globalStatuses,
  blocked,
  companies,
  apiKeys,
  overview,
  search,
  inboundSettings,
  recording,
  dnc,
};

/** The same keys with any wording: what another language must provide. */
export type Messages<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
