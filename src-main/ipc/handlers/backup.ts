import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inspectBackup } from '../../core/backup/restore';
import { backupStatus } from '../../core/backup/schedule';
import { runBackup } from '../../core/backup/service';
import { badInput, conflict, notFound } from '../../core/errors';
import { ON_POSTGRES } from '../../core/backup/backup';
import type { Handlers } from '../types';

export const backupHandlers: Handlers<'backup.run' | 'backup.status' | 'backup.restore'> = {
  'backup.run': {
    access: 'site',
    run: (ctx, input) => runBackup(ctx.core, ctx.actor, input.toBackupDir ? { backupDir: true } : { files: ctx.files }),
  },
  'backup.status': {
    access: 'site',
    run: (ctx) => backupStatus(ctx.core),
  },
  'backup.restore': {
    access: 'site',
    async run(ctx, input) {
      if (ctx.core.db.engine === 'postgres') throw conflict(ON_POSTGRES);
      const folder = ctx.core.desk.get().backupDir;
      if (!folder) throw badInput('no backup folder is set: there is nothing to restore from');
      const file = join(folder, input.fileName);
      if (!existsSync(file)) throw notFound(`${input.fileName} is not in the backup folder ${folder}`);
      if (!ctx.restoreBackup) {
        throw badInput('this process cannot restart itself on a backup: stop DialDesk, then run `dialdesk restore FILE`');
      }
      // checked before answering, so a damaged or foreign file is refused here and nothing stops
      const info = await inspectBackup(file);
      ctx.restoreBackup(file);
      return { fileName: input.fileName, schemaVersion: info.schemaVersion, migrated: info.pending, previous: null, restarting: true };
    },
  },
};
