import { join } from 'node:path';
import { app, BrowserWindow, dialog, type OpenDialogOptions, type WebContents } from 'electron';
import { localSaveTarget, safeFileName } from '../core/exports/delivery';
import type { OpenedFiles } from '../ipc/opened-files';
import type { DeskFiles } from '../ipc/types';

/**
 * Files go through the desk's own dialogs: exports where the user saves them, lists read from where
 * the user picked them (behind a one-time handle bound to this window), folders chosen the same way.
 * The window never sends a path.
 */
export function dialogsFor(sender: WebContents, owner: string, files: () => OpenedFiles): Omit<DeskFiles, 'take'> {
  const win = () => BrowserWindow.fromWebContents(sender);
  const open = (options: OpenDialogOptions) => {
    const w = win();
    return w ? dialog.showOpenDialog(w, options) : dialog.showOpenDialog(options);
  };
  return {
    async chooseSaveTarget(suggestedName) {
      const options = { defaultPath: join(app.getPath('downloads'), safeFileName(suggestedName)) };
      const w = win();
      const choice = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : localSaveTarget(choice.filePath);
    },
    dialogs: {
      async pickOpen() {
        const choice = await open({
          properties: ['openFile'],
          filters: [
            { name: 'Lists of numbers', extensions: ['csv', 'txt'] },
            { name: 'All files', extensions: ['*'] },
          ],
        });
        const path = choice.filePaths[0];
        return choice.canceled || !path ? null : files().addPicked(owner, path);
      },
      async chooseFolder(title) {
        const choice = await open({ title, properties: ['openDirectory', 'createDirectory'] });
        return choice.canceled || !choice.filePaths[0] ? null : choice.filePaths[0];
      },
      async chooseFile(title, filter) {
        const choice = await open({ title, properties: ['openFile'], filters: [filter, { name: 'All files', extensions: ['*'] }] });
        return choice.canceled || !choice.filePaths[0] ? null : choice.filePaths[0];
      },
    },
  };
}
