import type { ChannelName } from '../../../src-shared/contract';
import { adjustWallet, topUp } from '../../core/billing/wallet';
import { listLedger } from '../../core/billing/ledger';
import { companyOf } from '../../core/companies/companies';
import type { Core } from '../../core/core';
import type { Handlers } from '../types';

type BillingChannel = Extract<ChannelName, `billing.${string}`>;

async function moved(core: Core, companyId: number, move: { balance: number; entryId: number }) {
  const { currency } = await companyOf(core.db, companyId);
  core.events.emit('wallet.changed', { companyId, balance: move.balance, currency });
  return { entryId: move.entryId, balance: move.balance, currency };
}

export const billingHandlers: Handlers<Exclude<BillingChannel, 'billing.statementCsv'>> = {
  'billing.topup': {
    access: 'manage',
    run: async (ctx, input) => moved(ctx.core, input.companyId, await topUp(ctx.core.db, ctx.actor, input, ctx.core.clock())),
  },
  'billing.adjust': {
    access: 'manage',
    run: async (ctx, input) => moved(ctx.core, input.companyId, await adjustWallet(ctx.core.db, ctx.actor, input, ctx.core.clock())),
  },
  'billing.ledger': { access: 'manage', run: (ctx, input) => listLedger(ctx.core.db, input) },
};
