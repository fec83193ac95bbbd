import { Migrator, type MigrationProvider, type MigrationResult } from 'kysely';
import { MIGRATIONS } from '../../../migrations';
import type { Db } from './connection';

/** Serves the bundled migrations, so a packaged app never reads a folder at run time. */
const bundledProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db: db.kysely, provider: bundledProvider });
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
