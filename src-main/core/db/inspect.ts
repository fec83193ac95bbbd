import { sqliteWorker } from './worker';

/**
 * What a database file is, read without changing it, in a worker thread (the integrity check reads the
 * whole file: seconds on a big one): not SQLite at all, cut short of a whole page, unreadable, or read,
 * with SQLite's integrity check, its tables and the migrations applied to it. For restore (is this a
 * backup DialDesk can use?) and doctor (is the live database well?).
 */
export type DatabaseFacts =
  | { kind: 'not-sqlite' }
  | { kind: 'truncated'; bytes: number; pageSize: number }
  | { kind: 'unreadable'; error: string; code: string }
  | { kind: 'read'; integrity: string[]; tables: string[]; migrations: string[]; sqliteVersion: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.modulePath);
const answer = (seen) => parentPort.postMessage(seen);
const bytes = fs.statSync(workerData.file).size;
const head = Buffer.alloc(100);
const fd = fs.openSync(workerData.file, 'r');
try { fs.readSync(fd, head, 0, 100, 0); } finally { fs.closeSync(fd); }
if (bytes < 100 || head.toString('latin1', 0, 16) !== 'SQLite format 3\\u0000') {
  answer({ kind: 'not-sqlite' });
} else {
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (bytes % pageSize !== 0 || bytes < pageSize) {
    answer({ kind: 'truncated', bytes, pageSize });
  } else {
    let db;
    try {
      db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
      const integrity = db.pragma('integrity_check').map((r) => r.integrity_check);
      const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      const migrations = tables.includes('kysely_migration')
        ? db.prepare('select name from kysely_migration order by name').pluck().all()
        : [];
      const sqliteVersion = db.prepare('select sqlite_version()').pluck().get();
      answer({ kind: 'read', integrity, tables, migrations, sqliteVersion });
    } catch (err) {
      answer({ kind: 'unreadable', error: String((err && err.message) || err), code: String((err && err.code) || '') });
    } finally {
      if (db) db.close();
    }
  }
}`;

export function readDatabaseFacts(file: string, nativeBinding?: string): Promise<DatabaseFacts> {
  return new Promise((resolve, reject) => {
    const worker = sqliteWorker(WORKER_SOURCE, { file }, nativeBinding);
    worker.once('message', (m: DatabaseFacts) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the database check worker exited with ${code}`));
    });
  });
}
