import type { ChannelName } from '../../../src-shared/contract';
import type { ImportSource } from '../../../src-shared/contract/numbers';
import { importDoNotCall, importNumbers, type ListImport } from '../../core/numbers/import';
import { lookupNumber, poolCounts, resetNumberStatus } from '../../core/numbers/pool';
import type { Handlers } from '../types';

type NumbersChannel = Extract<ChannelName, `numbers.${string}`>;

const listImport = (input: ImportSource): ListImport => ({
  source: input.path !== undefined ? { path: input.path } : { content: input.content ?? '' },
  region: input.region,
  sourceName: input.source,
});

export const numbersHandlers: Handlers<NumbersChannel> = {
  'numbers.import': { access: 'operate', run: (ctx, input) => importNumbers(ctx.core, ctx.actor, listImport(input)) },
  'numbers.dnc': { access: 'operate', run: (ctx, input) => importDoNotCall(ctx.core, ctx.actor, listImport(input)) },
  'numbers.counts': {
    access: 'read',
    run: (ctx, input) => poolCounts(ctx.core, input.companyId ?? ctx.user.companyId),
  },
  'numbers.lookup': { access: 'read', run: (ctx, input) => lookupNumber(ctx.core, input.companyId, input.phone, input.region) },
  'numbers.resetStatus': {
    access: 'operate',
    run: (ctx, input) => resetNumberStatus(ctx.core.db, ctx.actor, input, ctx.core.clock()),
  },
};
