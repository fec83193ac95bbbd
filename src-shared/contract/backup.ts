import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';
import type { SavedFileAnswer } from './exports';

/**
 * An online, consistent copy of the whole SQLite database (SQLite's backup API: dialers may keep
 * reporting meanwhile), checked with PRAGMA integrity_check before it is handed over.
 * By default the file goes where the user chooses (a save dialog in the app, a download under
 * `dialdesk serve`); `toBackupDir: true` writes it into the desk's backup folder (settings) instead.
 */
export interface BackupAnswer extends SavedFileAnswer {
  /** database pages copied */
  pages: number;
  /** "ok" (a failed check is an error and the copy is deleted); null when the user cancelled */
  integrity: 'ok' | null;
  tookMs: number;
}

export const BackupRunInput = z.object({ toBackupDir: z.boolean().default(false) }).strict();

/** One backup in the desk's backup folder. */
export interface BackupFileDto {
  fileName: string;
  bytes: number;
  /** when it was written (the file's time), ISO */
  takenAt: string;
}

/** What the last scheduled backup did. */
export interface ScheduledBackupResult {
  at: string;
  ok: boolean;
  fileName: string | null;
  bytes: number | null;
  tookMs: number | null;
  /** why it failed, naming the cause (a full disk, a folder that cannot be written) */
  error: string | null;
  /** older backups deleted to keep the folder at its count */
  removed: string[];
}

export interface BackupStatus {
  folder: string | null;
  everyHours: number;
  keep: number;
  /** when the next scheduled backup is due; null when none is scheduled (no folder, or every 0 hours) */
  nextDueAt: string | null;
  last: ScheduledBackupResult | null;
  /** the backups in the folder, newest first */
  files: BackupFileDto[];
}

/** Names DialDesk gives its backups; only these are listed, restored or deleted. */
export const BACKUP_FILE_NAME = /^dialdesk-backup-\d{8}-\d{6}(-\d+)?\.sqlite$/;

export const BackupRestoreInput = z
  .object({
    /** a file of the backup folder, by the name backup.status listed (never a path) */
    fileName: z
      .string()
      .regex(BACKUP_FILE_NAME, 'a backup is named as backup.status lists it, e.g. dialdesk-backup-20260302-100000.sqlite'),
    /** a restore replaces every company's data: the console asks first, and says so here */
    confirm: z.literal(true, { error: 'a restore replaces all data: confirm it with confirm: true' }),
  })
  .strict();

export interface RestoreAnswer {
  fileName: string;
  /** the backup's schema (its last migration) */
  schemaVersion: string;
  /** migrations run on the restored copy, when the backup came from an older DialDesk */
  migrated: string[];
  /** where the database that was replaced is kept */
  previous: string | null;
  /** the app and serve restart their core on the restored database; every user signs in again */
  restarting: boolean;
}

export const backupChannels = {
  'backup.run': channel<BackupAnswer>()(BackupRunInput),
  'backup.status': channel<BackupStatus>()(Empty),
  'backup.restore': channel<RestoreAnswer>()(BackupRestoreInput),
};
