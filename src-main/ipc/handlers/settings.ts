import type { ChannelName } from '../../../src-shared/contract';
import { siteSettingsOf, updateSiteSettings } from '../../core/settings/site';
import { writeAudit } from '../../core/audit/audit';
import { logLocation } from '../../core/log/log';
import { setTlsFiles } from '../../core/settings/tls';
import { badInput } from '../../core/errors';
import { chooseDatabase, deskDatabase } from '../../core/settings/desk-database';
import type { Handlers } from '../types';

type SettingsChannel = Extract<ChannelName, `settings.${string}`>;

export const settingsHandlers: Handlers<SettingsChannel> = {
  'settings.get': {
    access: 'read',
    run: async (ctx) => ({
      desk: ctx.core.desk.get(),
      site: await siteSettingsOf(ctx.core.db),
      httpListening: ctx.port.listening(),
      log: logLocation(ctx.core.log),
    }),
  },
  'settings.updateDesk': {
    access: 'site',
    async run(ctx, input) {
      const before = ctx.core.desk.get();
      const after = ctx.core.desk.set(input);
      await writeAudit(
        ctx.core.db,
        ctx.actor,
        { companyId: null, entity: 'desk_settings', entityId: null, action: 'update', before, after },
        ctx.core.clock(),
      );
      const portChanged = (['httpEnabled', 'httpHost', 'httpPort'] as const).some((k) => before[k] !== after[k]);
      if (portChanged) await ctx.port.reconfigure?.();
      return after;
    },
  },
  'settings.clearTls': {
    access: 'site',
    async run(ctx) {
      if (!ctx.port.reconfigure) {
        throw badInput("this server's port is fixed while it runs: start `dialdesk serve` again with --no-tls");
      }
      const after = await setTlsFiles(ctx.core, ctx.actor, null);
      await ctx.port.reconfigure();
      return after;
    },
  },
  'settings.updateSite': {
    access: 'site',
    run: (ctx, input) => updateSiteSettings(ctx.core.db, ctx.actor, input, ctx.core.clock()),
  },
  'settings.database': {
    access: 'site',
    run: (ctx) => deskDatabase(ctx.core),
  },
  'settings.setDatabase': {
    access: 'site',
    run: (ctx, input) => chooseDatabase(ctx.core, ctx.actor, input.url),
  },
};
