import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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

/**
 * The repository (or installed package, or the packaged app's app.asar) root: the nearest folder up
 * from this code that holds DialDesk's package.json. This file runs from src-main/core under tsx and
 * from a chunk in out/main/chunks once built, so a fixed number of '..' would be right for one only.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dialdesk') return dir;
    if (dirname(dir) === dir) throw new Error(`DialDesk's package.json was not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');
/** the console's window.dialdesk under serve, built from src-preload/headless by `npm run build` */
export const HEADLESS_BRIDGE = join(PROJECT_ROOT, 'out', 'bridge', 'dialdesk-bridge.js');
