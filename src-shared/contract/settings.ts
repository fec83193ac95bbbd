import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';

/** Settings of this desk (this machine), kept in electron-store / conf, not in SQLite. */
export interface DeskSettings {
  httpEnabled: boolean;
  httpPort: number;
  httpHost: string;
  theme: 'light' | 'dark' | 'system';
  /**
   * Where backups are written on the server's machine. Never set by a client (it would be a path a
   * client names): chosen in the app's folder dialog (files.chooseBackupDir), or given to
   * `dialdesk serve --backup-dir DIR`.
   */
  backupDir: string | null;
  /** hours between scheduled backups into the backup folder; 0: none (nothing runs until a folder is set) */
  backupEveryHours: number;
  /** scheduled backups kept in the folder; the oldest are deleted after each new one */
  backupKeep: number;
  /**
   * The HTTP port's TLS certificate and private key (PEM files on this machine), or nulls for plain
   * HTTP. Like backupDir, never set by a client: the app's file dialogs (files.chooseTlsFiles), or
   * `dialdesk serve --tls-cert FILE --tls-key FILE`.
   */
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
  /** requests a minute one API key may make on the HTTP port; beyond it, 429 with Retry-After */
  rateLimitPerKey: number;
  /** requests a minute from one address without a valid API key, and console sign-in attempts */
  rateLimitPerAddress: number;
  /** the console's language on this desk, and the desktop notifications' (a user may choose another for themselves) */
  language: 'en' | 'fa';
  /** how dates are written: the Gregorian calendar, or the Persian (Jalali) one */
  calendar: 'gregorian' | 'persian';
}

/**
 * Chosen so a real site never meets them: tens of dialers at a few requests a second each (50 × 4/s on
 * one site-wide key is 12,000 a minute) stay well under 30,000; a person signs in a few times an hour,
 * and a dialer retrying a wrong key once a second stays under 60. A client in a tight loop meets them:
 * one key at full speed reported 1,300-2,000 results a second in the bench (test/bench/RESULTS.md),
 * which therefore raises the limit for itself.
 */
export const DEFAULT_RATE_LIMITS = { rateLimitPerKey: 30_000, rateLimitPerAddress: 60 } as const;

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  httpEnabled: false,
  httpPort: 8787,
  httpHost: '127.0.0.1',
  theme: 'system',
  backupDir: null,
  backupEveryHours: 24,
  backupKeep: 14,
  tlsCertFile: null,
  tlsKeyFile: null,
  ...DEFAULT_RATE_LIMITS,
  language: 'en',
  calendar: 'gregorian',
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

export const BACKUP_DIR_RULE =
  'the backup folder is a place on the server\'s disk that only the desk names: choose it in the app (Settings, "Choose folder…"), or start the server with `dialdesk serve --backup-dir DIR`';

export const TLS_FILES_RULE =
  'the TLS certificate and key are files on the server\'s disk that only the desk names: choose them in the app (Settings, "Choose certificate…"), or start the server with `dialdesk serve --tls-cert FILE --tls-key FILE`';

export const RatePerMinute = z
  .number()
  .int('a rate limit is a whole number of requests a minute')
  .min(1, 'a rate limit is at least 1 request a minute')
  .max(10_000_000, 'a rate limit is at most 10,000,000 requests a minute');

export const DeskSettingsPatch = z
  .object({
    httpEnabled: z.boolean().optional(),
    httpPort: z.number().int().min(1).max(65535).optional(),
    httpHost: Host.optional(),
    theme: z.enum(['light', 'dark', 'system']).optional(),
    /** refused with a sentence that says how it is set */
    backupDir: z.never({ error: BACKUP_DIR_RULE }).optional(),
    tlsCertFile: z.never({ error: TLS_FILES_RULE }).optional(),
    tlsKeyFile: z.never({ error: TLS_FILES_RULE }).optional(),
    rateLimitPerKey: RatePerMinute.optional(),
    rateLimitPerAddress: RatePerMinute.optional(),
    language: z.enum(['en', 'fa']).optional(),
    calendar: z.enum(['gregorian', 'persian']).optional(),
    backupEveryHours: z
      .number()
      .int('backups run every whole number of hours')
      .min(0, '0 hours turns scheduled backups off')
      .max(24 * 30, 'backups run at least every 30 days (720 hours), or not at all (0)')
      .optional(),
    backupKeep: z
      .number()
      .int('how many backups to keep is a whole number')
      .min(1, 'keep at least 1 backup')
      .max(1000, 'keep at most 1000 backups')
      .optional(),
  })
  .strict();

export const SiteSettingsPatch = z
  .object({
    callCooldownDays: z.number().int().min(0).max(365).optional(),
    leaseMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  })
  .strict();

/** Where the desk's log is written (a rolling file in the data folder); nulls where nothing is logged to disk. */
export interface LogLocation {
  folder: string | null;
  /** the file being written now */
  file: string | null;
  /** how the log is bounded: files of this many bytes, the newest `files` of them kept */
  fileBytes: number;
  files: number;
}

/** Which database the desk runs on, and which it will start on next (DESIGN.md §10). */
export interface DeskDatabase {
  running: { engine: 'sqlite' | 'postgres'; location: string };
  /** the shared PostgreSQL it starts on next, its password left out; null: the data folder's own file */
  chosen: string | null;
}

export const DeskDatabaseChoice = z
  .object({
    /** postgres://user:password@host:port/database, or null for the data folder's own file */
    url: z
      .string()
      .trim()
      .max(2048)
      .regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL (postgres://user:password@host:5432/database)')
      .nullable(),
  })
  .strict();

export const settingsChannels = {
  'settings.get': channel<{ desk: DeskSettings; site: SiteSettings; httpListening: string | null; log: LogLocation }>()(Empty),
  'settings.updateDesk': channel<DeskSettings>()(DeskSettingsPatch),
  'settings.updateSite': channel<SiteSettings>()(SiteSettingsPatch),
  /** the HTTP port back on plain HTTP (the app restarts it) */
  'settings.clearTls': channel<DeskSettings>()(Empty),
  'settings.database': channel<DeskDatabase>()(Empty),
  /** checked (it answers; empty or DialDesk's own, at a schema this desk knows), then kept for the next start */
  'settings.setDatabase': channel<DeskDatabase>()(DeskDatabaseChoice),
};
