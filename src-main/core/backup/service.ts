import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupAnswer } from '../../../src-shared/contract/backup';
import { writeAudit, type Actor } from '../audit/audit';
import type { Core } from '../core';
import { badInput } from '../errors';
import { deliverFile, localSaveTarget, type FileDelivery } from '../exports/delivery';
import { backupDatabase, backupFileName, type BackupProgress } from './backup';

/**
 * Backs the whole database up to where the user chose, or into the desk's backup folder, and notes it
 * in the site-wide audit log.
 */
export async function runBackup(
  core: Core,
  actor: Actor,
  where: { files: FileDelivery } | { backupDir: true },
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupAnswer> {
  let files: FileDelivery;
  if ('backupDir' in where) {
    const dir = core.desk.get().backupDir;
    if (!dir) throw badInput('toBackupDir: no backup folder is set; choose one in settings, or save the backup somewhere else');
    // never created here: on an unplugged drive that would quietly fill the disk under its mount point
    if (!existsSync(dir)) throw badInput(`the backup folder ${dir} is not there: is its drive connected? (or choose it again in Settings)`);
    files = { chooseSaveTarget: async (name) => localSaveTarget(join(dir, name)) };
  } else {
    files = where.files;
  }
  const { result, ...file } = await deliverFile(files, backupFileName(core.clock()), (path) => backupDatabase(core.db, path, onProgress));
  if (!result) return { ...file, bytes: 0, pages: 0, integrity: null, tookMs: 0 };
  await writeAudit(
    core.db,
    actor,
    {
      companyId: null,
      entity: 'backup',
      entityId: null,
      action: 'create',
      after: { file: file.savedTo ?? file.fileName, pages: result.pages, bytes: result.bytes },
    },
    core.clock(),
  );
  return { ...file, ...result };
}
