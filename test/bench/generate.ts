import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../migrations';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { openDatabase, closeDatabase } from '../../src-main/core/db/connection';
import { createMigrator, migrateToLatest } from '../../src-main/core/db/migrator';
import { memoryDeskSettings } from '../../src-main/core/settings/desk';
import { dropSecondaryIndexes, loadHistory } from './gen/bulk';
import { setUpCompanies } from './gen/setup';
import { companyProfiles, datasetKey, DAY_MS, FULL, QUICK, type CompanyProfile, type DatasetParams } from './gen/params';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DATA_ROOT = join(BENCH_DIR, 'data');

export interface CompanyInfo {
  id: number;
  slug: string;
  profile: CompanyProfile;
  dialed: number;
  /** share of the pool in company_calls */
  dialedShare: number;
}

export interface Manifest {
  key: string;
  params: DatasetParams;
  /** migration name -> hash of its code, for every migration applied to the file */
  migrations: Record<string, string>;
  companies: CompanyInfo[];
  counts: Record<string, number>;
  /** seconds per phase of the generation */
  timings: Record<string, number>;
  generatedAt: string;
}

export interface Dataset {
  dir: string;
  file: string;
  manifest: Manifest;
  /** true when this call generated it, false when the cache was reused */
  generated: boolean;
}

/**
 * The data set for these parameters: reused from test/bench/data/<hash> when a complete one is
 * there, generated otherwise. The file is generated with the schema at 0001 (bulk-loaded with its
 * secondary indexes dropped), then every later migration, the app's own code, runs on it as on a
 * user's upgraded database (on the bulk load's connection: its 1 GiB cache and unsynced journal took
 * the quick set's migrations from 14.7 s to 9.9 s).
 */
export async function ensureDataset(params: DatasetParams, log: (line: string) => void = console.log): Promise<Dataset> {
  const texts = migrationTexts();
  // the history is written at the 0001 schema, so only that one is part of the key
  const key = datasetKey(params, [texts['0001_initial']]);
  const dir = join(DATA_ROOT, key);
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const edited = Object.entries(manifest.migrations).filter(([name, hash]) => texts[name] !== hash);
    if (edited.length === 0) {
      await migrateForward(dir, manifest, texts, log);
      writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
      return { dir, file: join(dir, DATABASE_FILE), manifest, generated: false };
    }
    log(`cached data set ${key} was migrated by a since-edited ${edited.map(([n]) => n).join(', ')}: generating it again`);
  }
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const manifest = await generate(params, partial, key, texts, log);
  writeFileSync(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, file: join(dir, DATABASE_FILE), manifest, generated: true };
}

/** name -> hash of the migration's code, to tell a new migration from an edited one */
export function migrationTexts(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, m]) => [name, createHash('sha256').update(String(m.up)).digest('hex').slice(0, 16)]),
  );
}

/**
 * Migrations that landed after the cache was generated run on it in place, through createCore as on
 * a user's database: the same file as generating afresh (migrations are frozen once landed), minutes sooner.
 */
async function migrateForward(dir: string, manifest: Manifest, texts: Record<string, string>, log: (line: string) => void): Promise<void> {
  const pending = Object.keys(texts)
    .filter((name) => !(name in manifest.migrations))
    .sort();
  if (pending.length === 0) return;
  const started = Date.now();
  const core = await createCore({ dataDir: dir, desk: memoryDeskSettings() });
  await core.close();
  for (const name of pending) manifest.migrations[name] = texts[name];
  manifest.timings[`migrated forward: ${pending.join(', ')}`] = (Date.now() - started) / 1000;
  log(`cached data set ${manifest.key}: ran ${pending.join(', ')} on it in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function generate(
  params: DatasetParams,
  dir: string,
  key: string,
  migrations: Record<string, string>,
  log: (line: string) => void,
): Promise<Manifest> {
  const timings: Record<string, number> = {};
  let mark = Date.now();
  let cpuMark = process.cpuUsage();
  // CPU seconds beside wall seconds: on a shared machine the wall time says more about the neighbours
  const phase = (name: string) => {
    const now = Date.now();
    const cpu = process.cpuUsage(cpuMark);
    timings[name] = (now - mark) / 1000;
    log(`  ${name}: ${timings[name].toFixed(1)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    mark = now;
    cpuMark = process.cpuUsage();
  };
  log(
    `generating data set ${key}: ${params.numbers} numbers, ${params.companies} companies, ${params.results} results over ${params.days} days`,
  );
  const file = join(dir, DATABASE_FILE);
  const db = openDatabase({ file });
  const { error } = await createMigrator(db).migrateTo('0001_initial');
  if (error) throw error;
  const setupAt = Date.parse(params.anchor) - (params.days + 30) * DAY_MS;
  const companies = await setUpCompanies(db, companyProfiles(params.companies), setupAt);
  phase('schema and companies');

  const s = db.sqlite;
  // a half-written cache is thrown away, never opened: no need for a durable journal while loading
  // (better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode = OFF; MEMORY is as cheap)
  s.pragma('journal_mode = DELETE');
  if (s.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory') throw new Error('could not leave WAL mode for the bulk load');
  s.pragma('synchronous = OFF');
  s.pragma('foreign_keys = OFF');
  s.pragma('cache_size = -1048576'); // 1 GiB while loading and indexing
  s.pragma('locking_mode = EXCLUSIVE');
  s.pragma('threads = 2'); // index builds may sort on both cores
  const indexes = dropSecondaryIndexes(s);
  const totals = loadHistory(s, params, companies, log);
  phase('history and pool');
  const statsRows = s.prepare('select count(*) from call_stats').pluck().get() as number;
  for (const sql of indexes) s.exec(sql);
  phase('secondary indexes');
  // every later migration, the app's own, still with the bulk load's big cache and no journal to sync
  s.pragma('foreign_keys = ON');
  await migrateToLatest(db);
  // closed in the bulk load's journal mode (nothing to checkpoint) and reopened below in WAL, as the app
  // opens it: switching to WAL on this connection after a migration's ALTER TABLE ... DROP COLUMN left
  // the checkpoint on close answering SQLITE_LOCKED
  s.pragma('locking_mode = NORMAL');
  await closeDatabase(db, { checkpoint: false });

  // opened as the app opens it: nothing left to migrate
  const core = await createCore({ dataDir: dir, desk: memoryDeskSettings() });
  const count = (table: string) => (core.db.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
  const counts = {
    numbers: count('numbers'),
    call_results: count('call_results'),
    company_calls: count('company_calls'),
    ledger_entries: count('ledger_entries'),
    call_stats: count('call_stats'),
    active_numbers: (core.db.sqlite.prepare(`select count(*) n from numbers where global_status = 'active'`).get() as { n: number }).n,
  };
  await core.close();
  phase('later migrations');
  if (statsRows !== counts.call_stats) throw new Error('call_stats changed under the later migrations');

  return {
    key,
    params,
    migrations,
    companies: companies.map((c, k) => ({
      id: c.id,
      slug: c.profile.slug,
      profile: c.profile,
      dialed: totals.companyCalls[k],
      dialedShare: totals.companyCalls[k] / params.numbers,
    })),
    counts,
    timings,
    generatedAt: new Date().toISOString(),
  };
}

// `npx tsx test/bench/generate.ts [--quick]` builds (or finds) the cached data set and prints its manifest
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const params = process.argv.includes('--quick') ? QUICK : FULL;
  const started = Date.now();
  ensureDataset(params).then(
    (d) => {
      console.log(JSON.stringify({ ...d.manifest, dir: d.dir, generated: d.generated, seconds: (Date.now() - started) / 1000 }, null, 2));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
