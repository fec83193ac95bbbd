import type { ChannelName } from '../../../src-shared/contract';
import { companyOf, createCompany, listCompanies, toCompanyDto, updateCompany } from '../../core/companies/companies';
import type { Handlers } from '../types';
import { companiesOverview } from '../../core/companies/overview';

type CompaniesChannel = Extract<ChannelName, `companies.${string}`>;

export const companiesHandlers: Handlers<CompaniesChannel> = {
  'companies.list': {
    access: 'read',
    run: (ctx) => listCompanies(ctx.core.db, ctx.user.role === 'superuser' ? null : ctx.user.companyIds),
  },
  'companies.overview': {
    access: 'read',
    run: (ctx) => companiesOverview(ctx.core, ctx.user.role === 'superuser' ? null : ctx.user.companyIds),
  },
  'companies.get': {
    access: 'read',
    run: async (ctx, input) => toCompanyDto(await companyOf(ctx.core.db, input.companyId)),
  },
  'companies.create': {
    access: 'site',
    async run(ctx, input) {
      const company = await createCompany(ctx.core.db, ctx.actor, input, ctx.core.clock());
      ctx.core.events.emit('company.changed', { companyId: company.id });
      return company;
    },
  },
  'companies.update': {
    access: 'site',
    async run(ctx, input) {
      const company = await updateCompany(ctx.core.db, ctx.actor, input, ctx.core.clock());
      ctx.core.events.emit('company.changed', { companyId: company.id });
      return company;
    },
  },
};
