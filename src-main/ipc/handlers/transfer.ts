import { companyOf } from '../../core/companies/companies';
import { deliverFile } from '../../core/exports/delivery';
import { companyFileName, countsOf, writeCompanyFile } from '../../core/transfer/export';
import { importCompany } from '../../core/transfer/import';
import type { Handlers } from '../types';

export const transferHandlers: Handlers<'transfer.exportCompany' | 'transfer.importCompany'> = {
  'transfer.exportCompany': {
    access: 'site',
    async run(ctx, input) {
      const company = await companyOf(ctx.core.db, input.companyId);
      const { result, ...file } = await deliverFile(ctx.files, companyFileName(company.slug), (path) =>
        writeCompanyFile(ctx.core.db, company.id, path, ctx.core.clock()),
      );
      const counts = result
        ? countsOf(result.file)
        : { scenarios: 0, outboundLines: 0, agents: 0, scheduleWindows: 0, scheduleExceptions: 0, aiAgents: 0, inboundNumbers: 0 };
      return { ...file, bytes: result?.bytes ?? 0, counts };
    },
  },
  'transfer.importCompany': {
    access: 'site',
    async run(ctx, input) {
      const answer = await importCompany(ctx.core.db, ctx.actor, input, ctx.core.clock());
      ctx.core.events.emit('company.changed', { companyId: answer.company.id });
      return answer;
    },
  },
};
