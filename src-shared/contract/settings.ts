import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';

/** Settings of this desk (this machine), kept in electron-store / conf, not in SQLite. */
export interface DeskSettings {
  httpEnabled: boolean;
  httpPort: number;
  httpHost: string;
  theme: 'light' | 'dark' | 'system';
  backupDir: string | null;
}

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  httpEnabled: false,
  httpPort: 8787,
  httpHost: '127.0.0.1',
  theme: 'system',
  backupDir: null,
};

/** Rules of the whole site, kept in SQLite because the dialer engine reads them. */
export interface SiteSettings {
  callCooldownDays: number;
  leaseMinutes: number;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { callCooldownDays: 3, leaseMinutes: 15 };

const Host = z
  .string()
  .trim()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|localhost|::1?|[0-9a-fA-F:]+)$/, 'bind address is an IP address such as 127.0.0.1 or 0.0.0.0');

export const DeskSettingsPatch = z
  .object({
    httpEnabled: z.boolean().optional(),
    httpPort: z.number().int().min(1).max(65535).optional(),
    httpHost: Host.optional(),
    theme: z.enum(['light', 'dark', 'system']).optional(),
    backupDir: z.string().min(1).nullable().optional(),
  })
  .strict();

export const SiteSettingsPatch = z
  .object({
    callCooldownDays: z.number().int().min(0).max(365).optional(),
    leaseMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();

export const settingsChannels = {
  'settings.get': channel<{ desk: DeskSettings; site: SiteSettings; httpListening: string | null }>()(Empty),
  'settings.updateDesk': channel<DeskSettings>()(DeskSettingsPatch),
  'settings.updateSite': channel<SiteSettings>()(SiteSettingsPatch),
};
