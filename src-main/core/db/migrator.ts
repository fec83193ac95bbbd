import { Migrator, type MigrationProvider, type MigrationResult } from 'kysely';
import { MIGRATIONS } from '../../../migrations';
import { postgresTables } from '../../../migrations/dialect';
import type { Db } from './connection';

/** Serves the bundled migrations, so a packaged app never reads a folder at run time. */
const bundledProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export function createMigrator(db: Db): Migrator {
  // on PostgreSQL the migrations' table words are translated, as when a desk opens one (postgres-open.ts)
  return new Migrator({ db: db.engine === 'postgres' ? db.kysely.withPlugin(postgresTables) : db.kysely, provider: bundledProvider });
}

/** Bring the schema up to date. Each migration runs in its own transaction (SQLite has transactional DDL). */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`migrations: ${failed ? `${failed.migrationName} failed` : 'failed'}: ${cause}`, { cause: error });
  }
  return results ?? [];
}
