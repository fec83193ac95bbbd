import { badInput } from '../../core/errors';
import { setBackupFolder } from '../../core/settings/backup-folder';
import type { Handlers } from '../types';

export const filesHandlers: Handlers<'files.pickOpen' | 'files.chooseBackupDir'> = {
  'files.pickOpen': {
    access: 'operate',
    run(ctx) {
      // the console's bridge under `serve` answers this channel itself, with a browser picker and an upload
      if (!ctx.files.dialogs) throw badInput('this server cannot show a file dialog: the console in a browser uploads the file instead');
      return ctx.files.dialogs.pickOpen();
    },
  },
  'files.chooseBackupDir': {
    access: 'site',
    async run(ctx) {
      if (!ctx.files.dialogs) {
        throw badInput('the backup folder is set on the server itself: start it with `dialdesk serve --backup-dir DIR`');
      }
      const dir = await ctx.files.dialogs.chooseFolder('Backup folder');
      return dir === null ? null : setBackupFolder(ctx.core, ctx.actor, dir);
    },
  },
};
