import type { ChannelName } from '../../../src-shared/contract';
import { AppError } from '../../core/errors';
import { listLists, setListActive } from '../../core/lists/lists';
import { listRecycleRules, removeRecycleRule, saveRecycleRule } from '../../core/recycling/rules';
import { cancelCallback, listCallbacks, moveCallback } from '../../core/callbacks/callbacks';
import { pauseDialing, pauseStatus, resumeDialing } from '../../core/pause/pause';
import { dialingSettingsOf, setDialingSettings } from '../../core/dialer/dialing-settings';
import { addDoNotCall, exportDncCsv, listDnc } from '../../core/dnc/dnc';
import { companyOf } from '../../core/companies/companies';
import { deliverFile } from '../../core/exports/delivery';
import { attemptCounts } from '../../core/stats/attempts';
import type { Handlers, SignedInContext } from '../types';

type LifecycleChannel =
  Extract<ChannelName, `${'lists' | 'recycling' | 'callbacks' | 'pause' | 'dialing' | 'dnc'}.${string}`> | 'stats.attempts';

/** No companyId means the whole site: the owner's alone. */
function scopeOf(ctx: SignedInContext, companyId: number | undefined, what: string): number | null {
  if (companyId !== undefined) return companyId;
  if (ctx.user.role !== 'superuser')
    throw new AppError('FORBIDDEN', `${what} of the whole site is the site owner's; name your company (companyId)`);
  return null;
}

export const lifecycleHandlers: Handlers<LifecycleChannel> = {
  'lists.list': { access: 'read', run: (ctx, input) => listLists(ctx.core, input.companyId) },
  'lists.setActive': { access: 'operate', run: (ctx, input) => setListActive(ctx.core, ctx.actor, input) },

  'stats.attempts': { access: 'read', run: (ctx, input) => attemptCounts(ctx.core.db, input, ctx.core.clock()) },

  'recycling.list': { access: 'read', run: (ctx, input) => listRecycleRules(ctx.core.db, input.companyId) },
  'recycling.save': { access: 'operate', run: (ctx, input) => saveRecycleRule(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'recycling.remove': { access: 'operate', run: (ctx, input) => removeRecycleRule(ctx.core.db, ctx.actor, input, ctx.core.clock()) },

  'callbacks.list': { access: 'read', run: (ctx, input) => listCallbacks(ctx.core.db, input, ctx.core.clock()) },
  'callbacks.move': { access: 'operate', run: (ctx, input) => moveCallback(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'callbacks.cancel': { access: 'operate', run: (ctx, input) => cancelCallback(ctx.core.db, ctx.actor, input, ctx.core.clock()) },

  'pause.status': { access: 'read', run: (ctx, input) => pauseStatus(ctx.core.db, input.companyId) },
  'pause.set': {
    access: 'operate',
    async run(ctx, input) {
      const companyId = scopeOf(ctx, input.companyId, 'pausing the dialing');
      await pauseDialing(ctx.core.db, ctx.actor, { companyId, reason: input.reason }, ctx.core.clock());
      return pauseStatus(ctx.core.db, companyId);
    },
  },
  'pause.clear': {
    access: 'operate',
    async run(ctx, input) {
      const companyId = scopeOf(ctx, input.companyId, 'resuming the dialing');
      await resumeDialing(ctx.core.db, ctx.actor, { companyId }, ctx.core.clock());
      return pauseStatus(ctx.core.db, companyId);
    },
  },

  'dialing.get': { access: 'read', run: (ctx, input) => dialingSettingsOf(ctx.core.db, input.companyId) },
  'dialing.set': { access: 'operate', run: (ctx, input) => setDialingSettings(ctx.core.db, ctx.actor, input, ctx.core.clock()) },

  'dnc.list': {
    access: 'read',
    run: (ctx, input) => listDnc(ctx.core.db, { ...input, companyId: input.companyId ?? null }),
  },
  // the site's list is the owner's; a company's people write only their own (dispatch checks a companyId named)
  'dnc.add': {
    access: 'manage',
    run: (ctx, input) => addDoNotCall(ctx.core, ctx.actor, { ...input, companyId: input.companyId ?? ctx.user.companyId }),
  },
  'dnc.exportCsv': {
    access: 'read',
    async run(ctx, input) {
      const companyId = input.companyId ?? null;
      const name = companyId === null ? 'site-do-not-call.csv' : `${(await companyOf(ctx.core.db, companyId)).slug}-do-not-call.csv`;
      const d = await deliverFile(ctx.files, name, (path) => exportDncCsv(ctx.core.db, companyId, path));
      const { result, ...file } = d;
      return { ...file, rows: result?.rows ?? 0, bytes: result?.bytes ?? 0 };
    },
  },
};
