import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { Params, Queries, Transactional } from './queries';

type Statement = BetterSqlite3.Statement;

/**
 * Queries on the desk's SQLite file through better-sqlite3, which answers synchronously: each promise is
 * resolved when it is made. One connection serves the whole process, so transactions take turns: one
 * at a time, in the order asked, each IMMEDIATE (the write lock up front: no upgrade deadlock with
 * another process on the file). While one is open, work from outside it waits for its end rather
 * than reading what it has not committed.
 */
export class SqliteQueries implements Transactional {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  /** the tail of the line of transactions; resolves when the last one asked for has ended */
  private line: Promise<void> = Promise.resolve();
  private open = false;
  private readonly owner = new AsyncLocalStorage<SqliteQueries>();
  private readonly tx: Queries;

  constructor(readonly sqlite: BetterSqlite3.Database) {
    const direct = (fn: () => unknown) => Promise.resolve(fn());
    this.tx = this.bind(direct);
  }

  /** A prepared statement, cached per statement text: hot paths prepare once. */
  prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all<R>(sql: string, params: Params = []): Promise<R[]> {
    return this.outside(() => rows<R>(this.prepare(sql), params));
  }
  get<R>(sql: string, params: Params = []): Promise<R | undefined> {
    return this.outside(() => row<R>(this.prepare(sql), params));
  }
  value<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.outside(() => valueOf<T>(this.prepare(sql), params));
  }
  column<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.outside(() => columnOf<T>(this.prepare(sql), params));
  }
  run(sql: string, params: Params = []): Promise<number> {
    return this.outside(() => runOf(this.prepare(sql), params));
  }
  select<R>(query: Compilable<R>): Promise<R[]> {
    const c = query.compile();
    return this.all<R>(c.sql, c.parameters);
  }
  first<R>(query: Compilable<R>): Promise<R | undefined> {
    const c = query.compile();
    return this.get<R>(c.sql, c.parameters);
  }
  execute(query: Compilable<unknown>): Promise<number> {
    const c = query.compile();
    return this.run(c.sql, c.parameters);
  }

  async transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
    if (this.owner.getStore() === this) throw new Error('a transaction inside a transaction: pass the tx you were given instead');
    const before = this.line;
    let done!: () => void;
    this.line = new Promise((resolve) => (done = resolve));
    await before;
    this.open = true;
    try {
      this.prepare('begin immediate').run();
      const result = await this.owner.run(this, () => fn(this.tx));
      this.prepare('commit').run();
      return result;
    } catch (err) {
      if (this.sqlite.inTransaction) this.prepare('rollback').run();
      throw err;
    } finally {
      this.open = false;
      done();
    }
  }

  /** Work outside any transaction: at once, or after the open transactions have ended. */
  private outside<T>(fn: () => T): Promise<T> {
    if (!this.open) return Promise.resolve(fn());
    if (this.owner.getStore() === this) {
      return Promise.reject(new Error('a query outside the transaction while inside it: use the tx you were given'));
    }
    return this.line.then(fn);
  }

  private bind(exec: (fn: () => unknown) => Promise<unknown>): Queries {
    const q = <T>(fn: () => T) => exec(fn) as Promise<T>;
    const compiled = <T>(query: Compilable<unknown>, fn: (stmt: Statement, params: Params) => T) => {
      const c = query.compile();
      return q(() => fn(this.prepare(c.sql), c.parameters));
    };
    return {
      engine: 'sqlite',
      all: <R>(sql: string, params: Params = []) => q(() => rows<R>(this.prepare(sql), params)),
      get: <R>(sql: string, params: Params = []) => q(() => row<R>(this.prepare(sql), params)),
      value: <T>(sql: string, params: Params = []) => q(() => valueOf<T>(this.prepare(sql), params)),
      column: <T>(sql: string, params: Params = []) => q(() => columnOf<T>(this.prepare(sql), params)),
      run: (sql: string, params: Params = []) => q(() => runOf(this.prepare(sql), params)),
      select: <R>(query: Compilable<R>) => compiled(query, (stmt, params) => rows<R>(stmt, params)),
      first: <R>(query: Compilable<R>) => compiled(query, (stmt, params) => row<R>(stmt, params)),
      execute: (query: Compilable<unknown>) => compiled(query, runOf),
    };
  }
}

// A cached statement serves calls of every kind, so each call sets the statement's mode itself.
const rows = <R>(stmt: Statement, params: Params) => stmt.pluck(false).all(...params) as R[];
const row = <R>(stmt: Statement, params: Params) => stmt.pluck(false).get(...params) as R | undefined;
const columnOf = <T>(stmt: Statement, params: Params) => stmt.pluck(true).all(...params) as T[];

function valueOf<T>(stmt: Statement, params: Params): T | undefined {
  return stmt.pluck(true).get(...params) as T | undefined;
}

/** INSERT … RETURNING and the like are readers: run them to the end and count their rows. */
function runOf(stmt: Statement, params: Params): number {
  return stmt.reader ? stmt.pluck(false).all(...params).length : stmt.run(...params).changes;
}
