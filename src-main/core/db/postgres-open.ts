import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { postgresTables } from '../../../migrations/dialect';
import { AppError, badInput, conflict } from '../errors';
import { postgresPool } from './engine/postgres';
import { isPostgresUrl, safeUrl } from './postgres-url';

/**
 * Opening a PostgreSQL that several desks share (DESIGN.md §10). Before anything is written, the
 * database is checked: it must answer, and hold either nothing, or DialDesk's own tables at a schema
 * this code knows. A wrong URL, another app's database or a schema from a newer DialDesk is a clear
 * error at start, with the database left as it was.
 */

/** How long a desk waits for PostgreSQL to answer before saying it cannot reach it. */
const CONNECT_TIMEOUT_MS = 5_000;

export function openPool(url: string, label: string, max?: number): pg.Pool {
  if (!isPostgresUrl(url)) throw badInput(`${label}: "${safeUrl(url)}" is not a postgres:// URL`);
  try {
    new URL(url);
  } catch {
    throw badInput(`${label}: "${safeUrl(url)}" is not a valid URL`);
  }
  return postgresPool(url, max, CONNECT_TIMEOUT_MS);
}

/** Answers once the server has answered; otherwise says why not, in words a site owner can act on. */
export async function reachable(pool: pg.Pool, url: string, label: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const where = safeUrl(url);
    const why =
      e.code === 'ECONNREFUSED'
        ? 'nothing answers there (is PostgreSQL running, on that host and port?)'
        : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
          ? 'the host name is not known'
          : e.code === '28P01' || e.code === '28000'
            ? 'the user name or password was refused'
            : e.code === '3D000'
              ? 'that database does not exist (create it first: createdb)'
              : /timeout/i.test(e.message ?? '')
                ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`
                : (e.message ?? String(err));
    throw new AppError('BAD_INPUT', `${label}: cannot open ${where}: ${why}`);
  }
}

/** The tables of the database's public schema. */
async function tablesOf(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  return rows.map((r) => r.table_name);
}

export type PostgresContents = 'empty' | 'dialdesk';

/**
 * Empty, or DialDesk's at a schema this code knows. Another app's tables, or migrations this code
 * does not have (a newer DialDesk wrote them), are refused.
 */
export async function checkContents(pool: pg.Pool, label: string): Promise<PostgresContents> {
  const names = await tablesOf(pool);
  // kysely_migration and its lock alone: another desk is migrating it right now (in one transaction)
  const data = names.filter((n) => !n.startsWith('kysely_'));
  if (names.length === 0) return 'empty';
  const foreign = () => {
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    return conflict(`${label}: the database holds another application's tables (${shown}); give DialDesk a database of its own`);
  };
  if (!names.includes('kysely_migration')) throw foreign();
  const { rows } = await pool.query<{ name: string }>('select name from kysely_migration order by name');
  const applied = rows.map((r) => r.name);
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (applied.length > 0 && unknown.length === applied.length) throw foreign();
  if (data.length > 0 && !data.includes('companies')) throw foreign();
  if (unknown.length) {
    throw conflict(
      `${label}: the database was brought to a newer schema by a newer DialDesk (${unknown.join(', ')}); upgrade this desk before pointing it there`,
    );
  }
  return data.length ? 'dialdesk' : 'empty';
}

/** A Kysely over the pool that runs the migrations with PostgreSQL's table words (migrations/dialect.ts). */
export function migrationKysely(pool: pg.Pool): Kysely<unknown> {
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }), plugins: [postgresTables] });
}

/**
 * Brings the schema up to date. Two desks starting at once do not both migrate: Kysely's migrator
 * holds a lock row while it works, and the second finds the work done.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const { error, results } = await new Migrator({
    db: migrationKysely(pool),
    provider: { getMigrations: async () => MIGRATIONS },
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : String(error);
    throw new AppError('INTERNAL', `migrations on PostgreSQL: ${failed ? `${failed.migrationName} failed` : 'failed'}: ${cause}`);
  }
}
