import type { TestProject } from 'vitest/node';
import { closeDatabase, openPostgresDatabase } from '../../src-main/core/db/connection';
import { startPostgres } from './postgres';

/**
 * The `postgres` test project's cluster (vitest.config.ts): one throwaway PostgreSQL for the run, with
 * a database migrated once as the template every test copies (a fresh database in ~50 ms). Stopped and
 * deleted when the run ends.
 */
export const TEMPLATE_DATABASE = 'dialdesk_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://postgres@127.0.0.1:PORT/ : add a database name */
    postgresBase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  try {
    server.createDatabase(TEMPLATE_DATABASE);
    await closeDatabase(await openPostgresDatabase(server.url(TEMPLATE_DATABASE)));
  } catch (err) {
    server.stop();
    throw err;
  }
  project.provide('postgresBase', server.url(''));
  return () => server.stop();
}
