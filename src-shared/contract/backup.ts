import { z } from 'zod';
import { channel } from './define';
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

export const backupChannels = {
  'backup.run': channel<BackupAnswer>()(BackupRunInput),
};
