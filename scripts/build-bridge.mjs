// Builds the console's headless bridge (src-preload/headless/bridge.ts) into one plain script,
// out/bridge/dialdesk-bridge.js, that `dialdesk serve` puts in front of the built console page.
// electron-vite builds the app's three parts; this is the fourth, for the browser under serve.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out', 'bridge'),
    emptyOutDir: true,
    minify: true,
    target: 'es2020',
    lib: {
      entry: resolve(root, 'src-preload', 'headless', 'bridge.ts'),
      formats: ['iife'],
      name: 'dialdeskBridge',
      fileName: () => 'dialdesk-bridge.js',
    },
  },
});
