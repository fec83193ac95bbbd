import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScheduledBackupResult } from '../../../src-shared/contract/backup';

/**
 * What the last scheduled backup did, kept beside the database (not in it: a restore must not bring
 * back an older schedule, and a failed backup may be the disk refusing database writes).
 */
export const BACKUP_STATUS_FILE = 'dialdesk.backups.json';

export function readBackupStatus(dataDir: string): ScheduledBackupResult | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, BACKUP_STATUS_FILE), 'utf8')) as { last?: ScheduledBackupResult };
    return parsed.last ?? null;
  } catch {
    return null;
  }
}

export function writeBackupStatus(dataDir: string, last: ScheduledBackupResult): void {
  const file = join(dataDir, BACKUP_STATUS_FILE);
  // whole or not at all: a crash mid-write must not leave a status that cannot be read
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ last }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
