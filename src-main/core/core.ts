import { mkdirSync } from 'node:fs';
import type { Pool } from 'pg';
import { join } from 'node:path';
import { closeDatabase, openDatabase, openPostgresDatabase, type Db } from './db/connection';
import { startCheckpointer, type Checkpointer } from './db/checkpointer';
import { claimDataFolder, type DataFolderOwner, type OwnerDetails } from './db/owner';
import { migrateToLatest } from './db/migrator';
import { setLeasingCache } from './dialer/pool-cache';
import { syncPhoneZones } from './phone/zones';
import { EventBus } from './events';
import { fileSecretBox, type SecretBox, type SecretCipher } from './secrets/secret-box';
import { keyFileCipher } from './secrets/key-file';
import { adoptPlaintextSecrets } from './secrets/adopt';
import { openLog, silentLog, type AppLog, type OpenLogOptions } from './log/log';
import { startBackupSchedule, type BackupSchedule, type Timers } from './backup/schedule';
import type { DeskSettingsStore } from './settings/desk';
import { systemClock, type Clock } from './time';
import { VERSION } from './version';

/**
 * The application core: one database, one event bus, the desk settings and a clock.
 * Electron's main process and `dialdesk serve` each build exactly one.
 */
export interface Core {
  db: Db;
  events: EventBus;
  desk: DeskSettingsStore;
  clock: Clock;
  /** LLM keys, webhook secrets, Jambonz credentials: sealed, outside the database (secrets/secret-box.ts) */
  secrets: SecretBox;
  /** the WAL's checkpoints in a worker thread (long-running processes), null where SQLite does them inline */
  checkpointer: Checkpointer | null;
  /** this process's claim on the data folder (the app and serve), null for short commands and tests */
  owner: DataFolderOwner | null;
  version: string;
  dataDir: string;
  /** the process's log: a rolling file in the data folder for the app and serve, silent otherwise */
  log: AppLog;
  /** scheduled backups (desk settings), in the app and serve; null elsewhere */
  backupSchedule: BackupSchedule | null;
  /** hooks run on close (stop timers, flush); the database closes last */
  onClose(fn: () => void | Promise<void>): void;
  /**
   * Closes everything. `keepClaim`: the data folder stays this process's (core.owner), for a restart on
   * a restored database (backup/restore.ts) that no other process may slip into.
   */
  close(options?: { keepClaim?: boolean }): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  desk: DeskSettingsStore;
  clock?: Clock;
  nativeBinding?: string;
  /** for tests: ':memory:' */
  databaseFile?: string;
  /**
   * A PostgreSQL several desks share (postgres://…, DESIGN.md §10) instead of the SQLite file in the
   * data folder. The data folder still holds this desk's own things: its settings, sealed secrets and log.
   */
  database?: string;
  /** checkpoint the WAL on close (default true); one-shot CLI commands leave it to the running app */
  checkpointOnClose?: boolean;
  /**
   * Checkpoint the WAL from a worker thread instead of inside commits (db/checkpointer.ts). For the
   * processes that serve the window and the port (the app, serve); one-shot commands keep SQLite's own.
   */
  checkpointInWorker?: boolean;
  /** claim the data folder for this long-running process (db/owner.ts): a second one is refused */
  owner?: OwnerDetails['kind'];
  /** a claim this process already holds (kept over a restart by close({ keepClaim: true })), instead of `owner` */
  claim?: DataFolderOwner | null;
  /**
   * The leasing caches in front of the lease query (dialer/pool-cache.ts); default on, unless the
   * environment says DIALDESK_LEASING_CACHE=off (then SQL alone decides every lease, more slowly).
   */
  leasingCache?: boolean;
  /**
   * What seals secrets: the desktop app passes Electron's safeStorage first (the key file stays able
   * to open what the command line sealed); default, the key file in the data folder.
   */
  secretCiphers?: { ciphers: SecretCipher[]; label: string };
  /**
   * Log to a rolling file in the data folder (log/log.ts), and to the console at the given level; for
   * the long-running processes. Opened once the folder is claimed, so a refused second process never
   * writes into the owner's log. Without it the core logs nowhere.
   */
  log?: OpenLogOptions;
  /** run scheduled backups (backup/schedule.ts): true on real timers, or a test's own */
  scheduleBackups?: boolean | Timers;
}

export const DATABASE_FILE = 'dialdesk.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  if (!options.databaseFile) mkdirSync(options.dataDir, { recursive: true });
  // before the database is even opened: a second owner must not migrate or write anything
  const owner = options.claim ?? (options.owner ? claimDataFolder(options.dataDir, options.owner, options.nativeBinding) : null);
  let db: Db;
  /** the shared PostgreSQL's pool, when the desk runs on one */
  let pool: Pool | null = null;
  let secrets: SecretBox;
  let log: AppLog = silentLog();
  try {
    if (options.log) log = await openLog(options.dataDir, options.log);
    if (options.database) {
      const shared = await openPostgresDatabase(options.database);
      ({ pool } = shared);
      db = shared;
    } else {
      db = openDatabase({ file: options.databaseFile ?? join(options.dataDir, DATABASE_FILE), nativeBinding: options.nativeBinding });
      await migrateToLatest(db);
    }
    secrets = fileSecretBox(
      options.dataDir,
      options.secretCiphers?.ciphers ?? [keyFileCipher(options.dataDir)],
      options.secretCiphers?.label ?? 'a key file in the data folder',
    );
    await adoptPlaintextSecrets(db, secrets);
    // the leasing caches know only this process's writes: on a shared PostgreSQL, SQL alone decides
    setLeasingCache(db, db.engine === 'sqlite' && (options.leasingCache ?? process.env.DIALDESK_LEASING_CACHE !== 'off'));
    await syncPhoneZones(db);
  } catch (err) {
    log.logger.error({ err }, 'DialDesk could not open its database');
    await log.close();
    owner?.release();
    throw err;
  }
  log.logger.info({ version: VERSION, dataDir: options.dataDir, owner: options.owner ?? null }, 'DialDesk opened its data folder');
  const checkpointer =
    options.checkpointInWorker && !options.databaseFile && db.engine === 'sqlite'
      ? startCheckpointer(db, { nativeBinding: options.nativeBinding })
      : null;
  const closers: (() => void | Promise<void>)[] = [];
  if (checkpointer) closers.push(() => checkpointer.stop());
  const events = new EventBus();
  if (pool && options.database) {
    try {
      const { shareEvents } = await import('./shared-events');
      const shared = await shareEvents(events, pool, options.database, log.logger);
      closers.push(() => shared.stop());
    } catch (err) {
      await closeDatabase(db);
      await log.close();
      owner?.release();
      throw err;
    }
  }
  let closed = false;
  const core: Core = {
    db,
    events,
    desk: options.desk,
    clock: options.clock ?? systemClock,
    secrets,
    checkpointer,
    owner,
    version: VERSION,
    dataDir: options.dataDir,
    log,
    backupSchedule: null,
    onClose: (fn) => closers.push(fn),
    async close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      try {
        await closeDatabase(db, { checkpoint: options.checkpointOnClose ?? true });
      } finally {
        if (!closeOptions.keepClaim) owner?.release();
        await log.close();
      }
    },
  };
  if (options.scheduleBackups && db.engine === 'sqlite') {
    const schedule = startBackupSchedule(core, options.scheduleBackups === true ? undefined : options.scheduleBackups);
    core.backupSchedule = schedule;
    closers.push(() => schedule.stop());
  }
  return core;
}
