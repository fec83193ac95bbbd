import { stat } from 'node:fs/promises';
import type { Db } from '../db/connection';
import { sqliteWorker } from '../db/worker';
import { AppError, conflict } from '../errors';

/** Backups and restores here copy the desk's SQLite file; a shared PostgreSQL has its own tools. */
export const ON_POSTGRES =
  'this desk runs on a shared PostgreSQL: back it up and restore it with pg_dump and pg_restore (README: A site with several desks)';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupResult {
  pages: number;
  bytes: number;
  integrity: 'ok';
  tookMs: number;
}

/** Pages copied per step (4 KiB each): a step takes a few ms, then the event loop gets a turn. */
export const PAGES_PER_STEP = 256;

/**
 * An online, consistent copy of the database at `destination`: SQLite's backup API, run step by step
 * by better-sqlite3 so the window and the HTTP port keep being served; writes made meanwhile through
 * this connection are carried into the copy. The copy is then checked with PRAGMA integrity_check in a
 * worker thread (it reads the whole file, seconds on a big one) and turned into a standalone file
 * (journal_mode DELETE, no -wal beside it). A copy that fails the check is an error.
 */
export async function backupDatabase(db: Db, destination: string, onProgress?: (p: BackupProgress) => void): Promise<BackupResult> {
  if (db.engine === 'postgres') throw conflict(ON_POSTGRES);
  const started = performance.now();
  const { totalPages } = await db.sqlite.backup(destination, {
    progress(p) {
      onProgress?.(p);
      return PAGES_PER_STEP;
    },
  });
  const problems = await checkInWorker(destination);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new AppError('INTERNAL', `the backup copy failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
  }
  const { size } = await stat(destination);
  return { pages: totalPages, bytes: size, integrity: 'ok', tookMs: Math.round(performance.now() - started) };
}

/** The worker opens the copy with the same native addon this thread loaded (Node's or Electron's build). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const rows = db.pragma('integrity_check').map((r) => r.integrity_check);
  if (rows.length === 1 && rows[0] === 'ok') db.pragma('journal_mode = DELETE');
  parentPort.postMessage({ rows });
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}`;

export function checkInWorker(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = sqliteWorker(WORKER_SOURCE, { file });
    worker.once('message', (m: { rows?: string[]; error?: string }) => {
      if (m.rows) resolve(m.rows);
      else reject(new AppError('INTERNAL', `the backup copy could not be checked: ${m.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`backup check worker exited with ${code}`));
    });
  });
}

/** dialdesk-backup-20260302-100000.sqlite (UTC). */
export const backupFileName = (now: number): string =>
  `dialdesk-backup-${new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.sqlite`;
