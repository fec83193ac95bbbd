import type { ChannelName } from '../../../src-shared/contract';
import { createApiKey, listApiKeys, revokeApiKey } from '../../core/apikeys/apikeys';
import { forbidden } from '../../core/errors';
import type { Handlers } from '../types';

type ApiKeysChannel = Extract<ChannelName, `apikeys.${string}`>;

export const apikeysHandlers: Handlers<ApiKeysChannel> = {
  'apikeys.list': {
    access: 'manage',
    // dispatch has checked an input companyId against the user's companies; without one, an admin sees their home company's
    run: (ctx, input) =>
      listApiKeys(ctx.core.db, ctx.user.role === 'superuser' ? (input.companyId ?? null) : (input.companyId ?? ctx.user.companyId)),
  },
  'apikeys.create': {
    access: 'manage',
    run(ctx, input) {
      // a key with no company acts for every company: that is the site owner's to give
      if (input.companyId === null && ctx.user.role !== 'superuser') throw forbidden('only the site owner may create a site-wide key');
      return createApiKey(ctx.core.db, ctx.actor, input, ctx.core.clock());
    },
  },
  'apikeys.revoke': {
    access: 'manage',
    run: (ctx, input) =>
      revokeApiKey(ctx.core.db, ctx.actor, input.id, ctx.user.role === 'superuser' ? null : ctx.user.companyIds, ctx.core.clock()),
  },
};
