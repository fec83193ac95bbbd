import type { ChannelName } from '../../../src-shared/contract';
import type { ImportSource } from '../../../src-shared/contract/numbers';
import { importNumbers, type ListImport } from '../../core/numbers/import';
import { importDoNotCall } from '../../core/dnc/dnc';
import { lookupNumber, poolCounts, resetNumberStatus } from '../../core/numbers/pool';
import { numberHistory } from '../../core/numbers/history';
import type { Handlers, SignedInContext } from '../types';

type NumbersChannel = Extract<ChannelName, `numbers.${string}`>;

/**
 * Runs a list job on pasted text, or on the file behind a handle this session got from the
 * transport (a dialog or an upload); the handle is used up either way, and an upload's copy deleted.
 */
async function withList<T>(ctx: SignedInContext, input: ImportSource, job: (list: ListImport) => Promise<T>): Promise<T> {
  if (input.content !== undefined) return job({ source: { content: input.content }, region: input.region, sourceName: input.source });
  const file = ctx.files.take(input.file!);
  try {
    return await job({ source: { file: file.path }, region: input.region, sourceName: input.source ?? file.name });
  } finally {
    file.release();
  }
}

/** Whose list: the company named, or for a company's people always their own; the site's only for its owner. */
const ownerOf = (ctx: SignedInContext, companyId: number | undefined): number | null => companyId ?? ctx.user.companyId;

export const numbersHandlers: Handlers<NumbersChannel> = {
  'numbers.import': {
    access: 'operate',
    run: (ctx, input) =>
      withList(ctx, input, (list) =>
        importNumbers(ctx.core, ctx.actor, { ...list, companyId: ownerOf(ctx, input.companyId), listName: input.list }),
      ),
  },
  // a company's own list is its admin's; the site's, which no company dials, the owner's alone
  'numbers.dnc': {
    access: 'manage',
    run: (ctx, input) =>
      withList(ctx, input, (list) => importDoNotCall(ctx.core, ctx.actor, { ...list, companyId: ownerOf(ctx, input.companyId) })),
  },
  'numbers.counts': {
    access: 'read',
    run: (ctx, input) => poolCounts(ctx.core, input.companyId ?? ctx.user.companyId),
  },
  'numbers.lookup': { access: 'read', run: (ctx, input) => lookupNumber(ctx.core, input.companyId, input.phone, input.region) },
  'numbers.history': {
    access: 'read',
    run: (ctx, input) => numberHistory(ctx.core.db, { ...input, companyIds: ctx.user.role === 'superuser' ? null : ctx.user.companyIds }),
  },
  'numbers.resetStatus': {
    access: 'operate',
    run: (ctx, input) => resetNumberStatus(ctx.core.db, ctx.actor, input, ctx.core.clock()),
  },
};
