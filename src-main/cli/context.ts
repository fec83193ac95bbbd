import { createCore, type Core } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { confDeskSettings } from '../core/settings/conf-store';
import { CLI_ACTOR } from '../core/audit/audit';
import type { GlobalOptions } from './io';

export { CLI_ACTOR };

/** `longRunning` (serve) owns the file: it checkpoints from a worker and on close; one-shot commands do neither. */
export async function openCore(options: GlobalOptions, longRunning = false): Promise<Core> {
  const dataDir = options.dataDir ?? defaultDataDir();
  return createCore({
    dataDir,
    desk: confDeskSettings(dataDir),
    checkpointOnClose: longRunning,
    checkpointInWorker: longRunning,
    owner: longRunning ? 'serve' : undefined,
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
