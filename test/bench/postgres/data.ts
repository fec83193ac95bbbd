import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { closeDatabase, openPostgresDatabase } from '../../../src-main/core/db/connection';
import { copyOrder } from '../../../src-main/core/db/copy';
import { postgresBin } from '../../world/postgres';
import { DATA_ROOT, migrationTexts, type Dataset } from '../generate';
import { DAY_MS } from '../gen/params';
import { initCluster, startCluster, type BenchCluster } from './cluster';

/**
 * The PostgreSQL copy of the bench's data set: every number, company, setting and dedup row
 * (company_calls, which is what a lease scan walks), and the last HISTORY_DAYS days of the history
 * (call_results and the ledger entries of those calls, with the top-ups), not all 90: the full 10M
 * results through COPY would add most of an hour to building it on this 2-core machine, and neither
 * next-batch nor report-results reads past results. The dashboard rollups (call_stats) are not copied.
 *
 * Built once into a cluster folder of its own under test/bench/data/<key>-pg-<hash>, keyed by the
 * SQLite set's key and this copy's own version; a migration edited since then builds it again. Each run
 * copies the database inside the cluster (`create database … template`) and drops its copy after.
 */
export const HISTORY_DAYS = 9;
const COPY_VERSION = 1;
export const TEMPLATE = 'bench';

export interface PostgresData {
  dataDir: string;
  counts: Record<string, number>;
  /** seconds this run spent building it (0 when it was cached) */
  builtS: number;
}

interface PgManifest {
  key: string;
  migrations: Record<string, string>;
  counts: Record<string, number>;
  buildS: number;
}

export async function ensurePostgresData(dataset: Dataset, log: (line: string) => void): Promise<PostgresData> {
  const texts = migrationTexts();
  const hash = createHash('sha256').update(JSON.stringify({ COPY_VERSION, HISTORY_DAYS })).digest('hex').slice(0, 8);
  const dataDir = join(DATA_ROOT, `${dataset.manifest.key}-pg-${hash}`);
  const manifestFile = `${dataDir}.json`;
  if (existsSync(manifestFile) && existsSync(join(dataDir, 'PG_VERSION'))) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PgManifest;
    const edited = Object.entries(manifest.migrations).filter(([name, h]) => texts[name] !== h);
    if (edited.length === 0) return { dataDir, counts: manifest.counts, builtS: 0 };
    log(`  the PostgreSQL data set was migrated by a since-edited ${edited.map(([n]) => n).join(', ')}: building it again`);
  }
  const started = Date.now();
  const partial = `${dataDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  initCluster(partial);
  // a half-built cluster is thrown away: nothing here needs to survive a crash
  const cluster = await startCluster(partial, ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_wal_size=8GB']);
  let counts: Record<string, number>;
  try {
    cluster.psql(`create database ${TEMPLATE}`);
    await closeDatabase(await openPostgresDatabase(cluster.url(TEMPLATE)));
    counts = await copyHistory(dataset, cluster, log);
    log('  vacuum analyze');
    cluster.psql('vacuum analyze', TEMPLATE);
  } finally {
    cluster.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(partial, dataDir);
  const buildS = (Date.now() - started) / 1000;
  const manifest: PgManifest = { key: dataset.manifest.key, migrations: texts, counts, buildS };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  log(`  PostgreSQL data set built in ${buildS.toFixed(0)} s: ${dataDir}`);
  return { dataDir, counts, builtS: buildS };
}

/** kept by triggers on call_stats, which is not copied */
const SKIPPED = new Set(['call_stats', 'call_stats_blocks', 'call_stats_by_status']);

async function copyHistory(dataset: Dataset, cluster: BenchCluster, log: (line: string) => void): Promise<Record<string, number>> {
  const source = new BetterSqlite3(dataset.file, { readonly: true, fileMustExist: true });
  const cutoff = Date.parse(dataset.manifest.params.anchor) - HISTORY_DAYS * DAY_MS;
  const counts: Record<string, number> = {};
  try {
    source.exec('begin');
    for (const table of copyOrder(source, SKIPPED)) {
      const t = Date.now();
      const columns = source.prepare('select name from pragma_table_info(?) order by cid').pluck().all(table) as string[];
      const refs = source
        .prepare('select "from" from pragma_foreign_key_list(?) where "table" = ?')
        .pluck()
        .all(table, 'call_results') as string[];
      const where = [
        ...(table === 'call_results' ? ['started_at >= @cutoff'] : []),
        ...refs.map((c) => `("${c}" is null or "${c}" in (select id from call_results where started_at >= @cutoff))`),
      ];
      const select = source.prepare(
        `select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}"${where.length ? ` where ${where.join(' and ')}` : ''}`,
      );
      const rows = select.raw().iterate(where.length ? { cutoff } : {}) as IterableIterator<unknown[]>;
      counts[table] = await copyInto(cluster, table, columns, rows);
      if (columns.includes('id')) {
        cluster.psql(
          `select setval(pg_get_serial_sequence('"${table}"', 'id'), greatest((select max(id) from "${table}"), 1), (select count(*) > 0 from "${table}"))
           where pg_get_serial_sequence('"${table}"', 'id') is not null`,
          TEMPLATE,
        );
      }
      if (counts[table]) log(`  ${table}: ${counts[table]} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    source.exec('rollback');
  } finally {
    source.close();
  }
  return counts;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  return String(v).replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

/** COPY … FROM STDIN through psql, in PostgreSQL's text format: the bulk path, ~10× db copy's multi-row inserts */
async function copyInto(cluster: BenchCluster, table: string, columns: string[], rows: IterableIterator<unknown[]>): Promise<number> {
  const psql = spawn(
    join(postgresBin()!, 'psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'postgres',
      '-d',
      TEMPLATE,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  psql.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => psql.on('close', resolve));
  let n = 0;
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(field).join('\t') + '\n';
    n++;
    if (chunk.length > 1 << 20) {
      if (!psql.stdin.write(chunk)) await new Promise((r) => psql.stdin.once('drain', r));
      chunk = '';
    }
  }
  psql.stdin.end(chunk);
  const code = await exited;
  if (code !== 0) throw new Error(`copy into ${table} failed: ${stderr}`);
  return n;
}
