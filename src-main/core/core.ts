import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from './db/connection';
import { startCheckpointer, type Checkpointer } from './db/checkpointer';
import { claimDataFolder, type DataFolderOwner, type OwnerDetails } from './db/owner';
import { migrateToLatest } from './db/migrator';
import { setLeasingCache } from './dialer/pool-cache';
import { syncPhoneZones } from './phone/zones';
import { EventBus } from './events';
import { fileSecretBox, type SecretBox, type SecretCipher } from './secrets/secret-box';
import { keyFileCipher } from './secrets/key-file';
import { adoptPlaintextSecrets } from './secrets/adopt';
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
  /** hooks run on close (stop timers, flush); the database closes last */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  desk: DeskSettingsStore;
  clock?: Clock;
  nativeBinding?: string;
  /** for tests: ':memory:' */
  databaseFile?: string;
  /** checkpoint the WAL on close (default true); one-shot CLI commands leave it to the running app */
  checkpointOnClose?: boolean;
  /**
   * Checkpoint the WAL from a worker thread instead of inside commits (db/checkpointer.ts). For the
   * processes that serve the window and the port (the app, serve); one-shot commands keep SQLite's own.
   */
  checkpointInWorker?: boolean;
  /** claim the data folder for this long-running process (db/owner.ts): a second one is refused */
  owner?: OwnerDetails['kind'];
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
}

export const DATABASE_FILE = 'dialdesk.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  if (!options.databaseFile) mkdirSync(options.dataDir, { recursive: true });
  // before the database is even opened: a second owner must not migrate or write anything
  const owner = options.owner ? claimDataFolder(options.dataDir, options.owner, options.nativeBinding) : null;
  let db: Db;
  let secrets: SecretBox;
  try {
    db = openDatabase({ file: options.databaseFile ?? join(options.dataDir, DATABASE_FILE), nativeBinding: options.nativeBinding });
    await migrateToLatest(db);
    secrets = fileSecretBox(
      options.dataDir,
      options.secretCiphers?.ciphers ?? [keyFileCipher(options.dataDir)],
      options.secretCiphers?.label ?? 'a key file in the data folder',
    );
    adoptPlaintextSecrets(db, secrets);
    setLeasingCache(db, options.leasingCache ?? process.env.DIALDESK_LEASING_CACHE !== 'off');
    syncPhoneZones(db);
  } catch (err) {
    owner?.release();
    throw err;
  }
  const checkpointer =
    options.checkpointInWorker && !options.databaseFile ? startCheckpointer(db, { nativeBinding: options.nativeBinding }) : null;
  const closers: (() => void | Promise<void>)[] = [];
  if (checkpointer) closers.push(() => checkpointer.stop());
  let closed = false;
  return {
    db,
    events: new EventBus(),
    desk: options.desk,
    clock: options.clock ?? systemClock,
    secrets,
    checkpointer,
    owner,
    version: VERSION,
    dataDir: options.dataDir,
    onClose: (fn) => closers.push(fn),
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      await closeDatabase(db, { checkpoint: options.checkpointOnClose ?? true });
      owner?.release();
    },
  };
}
