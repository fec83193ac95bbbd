import type { ChannelName } from '../../../src-shared/contract';
import { companyOf } from '../../core/companies/companies';
import { dialerRegistry } from '../../core/dialer/registry';
import { dialingState } from '../../core/dialer/state';
import type { Handlers } from '../types';

type DialersChannel = Extract<ChannelName, `dialers.${string}`>;

export const dialerHandlers: Handlers<DialersChannel> = {
  'dialers.list': {
    access: 'read',
    async run(ctx, input) {
      await companyOf(ctx.core.db, input.companyId);
      return dialerRegistry(ctx.core).list(input.companyId);
    },
  },
  'dialers.state': {
    access: 'read',
    run: (ctx, input) => dialingState(ctx.core, input.companyId),
  },
};
