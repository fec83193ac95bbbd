import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeskSettings } from '../../../src-shared/contract/settings';
import { writeAudit, type Actor } from '../audit/audit';
import type { Core } from '../core';
import { badInput } from '../errors';

/**
 * Sets the desk's backup folder. Only the desk itself names it (the app's folder dialog, or
 * `dialdesk serve --backup-dir`), never a client: the server writes whole databases there.
 */
export async function setBackupFolder(core: Core, actor: Actor, dir: string): Promise<DeskSettings> {
  const folder = resolve(dir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw badInput(`the backup folder ${folder} cannot be created (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!statSync(folder).isDirectory()) throw badInput(`${folder} is not a folder`);
  checkWritable(folder);
  const before = core.desk.get();
  if (before.backupDir === folder) return before;
  const after = core.desk.set({ backupDir: folder });
  await writeAudit(
    core.db,
    actor,
    { companyId: null, entity: 'desk_settings', entityId: null, action: 'update', before, after },
    core.clock(),
  );
  return after;
}

/**
 * Writes and removes a small file, so a folder DialDesk may not write into is refused when it is
 * chosen, not months later when the first scheduled backup fails.
 */
export function checkWritable(folder: string): void {
  const probe = join(folder, `.dialdesk-write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'DialDesk checks it may write here\n');
  } catch (err) {
    throw badInput(`the backup folder ${folder} cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  rmSync(probe, { force: true });
}
