import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Db, Sqlite } from './connection';
import { PostgresQueries } from './engine/postgres';
import { checkContents, migratePostgres, openPool, reachable } from './postgres-open';
import { safeUrl } from './postgres-url';
import type { Database } from './schema';

/**
 * A PostgreSQL several desks share. There is no file: `file` is the URL without its password (for the
 * log and the About box), and the SQLite handle does not exist; what needs one (the checkpointer,
 * file backups) is not started on PostgreSQL, and reaching for it anyway is a bug that says so.
 */
class PostgresDb extends PostgresQueries implements Db {
  constructor(
    pool: pg.Pool,
    readonly kysely: Kysely<Database>,
    readonly file: string,
  ) {
    super(pool);
  }
  get sqlite(): Sqlite {
    throw new Error('this desk runs on PostgreSQL: there is no SQLite file to work on');
  }
}

/** connection.ts's openPostgresDatabase, loaded when a desk first opens a PostgreSQL. */
export async function openPostgresDb(url: string, label: string, connections: number): Promise<Db & { pool: pg.Pool }> {
  const pool = openPool(url, label, connections);
  try {
    await reachable(pool, url, label);
    await checkContents(pool, label);
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresDb(pool, new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), safeUrl(url));
}
