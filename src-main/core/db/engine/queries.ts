import type { Compilable } from 'kysely';

/**
 * The one way the core talks to its database, whichever engine holds it (DESIGN.md §10): SQLite in the
 * desk's own file, or PostgreSQL shared by several desks. Every call is asynchronous, so the same service
 * code runs on both; on SQLite the answer is ready at once (better-sqlite3 is synchronous), and a
 * transaction's statements run back to back on the one connection.
 *
 * SQL is written once, in the common subset of both engines, with `?` placeholders (made `$1, $2...`
 * for PostgreSQL). Where the engines spell a thing differently, the helpers below write each one's form.
 */
export type Engine = 'sqlite' | 'postgres';
export type Params = readonly unknown[];

export interface Queries {
  readonly engine: Engine;
  /** every row */
  all<R>(sql: string, params?: Params, options?: StatementOptions): Promise<R[]>;
  /** the first row, or undefined */
  get<R>(sql: string, params?: Params): Promise<R | undefined>;
  /** the first column of the first row, or undefined */
  value<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** the first column of every row */
  column<T>(sql: string, params?: Params): Promise<T[]>;
  /** a statement that returns no rows; answers how many rows it changed */
  run(sql: string, params?: Params): Promise<number>;
  /** a Kysely-built query's rows */
  select<R>(query: Compilable<R>): Promise<R[]>;
  /** a Kysely-built query's first row */
  first<R>(query: Compilable<R>): Promise<R | undefined>;
  /** a Kysely-built statement; answers how many rows it changed (or returned) */
  execute(query: Compilable<unknown>): Promise<number>;
}

export interface StatementOptions {
  /**
   * PostgreSQL: plan the statement at each run, for its own parameters and the tables as they are then,
   * instead of the one generic plan a prepared statement settles on after a few runs and keeps until the
   * next ANALYZE. For the statements over leases, a table that grows from nothing to tens of thousands
   * of rows within minutes: the generic plan made while it held a few hundred scanned all of it once per
   * candidate number later (next-batch 500 took 200-500 ms instead of 25). SQLite plans once, as tuned.
   */
  planEachRun?: boolean;
}

export interface TransactionOptions {
  /**
   * PostgreSQL only: SERIALIZABLE instead of READ COMMITTED, for a read-check-write that no row lock
   * covers (a one-time action: the first owner). A serialization failure is retried from the start.
   * SQLite's transactions are serializable already: one writer at a time.
   */
  serializable?: boolean;
}

export interface Transactional extends Queries {
  /**
   * Runs fn in one transaction and answers what it answered; a throw rolls everything back. Inside,
   * use only `tx`: on SQLite, other work waits until this transaction ends.
   */
  transaction<T>(fn: (tx: Queries) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** SQL fragments each engine writes its own way. */
export interface Dialect {
  /** `column` is one of `ids` (pass `ids(list)` as its one parameter) */
  inIds(column: string): string;
  ids(list: readonly number[]): unknown;
  /** the larger of two expressions */
  greatest(a: string, b: string): string;
}

export const DIALECTS: Record<Engine, Dialect> = {
  sqlite: {
    inIds: (column) => `${column} in (select value from json_each(?))`,
    ids: (list) => JSON.stringify(list),
    greatest: (a, b) => `max(${a}, ${b})`,
  },
  postgres: {
    inIds: (column) => `${column} = any(?::bigint[])`,
    ids: (list) => list,
    greatest: (a, b) => `greatest(${a}, ${b})`,
  },
};

export const dialectOf = (q: { engine: Engine }): Dialect => DIALECTS[q.engine];

/**
 * `?` placeholders as PostgreSQL's `$1, $2...`, leaving string literals, quoted names and `?` inside
 * comments alone. Cached by the caller per statement text.
 */
export function numberedPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}
