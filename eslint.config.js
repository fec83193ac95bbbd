import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'node:*', 'better-sqlite3', 'kysely', 'fastify', '@fastify/*', 'conf', 'electron-store'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'test/bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Playwright fixtures take their dependencies as a destructured (possibly empty) first argument
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // the renderer talks only to window.dialdesk: no Node, no Electron, no database
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'the renderer reaches the main process only through window.dialdesk' },
            { group: ['**/src-main/**', '**/src-preload/**'], message: 'the renderer may import src-shared only' },
          ],
        },
      ],
    },
  },
  {
    // the core runs under plain Node as well as Electron
    files: ['src-main/core/**/*.ts', 'src-main/ipc/**/*.ts', 'src-main/http/**/*.ts', 'src-main/cli/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'electron-store'], message: 'only src-main/index.ts may import Electron' }] },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'src-shared is used by both sides: no Node, Electron or database imports' },
            { group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared imports nothing from the app' },
          ],
        },
      ],
    },
  },
);
