import { statsMatrix } from '../../core/stats/matrix';
import { statsSeries } from '../../core/stats/series';
import type { Handlers } from '../types';

export const statsHandlers: Handlers<'stats.matrix' | 'stats.series'> = {
  'stats.matrix': { access: 'read', run: (ctx, input) => statsMatrix(ctx.core.db, input, ctx.core.clock()) },
  'stats.series': { access: 'read', run: (ctx, input) => statsSeries(ctx.core.db, input, ctx.core.clock()) },
};
