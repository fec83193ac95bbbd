import { createCore, type Core } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { databaseFor } from '../core/settings/desk-database';
import { confDeskSettings } from '../core/settings/conf-store';
import { CLI_ACTOR } from '../core/audit/audit';
import type { OpenLogOptions } from '../core/log/log';
import type { DataFolderOwner } from '../core/db/owner';
import type { GlobalOptions } from './io';

export { CLI_ACTOR };

/**
 * `longRunning` (serve) owns the file: it checkpoints from a worker and on close, and logs to the data
 * folder (and to the console at `consoleLog`); one-shot commands do none of it.
 */
export async function openCore(
  options: GlobalOptions,
  longRunning = false,
  consoleLog: OpenLogOptions['console'] = 'info',
  /** the folder's claim, kept over a restart on a restored backup */
  claim?: DataFolderOwner | null,
): Promise<Core> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const database = databaseFor(dataDir, options.database);
  return createCore({
    dataDir,
    database,
    desk: confDeskSettings(dataDir),
    checkpointOnClose: longRunning,
    checkpointInWorker: longRunning,
    owner: longRunning ? 'serve' : undefined,
    claim,
    scheduleBackups: longRunning,
    log: longRunning ? { console: consoleLog } : undefined,
    nativeBinding: process.env.DIALDESK_NATIVE_BINDING,
  });
}

/** Opens the data dir, runs fn, and always closes the database. */
export async function withCore<T>(options: GlobalOptions, fn: (core: Core) => Promise<T> | T): Promise<T> {
  const core = await openCore(options);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
