import { getCall } from '../../core/calllog/detail';
import { listCalls } from '../../core/calllog/list';
import type { Handlers } from '../types';

export const callsHandlers: Handlers<'calls.list' | 'calls.get'> = {
  'calls.list': { access: 'read', run: (ctx, input) => listCalls(ctx.core.db, input) },
  'calls.get': { access: 'read', run: (ctx, input) => getCall(ctx.core.db, input) },
};
