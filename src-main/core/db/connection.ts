import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Transactional } from './engine/queries';
import { SqliteQueries } from './engine/sqlite';
import type { Database } from './schema';

export type Sqlite = BetterSqlite3.Database;

/**
 * The one database handle the core passes around: the engine's queries and transactions
 * (engine/queries.ts), the same on SQLite and PostgreSQL. `kysely` only builds and compiles typed
 * queries; they run through the Queries methods. `sqlite` is the raw handle, for the checkpointer,
 * backups and pragmas.
 */
export interface Db extends Transactional {
  kysely: Kysely<Database>;
  file: string;
  sqlite: Sqlite;
}

class SqliteDb extends SqliteQueries implements Db {
  constructor(
    sqlite: Sqlite,
    readonly kysely: Kysely<Database>,
    readonly file: string,
  ) {
    super(sqlite);
  }
}

/**
 * Opens the shared PostgreSQL at `url` (DESIGN.md §10): checks that it answers and holds nothing or
 * DialDesk's own schema at a version this code knows, then migrates it. Any refusal leaves the database
 * as it was. `label` names the setting in the messages (--database, the desk setting). The driver and
 * its checks are loaded only here: a desk on its SQLite file, and every one-shot command on one, starts
 * without them.
 */
export async function openPostgresDatabase(url: string, label = '--database', connections = 10): Promise<Db & { pool: pg.Pool }> {
  const { openPostgresDb } = await import('./postgres-db');
  return openPostgresDb(url, label, connections);
}

export interface OpenOptions {
  /** path of the SQLite file, or ':memory:' */
  file: string;
  /** where better-sqlite3's native addon lives, when it is not the Node build (the Electron app) */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(options: OpenOptions): Db {
  const sqlite = new BetterSqlite3(options.file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  applyPragmas(sqlite);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return new SqliteDb(sqlite, kysely, options.file);
}

function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit is durable against a crash of this process (kill -9), and may
  // lose the last transactions only on a power cut / OS crash. Integrity holds either way. FULL would
  // fsync every commit, which costs the dialer port most of its throughput.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // a second process (the CLI while the app runs) waits for a lock instead of failing at once
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
}

/**
 * Checkpoint the WAL into the main file and close. Called on quit. A short-lived command (the CLI
 * beside a running console) passes checkpoint: false and leaves the WAL to its owner: a TRUNCATE
 * checkpoint waits on the other process's readers and writers.
 */
export async function closeDatabase(db: Db, options: { checkpoint?: boolean } = {}): Promise<void> {
  if (db.engine === 'postgres') {
    // the Kysely only compiles (its driver never opened the pool, so destroying it would not end it)
    await (db as Db & { pool: pg.Pool }).pool.end();
    return;
  }
  if (!db.sqlite.open) return;
  if ((options.checkpoint ?? true) && !db.sqlite.readonly && db.sqlite.memory === false) {
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  await db.kysely.destroy(); // closes the better-sqlite3 handle too
  if (db.sqlite.open) db.sqlite.close();
}
