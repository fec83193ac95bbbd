import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'node:*', 'better-sqlite3', 'kysely', 'fastify', '@fastify/*', 'conf', 'electron-store'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.test-build/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      'test/bench/data/**',
    ],
  },
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
    // product code says what it holds; tests and frozen migrations (Kysely<any>) may not know
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
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
    // the core runs under plain Node as well as Electron, and knows no transport
    files: ['src-main/core/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron-store'], message: 'only src-main/index.ts may import Electron' },
            { group: ['fastify', '@fastify/*', 'fastify-*'], message: 'the core knows no transport: HTTP lives in src-main/http' },
            {
              group: ['**/http/*', '**/ipc/*', '**/ipc/**', '**/cli/*', '**/cli/**'],
              message: 'the core imports nothing from its adapters (http, ipc, cli)',
            },
          ],
        },
      ],
    },
  },
  {
    // the adapters are thin: rules and queries live in the core
    files: ['src-main/ipc/**/*.ts', 'src-main/http/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron-store'], message: 'only src-main/index.ts may import Electron' },
            {
              group: ['better-sqlite3', 'kysely', '**/core/db/connection'],
              message: 'adapters ask the core; they never query the database themselves',
            },
          ],
        },
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
