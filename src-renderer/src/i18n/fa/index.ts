import type { Messages } from '../en';
import { auth, blocked, common, errors, globalStatuses, nav, shell, statuses } from './shell';
import { overview, search } from './pages';
import { apiKeys, audit, backups, companies, users } from './admin';
import { wizard } from './wizard';
import { agents, lines, scenarios } from './setup';
import { dashboard } from './dashboard';
import { callDetail, calls } from './calls';
import { numbers } from './numbers';
import { lifecycle } from './lifecycle';
import { schedule } from './schedule';
import { billing } from './billing';
import { settings } from './settings';
import { aiAgents, inbound, inboundSettings, recording } from './inbound';
import { dnc } from './dnc';

/** The console in Persian: the same keys as ../en (the type checker refuses a missing one). */
export const fa: Messages = {
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
  scenarios,
  lines,
  agents,
  dashboard,
  calls,
  callDetail,
  numbers,
  lifecycle,
  schedule,
  billing,
  settings,
  users,
  audit,
  backups,
  wizard,
  inbound,
  aiAgents,
  inboundSettings,
  recording,
  dnc,
};
