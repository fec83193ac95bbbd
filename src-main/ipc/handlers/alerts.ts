import type { ChannelName } from '../../../src-shared/contract';
import { alertsFor } from '../../core/alerts/alerts';
import { listCompanies } from '../../core/companies/companies';
import type { Handlers } from '../types';

type AlertsChannel = Extract<ChannelName, `alerts.${string}`>;

export const alertsHandlers: Handlers<AlertsChannel> = {
  'alerts.list': {
    access: 'read',
    async run(ctx, input) {
      // dispatch has checked a given companyId against the user's companies
      const ids =
        input.companyId !== undefined
          ? [input.companyId]
          : (await listCompanies(ctx.core.db, ctx.user.role === 'superuser' ? null : ctx.user.companyIds))
              .filter((c) => c.isActive)
              .map((c) => c.id);
      return alertsFor(ctx.core, ids);
    },
  },
};
