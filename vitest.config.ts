import { defineConfig } from 'vitest/config';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

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

/**
 * The contract and core suites again on PostgreSQL (DESIGN.md §10): every core and every `serve` they
 * start gets a fresh database of its own on one throwaway cluster for the run (test/world/engine.ts,
 * postgres-global.ts). Suites that read the SQLite file itself (its pragmas, WAL, backups, the query
 * plans) stay SQLite-only. Where PostgreSQL is not installed the project is left out with a word;
 * on CI (.ci/run installs it) its absence is a failure. Left out on purpose: dialer/pool-warm and
 * dialer/query-plans (the leasing caches and SQLite's plans), http/http-storage (a full disk, a busy
 * file), http/http-fuzz (SQLite's data_version), http/serve-log (a lock held on the file),
 * inbound/runnable and inbound/simulate-inbound (they read the served desk's SQLite file), auth/ipc-roles
 * (backup.run copies the SQLite file; its 299 role checks took 127 s on PostgreSQL and test the handler
 * table, not the engine). The tests about the leasing caches inside the listed files skip themselves
 * there.
 */
const POSTGRES_TESTS: string[] = [
  'test/unit/alerts/alerts.test.ts',
  'test/unit/auth/apikeys.test.ts',
  'test/unit/auth/auth.test.ts',
  'test/unit/auth/console-sessions.test.ts',
  'test/unit/auth/memberships.test.ts',
  'test/unit/billing/billing.test.ts',
  'test/unit/calls/calllog.test.ts',
  'test/unit/calls/exports-download.test.ts',
  'test/unit/calls/exports.test.ts',
  'test/unit/calls/report-many.test.ts',
  'test/unit/calls/results.test.ts',
  'test/unit/cli/cli.test.ts',
  'test/unit/cli/contract-cli.test.ts',
  'test/unit/cli/lifecycle-cli.test.ts',
  'test/unit/companies/audit.test.ts',
  'test/unit/companies/companies.test.ts',
  'test/unit/companies/lifecycle-callbacks-console.test.ts',
  'test/unit/companies/lifecycle-console.test.ts',
  'test/unit/companies/overview.test.ts',
  'test/unit/companies/setup.test.ts',
  'test/unit/companies/transfer.test.ts',
  'test/unit/companies/wizard.test.ts',
  'test/unit/dialer/concurrency.test.ts',
  'test/unit/dialer/contract-batch.test.ts',
  'test/unit/dialer/contract-bulk.test.ts',
  'test/unit/dialer/contract-load.test.ts',
  'test/unit/dialer/contract-report.test.ts',
  'test/unit/dialer/contract-time.test.ts',
  'test/unit/dialer/dialing-state.test.ts',
  'test/unit/dialer/http-dialer.test.ts',
  'test/unit/dialer/http-dialers-live.test.ts',
  'test/unit/dialer/leasing.test.ts',
  'test/unit/dialer/lifecycle-callbacks.test.ts',
  'test/unit/dialer/lifecycle-concurrency.test.ts',
  'test/unit/dialer/lifecycle-hours.test.ts',
  'test/unit/dialer/lifecycle-lists.test.ts',
  'test/unit/dialer/lifecycle-recycling.test.ts',
  'test/unit/dialer/rules-read.test.ts',
  'test/unit/http/contract-http.test.ts',
  'test/unit/http/http-console-origin.test.ts',
  'test/unit/http/http-envelope.test.ts',
  'test/unit/http/http-limits.test.ts',
  'test/unit/http/http-openapi-errors.test.ts',
  'test/unit/http/http-oversized.test.ts',
  'test/unit/http/http-timeouts.test.ts',
  'test/unit/http/upload.test.ts',
  'test/unit/inbound/call-log.test.ts',
  'test/unit/inbound/contract-inbound.test.ts',
  'test/unit/inbound/inbound-http.test.ts',
  'test/unit/inbound/inbound.test.ts',
  'test/unit/inbound/jambonz.test.ts',
  'test/unit/inbound/recording.test.ts',
  'test/unit/inbound/signature.test.ts',
  'test/unit/inbound/targets.test.ts',
  'test/unit/inbound/transfer-timeout.test.ts',
  'test/unit/inbound/transfer.test.ts',
  'test/unit/inbound/warnings.test.ts',
  'test/unit/numbers/dnc-scopes.test.ts',
  'test/unit/numbers/lists.test.ts',
  'test/unit/numbers/number-history.test.ts',
  'test/unit/numbers/numbers-files.test.ts',
  'test/unit/numbers/numbers.test.ts',
  'test/unit/numbers/phone.test.ts',
  'test/unit/operations/tls.test.ts',
  'test/unit/schedule/schedule.test.ts',
  'test/unit/stats/stats-rollup.test.ts',
  'test/unit/stats/stats.test.ts',
];
const PG_ROOT = '/usr/lib/postgresql'; // Debian's layout, as test/world/postgres.ts finds it
const postgres = existsSync(PG_ROOT) && readdirSync(PG_ROOT).some((v) => existsSync(`${PG_ROOT}/${v}/bin/initdb`));
if (!postgres && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!postgres) console.log('the postgres test project is left out: no PostgreSQL installed here (.ci/run installs it)');

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // one file a core, not vitest's default of one core left free: most files spend their time waiting on
    // the serve and CLI processes they start, or on PostgreSQL, so one worker left a core of two idle
    // (on 2 cores the run fell from 999 s to 706 s). At most 4: each file's cores and serve processes
    // open their own PostgreSQL connections, and the throwaway cluster takes 200 (test/world/postgres.ts).
    maxWorkers: Math.min(4, availableParallelism()),
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
      ...(postgres && POSTGRES_TESTS.length
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: POSTGRES_TESTS,
                env: { DIALDESK_TEST_ENGINE: 'postgres' },
                globalSetup: ['test/world/postgres-global.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
