import type { Compilable } from 'kysely';
import pg from 'pg';
import {
  numberedPlaceholders,
  type Params,
  type Queries,
  type StatementOptions,
  type Transactional,
  type TransactionOptions,
} from './queries';

/**
 * Queries on a PostgreSQL shared by several desks (DESIGN.md §10), through a pool of connections.
 * Statements are prepared by name on each connection (the text's own name, made once per text).
 * A transaction runs on one connection, READ COMMITTED unless it asks for SERIALIZABLE; a
 * serialization failure or a deadlock (another desk's transaction in the way) rolls it back and runs
 * it again from the start, up to a few times.
 */
const RETRYABLE = new Set(['40001', '40P01']);
/**
 * A unique violation inside a transaction is most often a read-check-write that lost a race with
 * another desk (both read "no such call_id", both insert): run again, the check sees the row the other
 * committed and answers as it always would (a replay, a clear conflict). A few times only: one that
 * keeps failing is a real clash, and is thrown.
 */
const UNIQUE_VIOLATION = '23505';
const UNIQUE_ATTEMPTS = 3;
/** as many tries as a pool's worth of writers on one row can need: each round lets at least one through */
const MAX_ATTEMPTS = 30;
/** a random pause before the next try, growing with each failed one, so the losers do not collide again at once */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));

/** 64-bit integers and sums as numbers: every id, time and amount DialDesk keeps is below 2^53 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function postgresPool(url: string, max = 10, connectionTimeoutMillis = 0): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis, types: types as pg.CustomTypesConfig });
  // an idle connection the server drops surfaces at the next query, not as a crash of the process
  pool.on('error', () => undefined);
  return pool;
}

type Client = pg.Pool | pg.PoolClient;

export class PostgresQueries implements Transactional {
  readonly engine = 'postgres' as const;
  private readonly names = new Map<string, { name: string; text: string }>();
  private readonly outside: Queries;
  readonly all: Queries['all'];
  readonly get: Queries['get'];
  readonly value: Queries['value'];
  readonly column: Queries['column'];
  readonly run: Queries['run'];
  readonly select: Queries['select'];
  readonly first: Queries['first'];
  readonly execute: Queries['execute'];

  constructor(readonly pool: pg.Pool) {
    // outside a transaction, each statement takes any free connection of the pool
    this.outside = this.on(pool);
    ({ all: this.all, get: this.get, value: this.value, column: this.column, run: this.run } = this.outside);
    ({ select: this.select, first: this.first, execute: this.execute } = this.outside);
  }

  private statement(sql: string, numbered: boolean): { name: string; text: string } {
    let s = this.names.get(sql);
    if (!s) {
      s = { name: `dd${this.names.size + 1}`, text: numbered ? sql : numberedPlaceholders(sql) };
      this.names.set(sql, s);
    }
    return s;
  }

  private async query<R>(
    client: Client,
    sql: string,
    params: Params,
    numbered = false,
    planEachRun = false,
  ): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
    const s = this.statement(sql, numbered);
    // an unnamed statement is planned at each run with its parameters (StatementOptions.planEachRun)
    return client.query<R & pg.QueryResultRow>({ name: planEachRun ? undefined : s.name, text: s.text, values: params as unknown[] });
  }

  private on(client: Client): Queries {
    const rows = async <R>(sql: string, params: Params = [], numbered = false, planEachRun = false) =>
      (await this.query<R>(client, sql, params, numbered, planEachRun)).rows as R[];
    const first = (r: unknown[]) => r[0];
    const firstColumn = (r: Record<string, unknown> | undefined) => (r ? Object.values(r)[0] : undefined);
    return {
      engine: 'postgres',
      all: <R>(sql: string, params?: Params, options?: StatementOptions) => rows<R>(sql, params, false, options?.planEachRun),
      get: async <R>(sql: string, params?: Params) => first(await rows<R>(sql, params)) as R | undefined,
      value: async <T>(sql: string, params?: Params) =>
        firstColumn(first(await rows<Record<string, unknown>>(sql, params)) as Record<string, unknown>) as T | undefined,
      column: async <T>(sql: string, params?: Params) => (await rows<Record<string, unknown>>(sql, params)).map((r) => firstColumn(r) as T),
      run: async (sql: string, params: Params = []) => {
        const r = await this.query(client, sql, params);
        return r.command === 'SELECT' ? r.rows.length : (r.rowCount ?? 0);
      },
      // Kysely compiles for PostgreSQL itself ($1, $2...)
      select: <R>(query: Compilable<R>) => {
        const c = query.compile();
        return rows<R>(c.sql, c.parameters, true);
      },
      first: async <R>(query: Compilable<R>) => {
        const c = query.compile();
        return first(await rows<R>(c.sql, c.parameters, true)) as R | undefined;
      },
      execute: async (query: Compilable<unknown>) => {
        const c = query.compile();
        const r = await this.query(client, c.sql, c.parameters, true);
        return r.command === 'SELECT' ? r.rows.length : (r.rowCount ?? 0);
      },
    };
  }

  async transaction<T>(fn: (tx: Queries) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query(options.serializable ? 'begin isolation level serializable' : 'begin');
        try {
          const result = await fn(this.on(client));
          await client.query('commit');
          return result;
        } catch (err) {
          await client.query('rollback').catch(() => undefined);
          const code = (err as { code?: string }).code;
          const again = (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) || (code === UNIQUE_VIOLATION && attempt < UNIQUE_ATTEMPTS);
          if (again) {
            await backoff(attempt);
            continue;
          }
          throw err;
        }
      }
    } finally {
      client.release();
    }
  }
}
