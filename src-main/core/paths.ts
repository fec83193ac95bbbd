import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'DialDesk';

/** Same folder Electron's app.getPath('userData') gives for productName "DialDesk". */
export function defaultDataDir(): string {
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
  }
}

/** The repository (or installed package) root, found from this file's place in src-main/core. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');
/** the console's window.dialdesk under serve, built from src-preload/headless by `npm run build` */
export const HEADLESS_BRIDGE = join(PROJECT_ROOT, 'out', 'bridge', 'dialdesk-bridge.js');
