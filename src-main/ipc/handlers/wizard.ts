import { createCompanyFromWizard } from '../../core/wizard/create';
import type { Handlers } from '../types';

export const wizardHandlers: Handlers<'wizard.createCompany'> = {
  'wizard.createCompany': {
    access: 'site',
    async run(ctx, input) {
      const answer = await createCompanyFromWizard(ctx.core.db, ctx.actor, input, ctx.core.clock());
      const { company } = answer;
      ctx.core.events.emit('company.changed', { companyId: company.id });
      if (company.walletBalance !== 0) {
        ctx.core.events.emit('wallet.changed', { companyId: company.id, balance: company.walletBalance, currency: company.currency });
      }
      return answer;
    },
  },
};
