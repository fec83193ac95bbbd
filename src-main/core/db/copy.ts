import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { postgresTables } from '../../../migrations/dialect';
import { AppError, badInput, conflict } from '../errors';
import { checkContents, openPool, reachable } from './postgres-open';

/**
 * `dialdesk db copy --from FILE --to postgres://…`: moves a desk's data from its SQLite file to a
 * PostgreSQL database that will serve several desks (DESIGN.md §10).
 *
 * The target gets the same migrations first and must be empty of data (a non-empty target is refused:
 * nothing is merged or overwritten). The source is read inside one read transaction, so it is one
 * consistent moment even while its desk keeps running. Tables are copied parents first, ids kept; the
 * dashboard rollups that triggers keep from call_stats are not copied but rebuilt by those triggers as
 * call_stats arrives. Then the copy is checked: every table's row count, each company's ledger sum
 * against its wallet, and the rollups' totals against call_stats.
 */
export interface CopyReport {
  tables: Record<string, number>;
  companies: number;
  ledgerSum: number;
  tookMs: number;
}

/** kept by triggers on call_stats (migrations 0003, 0005): rebuilt on the target, not copied */
const DERIVED = new Set(['call_stats_blocks', 'call_stats_by_status']);
/** rows a multi-row insert carries at most (PostgreSQL takes 65,535 parameters a statement) */
const MAX_PARAMS = 60_000;

export async function copyToPostgres(from: string, to: string, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  const started = performance.now();
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw badInput(`--from: ${from} cannot be opened as a DialDesk database: ${err instanceof Error ? err.message : String(err)}`);
  }
  const pool = openPool(to, '--to', 2);
  const target = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }), plugins: [postgresTables] });
  try {
    const applied = sourceMigrations(source);
    const known = Object.keys(MIGRATIONS).sort();
    const missing = known.filter((m) => !applied.includes(m));
    const unknown = applied.filter((m) => !known.includes(m));
    if (unknown.length)
      throw badInput(`--from: the file was written by a newer DialDesk (${unknown.join(', ')}); copy it with that version`);
    if (missing.length)
      throw badInput(`--from: the file is not up to date (${missing.join(', ')} missing); open it once with this DialDesk, then copy`);

    await reachable(pool, to, '--to');
    if ((await checkContents(pool, '--to')) === 'dialdesk') await refuseFilled(pool);
    const { error } = await new Migrator({ db: target, provider: { getMigrations: async () => MIGRATIONS } }).migrateToLatest();
    if (error)
      throw new AppError('INTERNAL', `the target's schema could not be made: ${error instanceof Error ? error.message : String(error)}`);

    const tables = copyOrder(source);
    const counts: Record<string, number> = {};
    source.exec('begin'); // one snapshot of the source for the whole copy
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const table of tables) {
        counts[table] = await copyTable(source, client, table);
        log(`${table}: ${counts[table]} rows`);
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
      source.exec('rollback');
    }
    const check = await verify(source, pool, counts);
    return { tables: counts, ...check, tookMs: Math.round(performance.now() - started) };
  } finally {
    source.close();
    // the pool is this function's (the migrator only borrowed it)
    await pool.end();
  }
}

function sourceMigrations(source: BetterSqlite3.Database): string[] {
  const hasTable = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!hasTable) throw badInput('--from: the file is not a DialDesk database (it has no migrations table)');
  return (source.prepare('select name from kysely_migration order by name').pluck().all() as string[]).sort();
}

/** A DialDesk database that already holds data is not a target: nothing is merged or overwritten. */
async function refuseFilled(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'",
  );
  for (const { table_name: table } of rows) {
    const { rows: any } = await pool.query(`select 1 from "${table}" limit 1`);
    if (any.length) throw conflict(`--to: the database already holds DialDesk data (${table} is not empty); copy into an empty database`);
  }
}

/** The data tables, each after every table it references; `skip` leaves tables out (the derived ones by default). */
export function copyOrder(source: BetterSqlite3.Database, skip: ReadonlySet<string> = DERIVED): string[] {
  const tables = (
    source
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name",
      )
      .pluck()
      .all() as string[]
  ).filter((t) => !skip.has(t));
  const parents = new Map(
    tables.map((t) => [
      t,
      (source.prepare('select "table" from pragma_foreign_key_list(?)').pluck().all(t) as string[]).filter((p) => p !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t)) throw new Error(`copy: a cycle of references through ${[...path, t].join(' -> ')}`);
    for (const p of parents.get(t) ?? []) if (tables.includes(p)) visit(p, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

async function copyTable(source: BetterSqlite3.Database, client: pg.PoolClient, table: string): Promise<number> {
  const columns = source.prepare('select name from pragma_table_info(?) order by cid').pluck().all(table) as string[];
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  let rows = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
    await client.query(`insert into "${table}" (${quoted}) overriding system value values ${tuples.join(', ')}`, values);
    rows += batch.length;
    batch = [];
  };
  for (const row of source.prepare(`select ${quoted} from "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  // an identity column goes on after the copied ids
  if (columns.includes('id')) {
    await client.query(
      `select setval(pg_get_serial_sequence('"${table}"', 'id'), greatest((select max(id) from "${table}"), 1), (select count(*) > 0 from "${table}"))
       where pg_get_serial_sequence('"${table}"', 'id') is not null`,
    );
  }
  return rows;
}

async function verify(
  source: BetterSqlite3.Database,
  pool: pg.Pool,
  counts: Record<string, number>,
): Promise<{ companies: number; ledgerSum: number }> {
  for (const [table, copied] of Object.entries(counts)) {
    const { rows } = await pool.query<{ n: string }>(`select count(*) as n from "${table}"`);
    if (Number(rows[0].n) !== copied)
      throw new AppError('INTERNAL', `copy check: ${table} holds ${rows[0].n} rows on the target, ${copied} were copied`);
  }
  const wallets = source.prepare('select id, wallet_balance from companies order by id').all() as { id: number; wallet_balance: number }[];
  let ledgerSum = 0;
  for (const w of wallets) {
    const { rows } = await pool.query<{ sum: string | null; balance: string }>(
      'select (select sum(amount) from ledger_entries where company_id = $1) as sum, (select wallet_balance from companies where id = $1) as balance',
      [w.id],
    );
    const sum = Number(rows[0].sum ?? 0);
    if (sum !== w.wallet_balance || Number(rows[0].balance) !== w.wallet_balance) {
      throw new AppError(
        'INTERNAL',
        `copy check: company ${w.id}'s wallet is ${w.wallet_balance} here, its ledger sums to ${sum} on the target`,
      );
    }
    ledgerSum += sum;
  }
  const sourceCalls = Number(source.prepare('select coalesce(sum(calls), 0) from call_stats').pluck().get());
  const { rows } = await pool.query<{ blocks: string; statuses: string }>(
    "select (select coalesce(sum(calls), 0) from call_stats_blocks where dim = 'scenario') as blocks, (select coalesce(sum(calls), 0) from call_stats_by_status) as statuses",
  );
  if (Number(rows[0].blocks) !== sourceCalls || Number(rows[0].statuses) !== sourceCalls) {
    throw new AppError(
      'INTERNAL',
      `copy check: the dashboard rollups count ${rows[0].blocks} calls on the target, call_stats ${sourceCalls}`,
    );
  }
  return { companies: wallets.length, ledgerSum };
}
