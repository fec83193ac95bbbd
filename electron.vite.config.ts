import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // the command line is built beside the shell, so `dialdesk`, `npm run headless` and the packaged
      // app run compiled JavaScript (out/main/cli.js) with no TypeScript loader at run time
      rollupOptions: { input: { index: resolve('src-main/index.ts'), cli: resolve('src-main/cli/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // a sandboxed preload may require only 'electron': bundle everything else, emit CommonJS
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
