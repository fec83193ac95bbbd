import type { Worker } from 'node:worker_threads';
import type { Db } from './connection';
import { sqliteWorker } from './worker';

/**
 * Copies the WAL back into the database file from a worker thread, so the thread that serves the
 * window and the HTTP port does not.
 *
 * Why: SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past 1,000 pages:
 * it copies those pages into the main file and fsyncs it. Measured on the bench's 1M pool with four
 * dialers and an import: that commit, often a dialer's report-results, took 20-30 ms longer than its
 * neighbours, and the loop's longest stall was 58-62 ms; with the copy out of the serving thread,
 * 30-42 ms, and the dialers alone went from 34-44 ms to 19-27 ms.
 *
 * The serving connection turns its automatic checkpoint off. The worker, with a connection of its
 * own, runs PASSIVE checkpoints (they never wait for a reader or a writer: WAL mode lets a checkpoint
 * run beside both): every few milliseconds while the WAL grows, every quarter second when it does not.
 *
 * What the worker cannot do is start the WAL over: SQLite does that when a write begins and every
 * frame has been copied, and under a steady stream of writes the next one always lands before the
 * worker's copy ends (measured: the WAL reached 1.3-1.6 GiB during the report-results load). So the
 * serving thread looks at what the worker last reported every WATCH_MS, and once the WAL passes RESTART_PAGES it runs
 * one PASSIVE checkpoint itself, only when the worker has left at most INLINE_BACKLOG_PAGES uncopied;
 * its own next write then starts the WAL over, and journal_size_limit cuts the file back. Measured
 * under the bench's report-results load (~10k results/s for 40 s): the WAL peaked at 150-314 MiB
 * and started over ~70 times; those checkpoints took 0-31 ms (fsyncs on a busy disk). With a 16 MiB
 * threshold they ran 3x as often for the same worst case; with a 64-page backlog the WAL reached 1 GiB.
 *
 * Work that can wait (an import's next transaction) asks for room first (makeRoom): past RESTART_PAGES
 * it pauses until the worker has copied every frame, and its own next write starts the WAL over, so the
 * serving thread has no checkpoint to finish for it. An import is most of the WAL while it runs, so
 * its pauses are what lets the worker catch up.
 *
 * If the worker fails, the serving connection takes SQLite's automatic checkpoints back.
 */
export interface Checkpointer {
  stats(): CheckpointStats;
  /**
   * For a writer that can wait: answers at once while the WAL is short; past its restart size, once
   * the worker has copied every frame (the caller's next write then starts the WAL over) or after
   * MAKE_ROOM_MAX_MS, whichever comes first.
   */
  makeRoom(): Promise<void>;
  /** stops the worker and waits for it; the caller then closes (and checkpoints) its own connection */
  stop(): Promise<void>;
}

export interface CheckpointStats {
  /** the largest WAL (in pages) seen */
  largestWalPages: number;
  /** checkpoints the serving connection ran itself to start the WAL over, and the longest of them */
  inlineCheckpoints: number;
  inlineMaxMs: number;
  /** times a writer waited for room, and the longest wait */
  roomWaits: number;
  roomMaxMs: number;
  /** why the worker stopped checkpointing, if it did on its own */
  failed: string | null;
}

