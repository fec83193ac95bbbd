import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_FILE_NAME, type BackupFileDto } from '../../../src-shared/contract/backup';
import { toIso } from '../time';

/**
 * The desk's backup folder as DialDesk sees it: only files named as DialDesk names its backups
 * (dialdesk-backup-YYYYMMDD-HHMMSS.sqlite). Anything else a person keeps there is neither listed,
 * restored nor deleted.
 */
export function listBackups(dir: string): BackupFileDto[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: BackupFileDto[] = [];
  for (const fileName of names) {
    if (!BACKUP_FILE_NAME.test(fileName)) continue;
    try {
      const st = statSync(join(dir, fileName));
      if (st.isFile()) files.push({ fileName, bytes: st.size, takenAt: toIso(st.mtimeMs) });
    } catch {
      // removed meanwhile
    }
  }
  // the name carries the UTC time it was taken: newest first, whatever the file times say
  return files.sort((a, b) => b.fileName.localeCompare(a.fileName));
}

/** Deletes the oldest backups beyond `keep`; answers the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const file of listBackups(dir).slice(keep)) {
    rmSync(join(dir, file.fileName), { force: true });
    removed.push(file.fileName);
  }
  return removed;
}
