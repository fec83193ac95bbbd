import Database from 'better-sqlite3';
import type { Queries } from '../../src-main/core/db/engine/queries';
import { PostgresQueries, postgresPool } from '../../src-main/core/db/engine/postgres';
import { SqliteQueries } from '../../src-main/core/db/engine/sqlite';

export interface DatabaseReader {
  /** runs fn on the database through the engine layer, as the desk's own code would read it */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * What another process (serve, the command line) wrote, read from outside it: its PostgreSQL
 * database through one small pool, or its SQLite file opened read-only for each read (WAL lets a
 * reader look beside a running writer, and no handle is left open on the folder).
 */
export function databaseReader(where: { url?: string | null; file: string }): DatabaseReader {
  let pool: PostgresQueries | null = null;
  return {
    async read(fn) {
      if (where.url) return fn((pool ??= new PostgresQueries(postgresPool(where.url, 2))));
      const sqlite = new Database(where.file, { readonly: true, fileMustExist: true });
      try {
        return await fn(new SqliteQueries(sqlite));
      } finally {
        sqlite.close();
      }
    },
    async close() {
      await pool?.pool.end();
      pool = null;
    },
  };
}