const IDLE_MS = 250;
const CHASE_MS = 5;
/** how often the serving thread looks at the worker's last report of the WAL */
const WATCH_MS = 50;
/** 64 MiB of WAL: past this the serving connection finishes a checkpoint itself, so the WAL starts over */
const RESTART_PAGES = 16384;
const INLINE_BACKLOG_PAGES = 256;
/** SQLite's default for wal_autocheckpoint, taken back when the worker cannot do the job */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;
const WAL_SIZE_LIMIT_BYTES = 64 * 2 ** 20;
/** the longest a writer that asked for room waits; past it, the serving thread finishes the copy as before */
const MAKE_ROOM_MAX_MS = 250;
/** a writer that asked for room this recently is still writing: the WAL is its to make room in */
const ASKED_RECENTLY_MS = 500;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
let timer;
let last = '';
const stop = () => {
  clearTimeout(timer);
  if (db && db.open) db.close();
  parentPort.close();
};
const tick = (asked) => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    const now = r.log + '/' + r.checkpointed;
    const growing = now !== last;
    last = now;
    if (growing || asked) parentPort.postMessage({ frames: r.log, copied: r.checkpointed });
    timer = setTimeout(tick, growing ? workerData.chaseMs : workerData.idleMs);
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
    stop();
  }
};
try {
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
  db.pragma('wal_autocheckpoint = 0');
  timer = setTimeout(tick, workerData.idleMs);
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
  stop();
}
parentPort.on('message', (m) => {
  if (m === 'stop') return stop();
  // a writer stands back: copy now, and say how far, changed or not
  if (m === 'now' && db && db.open) {
    clearTimeout(timer);
    tick(true);
  }
});
`;

export interface CheckpointerOptions {
  nativeBinding?: string;
  idleMs?: number;
  /** the WAL size (pages) past which the serving connection finishes a checkpoint itself */
  restartPages?: number;
}

export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  const restartPages = options.restartPages ?? RESTART_PAGES;
  const stats: CheckpointStats = {
    largestWalPages: 0,
    inlineCheckpoints: 0,
    inlineMaxMs: 0,
    roomWaits: 0,
    roomMaxMs: 0,
    failed: null,
  };
  // how far the WAL has been copied, as the worker's last checkpoint reported it: advice for when to
  // checkpoint here, never used for correctness. (Reading the -shm file directly would open a database
  // file outside SQLite, and closing that descriptor drops the process's POSIX locks on it.)
  let progress: { frames: number; copied: number } | null = null;
  db.sqlite.pragma('wal_autocheckpoint = 0');
  db.sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const worker: Worker = sqliteWorker(
    WORKER_SOURCE,
    { file: db.file, idleMs: options.idleMs ?? IDLE_MS, chaseMs: CHASE_MS },
    options.nativeBinding,
  );
  // the worker never keeps the process alive on its own (a CLI command or a test ends without stop())
  worker.unref();
  let stopping = false;
  /** writers waiting for room: called when the worker has caught up (or gave up, or stopped) */
  let waiting: (() => void)[] = [];
  let lastAskedAt = -Infinity;
  const letWaitersGo = () => {
    const go = waiting;
    waiting = [];
    for (const resume of go) resume();
  };

  // between two tasks, so never inside a write: finish the worker's copy when that is cheap, and the
  // next write starts the WAL over
  const watch = setInterval(() => {
    if (!db.sqlite.open) return;
    const p = progress;
    if (!p) return;
    if (p.frames < restartPages || p.frames - p.copied > INLINE_BACKLOG_PAGES) return;
    // a writer that asks for room makes it (it stands back until the worker has caught up, and its
    // next write starts the WAL over); this thread steps in only when that has not worked by twice the size
    if ((waiting.length || performance.now() - lastAskedAt < ASKED_RECENTLY_MS) && p.frames < 2 * restartPages) return;
    const started = performance.now();
    db.sqlite.pragma('wal_checkpoint(PASSIVE)');
    progress = null; // until the worker sees the WAL again: the next write here starts it over
    stats.inlineCheckpoints++;
    stats.inlineMaxMs = Math.max(stats.inlineMaxMs, performance.now() - started);
  }, WATCH_MS);
  watch.unref();

  const takeBack = (why: string) => {
    if (stats.failed) return;
    stats.failed = why;
    clearInterval(watch);
    letWaitersGo();
    if (db.sqlite.open) db.sqlite.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: { error?: string; frames?: number; copied?: number }) => {
    if (m.error !== undefined) return takeBack(m.error);
    if (m.frames !== undefined && m.copied !== undefined) {
      progress = { frames: m.frames, copied: m.copied };
      stats.largestWalPages = Math.max(stats.largestWalPages, m.frames);
      if (m.copied >= m.frames || m.frames < restartPages) letWaitersGo();
    }
  });
  worker.on('error', (err) => takeBack(err.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) takeBack(`the checkpoint worker exited with code ${code}`);
      resolve();
    }),
  );

  const makeRoom = (): Promise<void> => {
    const p = progress;
    lastAskedAt = performance.now();
    if (stopping || stats.failed || !p || p.frames < restartPages) return Promise.resolve();
    const started = performance.now();
    stats.roomWaits++;
    // what the worker last said may predate the caller's last write: ask it for a copy that follows
    if (!waiting.length) worker.postMessage('now');
    return new Promise<void>((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        waiting = waiting.filter((w) => w !== resume);
        stats.roomMaxMs = Math.max(stats.roomMaxMs, performance.now() - started);
        resolve();
      };
      const timer = setTimeout(resume, MAKE_ROOM_MAX_MS);
      waiting.push(resume);
    });
  };

  return {
    stats: () => ({ ...stats }),
    makeRoom,
    async stop() {
      if (stopping) return exited;
      stopping = true;
      clearInterval(watch);
      letWaitersGo();
      worker.ref(); // waited for now: keep the process up until it has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}
