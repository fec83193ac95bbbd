import type { StatementTotals } from '../../../src-shared/contract/exports';
import { companyOf } from '../../core/companies/companies';
import { exportCallsCsv } from '../../core/exports/calls-csv';
import { deliverFile } from '../../core/exports/delivery';
import { exportStatementCsv } from '../../core/exports/statement-csv';
import type { Handlers } from '../types';

// named one by one: the billing.* prefix belongs to the billing domain's own handlers
const EMPTY_TOTALS: StatementTotals = {
  topup: { entries: 0, amount: 0 },
  charge: { entries: 0, amount: 0 },
  refund: { entries: 0, amount: 0 },
  adjustment: { entries: 0, amount: 0 },
};

export const exportsHandlers: Handlers<'calls.exportCsv' | 'billing.statementCsv'> = {
  'calls.exportCsv': {
    access: 'read',
    async run(ctx, input) {
      const company = await companyOf(ctx.core.db, input.companyId);
      const span = input.from || input.to ? `-${input.from ?? 'start'}_${input.to ?? 'now'}` : '';
      const d = await deliverFile(ctx.files, `${company.slug}-calls${span}.csv`, (path) => exportCallsCsv(ctx.core.db, input, path));
      const { result, ...file } = d;
      return { ...file, rows: result?.rows ?? 0, bytes: result?.bytes ?? 0 };
    },
  },
  'billing.statementCsv': {
    // money, like the ledger it is drawn from: admins and the site owner
    access: 'manage',
    async run(ctx, input) {
      const company = await companyOf(ctx.core.db, input.companyId);
      const d = await deliverFile(ctx.files, `${company.slug}-statement-${input.month}.csv`, (path) =>
        exportStatementCsv(ctx.core.db, input, path),
      );
      const { result, ...file } = d;
      return {
        ...file,
        month: input.month,
        currency: company.currency,
        openingBalance: result?.openingBalance ?? 0,
        closingBalance: result?.closingBalance ?? 0,
        entries: result?.entries ?? 0,
        totals: result?.totals ?? EMPTY_TOTALS,
        bytes: result?.bytes ?? 0,
      };
    },
  },
};
