import { runBackup } from '../../core/backup/service';
import type { Handlers } from '../types';

export const backupHandlers: Handlers<'backup.run'> = {
  'backup.run': {
    access: 'site',
    run: (ctx, input) => runBackup(ctx.core, ctx.actor, input.toBackupDir ? { backupDir: true } : { files: ctx.files }),
  },
};
