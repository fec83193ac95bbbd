import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { badInput } from '../errors';

const DATABASE_COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Refuses a list file that is the database itself or one of SQLite's companion files, without ever
 * opening it: on Linux, closing any descriptor of a file drops every POSIX lock the process holds on
 * it, SQLite's own locks included, so nothing but SQLite may open these files. stat and realpath do
 * not open the file; a hard link shows as the same device and inode, a symbolic link as the same
 * real path.
 */
export function refuseDatabaseFiles(databaseFile: string, listFile: string): void {
  const list = statSync(listFile, { throwIfNoEntry: false });
  if (!list) return; // the reader says there is no such file
  const listReal = realpathSync(listFile);
  for (const suffix of DATABASE_COMPANIONS) {
    const own = `${databaseFile}${suffix}`;
    const stat = statSync(own, { throwIfNoEntry: false });
    const sameFile = stat !== undefined && stat.dev === list.dev && stat.ino === list.ino;
    if (sameFile || listReal === realPathOf(own)) {
      throw badInput(`${listFile} is DialDesk's own database${suffix ? ` (its ${suffix.slice(1)} file)` : ''}, not a list of numbers`);
    }
  }
}

/** The real path of a file that may not exist (a -journal only exists during a write). */
function realPathOf(file: string): string {
  try {
    return join(realpathSync(dirname(file)), basename(file));
  } catch {
    return file;
  }
}
