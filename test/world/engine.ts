import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE_DATABASE } from './postgres-global';

/**
 * Which engine this test run's cores use. The `postgres` project of vitest.config.ts runs the contract
 * and core suites again with DIALDESK_TEST_ENGINE=postgres: every core then gets a database of its own
 * on the run's throwaway cluster (postgres-global.ts), copied from the migrated template.
 */
export const testEngine = (): 'sqlite' | 'postgres' => (process.env.DIALDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite');

export interface TestDatabase {
  url: string;
  name: string;
  /** drops it (after every connection to it is closed, or forcibly) */
  drop(): Promise<void>;
}

let made = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${inject('postgresBase')}postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database: a copy of the template (every migration applied), or of another test database. */
export async function freshTestDatabase(template = TEMPLATE_DATABASE): Promise<TestDatabase> {
  const name = `t_${process.pid}_${++made}`;
  await admin((c) => c.query(`create database "${name}" template "${template}"`));
  return {
    url: `${inject('postgresBase')}${name}`,
    name,
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
