import type { Worker } from 'node:worker_threads';
import type { Db } from './connection';
import { sqliteWorker } from './worker';

/**
 * Copies the WAL back into the database file from a worker thread, so the thread that serves the
 * window and the HTTP port never does it.
 *
 * Why: SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past 1,000 pages:
 * it copies those pages into the main file and fsyncs it. Measured on the bench's 1M pool with four
 * dialers and an import: that commit, often a dialer's report-results, took 20-30 ms longer than its
 * neighbours, and the loop's longest stall was 58-62 ms; with the copy out of the serving thread,
 * 32-51 ms, and the dialers alone went from 34-44 ms to 23-27 ms.
 *
 * The serving connection turns its automatic checkpoint off; the worker, with a connection of its
 * own, runs a PASSIVE checkpoint every few hundred milliseconds (it never waits for a reader or a
 * writer: WAL mode lets a checkpoint run beside both). If the worker fails, the serving connection
 * takes its automatic checkpoints back, so the WAL never grows without bound.
 */
export interface Checkpointer {
  stats(): CheckpointStats;
  /** stops the worker and waits for it; the caller then closes (and checkpoints) its own connection */
  stop(): Promise<void>;
}

export interface CheckpointStats {
  /** checkpoints that copied pages */
  checkpoints: number;
  /** the largest WAL (in pages) a checkpoint found */
  largestWalPages: number;
  /** why the worker stopped checkpointing, if it did on its own */
  failed: string | null;
}

const EVERY_MS = 250;
/** SQLite's default for wal_autocheckpoint, taken back when the worker cannot do the job */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;
const WAL_SIZE_LIMIT_BYTES = 64 * 2 ** 20;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
let timer;
let last = '';
const stop = () => {
  clearInterval(timer);
  if (db && db.open) db.close();
  parentPort.close();
};
try {
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
  db.pragma('wal_autocheckpoint = 0');
  timer = setInterval(() => {
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      const now = r.log + '/' + r.checkpointed;
      if (r.checkpointed > 0 && now !== last) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
      last = now;
    } catch (err) {
      parentPort.postMessage({ error: String((err && err.message) || err) });
      stop();
    }
  }, workerData.everyMs);
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
  stop();
}
parentPort.on('message', (m) => m === 'stop' && stop());
`;

export function startCheckpointer(db: Db, options: { nativeBinding?: string; everyMs?: number } = {}): Checkpointer {
  const stats: CheckpointStats = { checkpoints: 0, largestWalPages: 0, failed: null };
  const takeBack = (why: string) => {
    if (stats.failed) return;
    stats.failed = why;
    if (db.sqlite.open) db.sqlite.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
  };

  db.sqlite.pragma('wal_autocheckpoint = 0');
  // a long import outruns the checkpoints and grows the WAL (to ~160 MiB for a 1M-row list); once it
  // has all been copied and starts over, the file is cut back to this
  db.sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const worker: Worker = sqliteWorker(WORKER_SOURCE, { file: db.file, everyMs: options.everyMs ?? EVERY_MS }, options.nativeBinding);
  // the worker never keeps the process alive on its own (a CLI command or a test ends without stop())
  worker.unref();
  let stopping = false;
  worker.on('message', (m: { log?: number; checkpointed?: number; error?: string }) => {
    if (m.error !== undefined) return takeBack(m.error);
    stats.checkpoints++;
    stats.largestWalPages = Math.max(stats.largestWalPages, m.log ?? 0);
  });
  worker.on('error', (err) => takeBack(err.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) takeBack(`the checkpoint worker exited with code ${code}`);
      resolve();
    }),
  );

  return {
    stats: () => ({ ...stats }),
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.ref(); // waited for now: keep the process up until it has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}
