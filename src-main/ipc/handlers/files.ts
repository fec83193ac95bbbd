import { badInput } from '../../core/errors';
import { setBackupFolder } from '../../core/settings/backup-folder';
import { setTlsFiles } from '../../core/settings/tls';
import type { Handlers } from '../types';

const PEM = { name: 'Certificates and keys (PEM)', extensions: ['pem', 'crt', 'cer', 'key'] };

export const filesHandlers: Handlers<'files.pickOpen' | 'files.chooseBackupDir' | 'files.chooseTlsFiles'> = {
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
      return dir === null ? null : await setBackupFolder(ctx.core, ctx.actor, dir);
    },
  },
  'files.chooseTlsFiles': {
    access: 'site',
    async run(ctx) {
      if (!ctx.files.dialogs) {
        throw badInput('the TLS files are set on the server itself: start it with `dialdesk serve --tls-cert FILE --tls-key FILE`');
      }
      const cert = await ctx.files.dialogs.chooseFile('TLS certificate for the HTTP port', PEM);
      if (cert === null) return null;
      const key = await ctx.files.dialogs.chooseFile('The private key of that certificate', PEM);
      if (key === null) return null;
      const after = await setTlsFiles(ctx.core, ctx.actor, { cert, key });
      await ctx.port.reconfigure?.();
      return after;
    },
  },
};
