import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';
import type { DeskSettings } from './settings';

/**
 * Files reach the desk's server in one of two ways, never as a path a client names (DESIGN.md §7):
 * in the desktop app the main process shows its own open dialog and reads what the user picked;
 * under `dialdesk serve` the console's page uploads the file's bytes (POST /rpc/upload). Either way
 * the client gets back an opaque, one-time handle that stands for the file, bound to its session.
 */
export interface PickedFile {
  handle: string;
  /** the file's own name, for the screen and as the list's default name */
  name: string;
  bytes: number;
}

export const FILE_HANDLE_RULES = 'a file handle is the id that files.pickOpen answered';
export const FileHandle = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, FILE_HANDLE_RULES);

/** The largest file `dialdesk serve` accepts as an upload (a 10M-row list is about 300 MB). */
export const UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

export const filesChannels = {
  /**
   * The desk's open dialog (the app). Answers null when the user cancelled. Under `dialdesk serve`
   * the console's bridge answers this channel itself (a browser file picker and an upload); the
   * server cannot show a dialog and refuses it.
   */
  'files.pickOpen': channel<PickedFile | null>()(Empty),
  /**
   * The desk's folder dialog for the backup folder (the app); the choice is saved in the desk
   * settings. Null when cancelled. Under `dialdesk serve` it is refused: the folder is set with
   * `dialdesk serve --backup-dir DIR` on the server.
   */
  'files.chooseBackupDir': channel<DeskSettings | null>()(Empty),
  /**
   * The desk's open dialogs for the HTTP port's TLS certificate, then its key (the app); a pair that
   * does not load is refused and nothing changes; the port restarts on TLS. Null when cancelled.
   * Refused under `dialdesk serve`: give it --tls-cert and --tls-key.
   */
  'files.chooseTlsFiles': channel<DeskSettings | null>()(Empty),
};
