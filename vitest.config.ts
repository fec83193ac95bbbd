import { defineConfig } from 'vitest/config';

/**
 * The leasing rules are enforced by SQL; the in-memory caches in front of it only decide which ids are
 * worth asking about. So the tests that lease run twice: once as the app runs, and once with the caches
 * off (DIALDESK_LEASING_CACHE=off, inherited by the serve processes they start), where a rule missing
 * from the SQL cannot be hidden by a cache that happens to enforce it too.
 */
const LEASING_TESTS = [
  'test/unit/dialer/leasing.test.ts',
  'test/unit/calls/results.test.ts',
  'test/unit/dialer/concurrency.test.ts',
  'test/unit/dialer/contract-batch.test.ts',
  'test/unit/dialer/contract-time.test.ts',
  'test/unit/dialer/lifecycle-lists.test.ts',
  'test/unit/dialer/lifecycle-recycling.test.ts',
  'test/unit/dialer/lifecycle-callbacks.test.ts',
  'test/unit/dialer/lifecycle-hours.test.ts',
  'test/unit/dialer/lifecycle-concurrency.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // the dialer routes check their answers against the contract here, as every other route always does
    env: { DIALDESK_CHECK_ANSWERS: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'test/unit/**/*.test.ts', 'migrations/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'leasing-sql-only', include: LEASING_TESTS, env: { DIALDESK_LEASING_CACHE: 'off' } },
      },
    ],
  },
});
