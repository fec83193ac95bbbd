import type { HandlerTable } from './types';
import { authHandlers } from './handlers/auth';
import { companiesHandlers } from './handlers/companies';
import { settingsHandlers } from './handlers/settings';
import { setupHandlers } from './handlers/setup';
import { inboundHandlers } from './handlers/inbound';
import { statsHandlers } from './handlers/stats';
import { callsHandlers } from './handlers/calls';
import { exportsHandlers } from './handlers/exports';
import { auditHandlers } from './handlers/audit';
import { transferHandlers } from './handlers/transfer';
import { backupHandlers } from './handlers/backup';
import { wizardHandlers } from './handlers/wizard';
import { numbersHandlers } from './handlers/numbers';
import { scheduleHandlers } from './handlers/schedule';
import { apikeysHandlers } from './handlers/apikeys';
import { billingHandlers } from './handlers/billing';
import { dialerHandlers } from './handlers/dialer';
import { filesHandlers } from './handlers/files';
import { lifecycleHandlers } from './handlers/lifecycle';
import { alertsHandlers } from './handlers/alerts';

/** Every channel's handler. The type demands one per channel in src-shared/contract. */
export const HANDLERS: HandlerTable = {
  ...authHandlers,
  ...companiesHandlers,
  ...settingsHandlers,
  ...setupHandlers,
  ...inboundHandlers,
  ...statsHandlers,
  ...callsHandlers,
  ...exportsHandlers,
  ...auditHandlers,
  ...transferHandlers,
  ...backupHandlers,
  ...wizardHandlers,
  ...numbersHandlers,
  ...scheduleHandlers,
  ...apikeysHandlers,
  ...billingHandlers,
  ...dialerHandlers,
  ...filesHandlers,
  ...lifecycleHandlers,
  ...alertsHandlers,
};
