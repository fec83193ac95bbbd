import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';

/**
 * One long-running process (the desktop app or `dialdesk serve`) owns a data folder at a time: each
 * keeps its own sessions, event bus, dialer list and leasing caches, so two of them on one folder
 * would each answer for a different picture of the same database. Short CLI commands do not claim it.
 *
 * The claim is an exclusive lock SQLite holds on a small file of its own (`dialdesk.owner`), kept for
 * the life of the connection (locking_mode EXCLUSIVE). The operating system drops it when the process
 * ends, however it ends, so a crash never leaves a stale claim behind. Who holds it is written beside
 * it, in `dialdesk.owner.json`, only so the refusal can say whom to stop.
 */
export interface DataFolderOwner {
  /** records where the owner can be reached, for the message a second process prints */
  announce(details: Partial<OwnerDetails>): void;
  release(): void;
}

export interface OwnerDetails {
  /** 'restore': `dialdesk restore` holds the folder while it replaces the database */
  kind: 'serve' | 'app' | 'restore';
  pid: number;
  startedAt: string;
  url: string | null;
}

export const OWNER_LOCK_FILE = 'dialdesk.owner';
const OWNER_INFO_FILE = 'dialdesk.owner.json';

export function claimDataFolder(dataDir: string, kind: OwnerDetails['kind'], nativeBinding?: string): DataFolderOwner {
  const lock = lockFolder(dataDir, nativeBinding);
  if (!lock) throw new AppError('CONFLICT', describeOwner(dataDir));
  const info = join(dataDir, OWNER_INFO_FILE);
  let details: OwnerDetails = { kind, pid: process.pid, startedAt: new Date().toISOString(), url: null };
  const write = () => writeFileSync(info, `${JSON.stringify(details, null, 2)}\n`);
  write();
  let released = false;
  return {
    announce(more) {
      details = { ...details, ...more };
      write();
    },
    release() {
      if (released) return;
      released = true;
      rmSync(info, { force: true });
      lock.close();
    },
  };
}

/** True while another process owns the folder (for commands that must not run beside it, like restore). */
export function dataFolderOwned(dataDir: string, nativeBinding?: string): boolean {
  const lock = lockFolder(dataDir, nativeBinding);
  lock?.close();
  return lock === null;
}

/** The lock's connection, or null when another process holds it. */
function lockFolder(dataDir: string, nativeBinding?: string): BetterSqlite3.Database | null {
  const lock = new BetterSqlite3(join(dataDir, OWNER_LOCK_FILE), { nativeBinding });
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    // the first write takes the exclusive lock; in this locking mode it is kept until close
    lock.exec(
      'begin exclusive; create table if not exists owner (claimed_at integer); delete from owner; insert into owner values (unixepoch()); commit',
    );
    return lock;
  } catch (err) {
    lock.close();
    if (isBusy(err)) return null;
    throw err;
  }
}

function isBusy(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

function describeOwner(dataDir: string): string {
  return `the data folder ${dataDir} is already in use by ${folderOwner(dataDir)}; use that one, or stop it first (short commands such as "numbers import" may run beside it)`;
}

const OWNER_NAMES: Record<OwnerDetails['kind'], string> = {
  app: 'the DialDesk desktop app',
  serve: 'dialdesk serve',
  restore: 'dialdesk restore',
};

/** Who holds the folder, in words, from the details it wrote ("dialdesk serve (pid 4242, since ...)"). */
export function folderOwner(dataDir: string): string {
  try {
    const d = JSON.parse(readFileSync(join(dataDir, OWNER_INFO_FILE), 'utf8')) as Partial<OwnerDetails>;
    const what = (d.kind && OWNER_NAMES[d.kind]) ?? 'another DialDesk process';
    return `${what} (pid ${d.pid}, since ${d.startedAt}${d.url ? `, at ${d.url}` : ''})`;
  } catch {
    // the details are advice; the lock is the fact
    return 'another DialDesk process';
  }
}

/** The owner's details as it wrote them, or null (for doctor). */
export function readOwnerDetails(dataDir: string): OwnerDetails | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_INFO_FILE), 'utf8')) as OwnerDetails;
  } catch {
    return null;
  }
}
