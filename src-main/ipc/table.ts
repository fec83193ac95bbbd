import type { HandlerTable } from './types';
import { authHandlers } from './handlers/auth';
import { companiesHandlers } from './handlers/companies';
import { settingsHandlers } from './handlers/settings';
import { setupHandlers } from './handlers/setup';
import { inboundHandlers } from './handlers/inbound';

/** Every channel's handler. The type demands one per channel in src-shared/contract. */
export const HANDLERS: HandlerTable = {
  ...authHandlers,
  ...companiesHandlers,
  ...settingsHandlers,
  ...setupHandlers,
  ...inboundHandlers,
};
