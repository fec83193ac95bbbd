import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MIGRATIONS } from '../../../migrations';
import { writeAudit, type Actor } from '../audit/audit';
import { DATABASE_FILE } from '../core';
import { closeDatabase, openDatabase } from '../db/connection';
import { claimDataFolder, folderOwner } from '../db/owner';
import { migrateToLatest } from '../db/migrator';
import { readDatabaseFacts } from '../db/inspect';
import { AppError, badInput } from '../errors';
import type { Clock } from '../time';

export interface BackupInfo {
  /** the backup's last migration */
  schemaVersion: string;
  /** migrations this DialDesk has that the backup lacks: run on the restored copy */
  pending: string[];
}

/**
 * Reads a backup without changing it (a worker thread: the integrity check reads the whole file)
 * and says whether it can be restored: a whole SQLite file, intact, with DialDesk's tables, and no
 * migration this version does not know (a newer DialDesk wrote it). Refusals are BAD_INPUT, naming why.
 */
export async function inspectBackup(file: string, nativeBinding?: string): Promise<BackupInfo> {
  const name = basename(file);
  if (!existsSync(file)) throw badInput(`${file} does not exist`);
  const seen = await readDatabaseFacts(file, nativeBinding);
  if (seen.kind === 'not-sqlite')
    throw badInput(`${name} is not a SQLite database (it does not begin with SQLite's header): not a DialDesk backup`);
  if (seen.kind === 'truncated') {
    throw badInput(
      `${name} is cut short: ${seen.bytes} bytes is not a whole number of its ${seen.pageSize}-byte pages (was the copy interrupted?)`,
    );
  }
  if (seen.kind === 'unreadable') {
    // a page so broken that SQLite refuses to read on is damage, like a failed integrity check
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(seen.code)) throw badInput(`${name} is damaged (${seen.error})`);
    throw badInput(`${name} cannot be read as a database: ${seen.error}`);
  }
  if (seen.integrity.length !== 1 || seen.integrity[0] !== 'ok') {
    throw badInput(`${name} is damaged (SQLite's integrity check: ${seen.integrity.slice(0, 3).join('; ')})`);
  }
  if (!seen.tables.includes('kysely_migration') || !seen.tables.includes('companies') || !seen.tables.includes('ledger_entries')) {
    throw badInput(`${name} is a SQLite database, but not DialDesk's (it has no DialDesk tables)`);
  }
  const known = Object.keys(MIGRATIONS);
  const unknown = seen.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw badInput(
      `${name} was written by a newer DialDesk (its schema has ${unknown.join(', ')}, which this version does not know; ` +
        `this one goes up to ${known.at(-1)}): restore it with that version or a newer one`,
    );
  }
  if (seen.migrations.length === 0) throw badInput(`${name} has DialDesk's tables but no schema version: not a backup DialDesk wrote`);
  return { schemaVersion: seen.migrations.at(-1)!, pending: known.filter((m) => !seen.migrations.includes(m)) };
}

export interface ReplaceResult {
  /** the database that was replaced, kept beside the new one; null when the folder had none */
  previous: string | null;
  /** migrations run on the restored copy */
  migrated: string[];
}

export const RESTORING_FILE = 'dialdesk.sqlite.restoring';

/**
 * Makes `backup` the data folder's database. The caller holds the folder (db/owner.ts) and has closed
 * its own connection. The backup is copied into the folder and brought up to this version's schema
 * there, so a copy that cannot be migrated changes nothing; only then is the current database moved
 * aside (dialdesk-before-restore-<time>.sqlite, kept for undoing) and the copy put in its place.
 */
export async function replaceDatabase(
  dataDir: string,
  backup: string,
  options: { databaseFile: string; actor: Actor; clock: Clock; nativeBinding?: string },
): Promise<ReplaceResult> {
  mkdirSync(dataDir, { recursive: true });
  const staging = join(dataDir, RESTORING_FILE);
  removeDatabaseFiles(staging);
  let migrated: string[];
  try {
    copyFileSync(backup, staging);
    const db = openDatabase({ file: staging, nativeBinding: options.nativeBinding });
    try {
      migrated = (await migrateToLatest(db)).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      const check = db.sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('INTERNAL', `the restored copy failed its check after migrating: ${String(check)}`);
      await writeAudit(
        db,
        options.actor,
        { companyId: null, entity: 'backup', entityId: null, action: 'restore', after: { file: backup, migrated } },
        options.clock(),
      );
    } finally {
      await closeDatabase(db, { checkpoint: true });
    }
  } catch (err) {
    removeDatabaseFiles(staging);
    throw err;
  }
  const current = join(dataDir, options.databaseFile);
  let previous: string | null = null;
  if (existsSync(current)) {
    previous = join(dataDir, asideName(dataDir, options.clock()));
    moveDatabase(current, previous);
  }
  try {
    renameSync(staging, current);
  } catch (err) {
    if (previous) moveDatabase(previous, current);
    throw err;
  }
  return { previous, migrated };
}

/** dialdesk-before-restore-20260302-100000.sqlite, numbered if that name is taken. */
function asideName(dataDir: string, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  for (let n = 0; ; n++) {
    const name = `dialdesk-before-restore-${stamp}${n ? `-${n}` : ''}.sqlite`;
    if (!existsSync(join(dataDir, name))) return name;
  }
}

/** A database and the -wal and -shm beside it move together, or the WAL would be lost or misapplied. */
function moveDatabase(from: string, to: string): void {
  for (const suffix of ['-wal', '-shm']) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  renameSync(from, to);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * `dialdesk restore FILE`: the folder is claimed for the restore (the lock the app and serve take), so
 * it is refused while either runs, and neither can start halfway through it.
 */
export async function restoreDataFolder(
  dataDir: string,
  backup: string,
  options: { actor: Actor; clock: Clock; nativeBinding?: string },
): Promise<BackupInfo & ReplaceResult> {
  const databaseFile = DATABASE_FILE;
  if (resolve(backup) === resolve(dataDir, databaseFile)) throw badInput(`${backup} is the data folder's own database`);
  mkdirSync(dataDir, { recursive: true });
  let claim;
  try {
    claim = claimDataFolder(dataDir, 'restore', options.nativeBinding);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
    throw new AppError(
      'CONFLICT',
      `restore refused: ${folderOwner(dataDir)} owns the data folder ${dataDir}. Stop it first, or restore from its ` +
        'console (Settings, Backups), which restarts it on the backup',
    );
  }
  try {
    const info = await inspectBackup(backup, options.nativeBinding);
    return { ...info, ...(await replaceDatabase(dataDir, backup, { ...options, databaseFile })) };
  } finally {
    claim.release();
  }
}
