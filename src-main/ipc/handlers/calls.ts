import { getCall } from '../../core/calllog/detail';
import { countCalls, listCalls } from '../../core/calllog/list';
import type { Handlers } from '../types';

export const callsHandlers: Handlers<'calls.list' | 'calls.count' | 'calls.get'> = {
  'calls.list': { access: 'read', run: (ctx, input) => listCalls(ctx.core.db, input) },
  'calls.count': { access: 'read', run: (ctx, input) => countCalls(ctx.core.db, input) },
  'calls.get': { access: 'read', run: (ctx, input) => getCall(ctx.core.db, input) },
};
