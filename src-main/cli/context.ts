import { createCore, type Core } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { confDeskSettings } from '../core/settings/conf-store';
import { CLI_ACTOR } from '../core/audit/audit';
import type { GlobalOptions } from './io';

export { CLI_ACTOR };

export async function openCore(options: GlobalOptions): Promise<Core> {
  const dataDir = options.dataDir ?? defaultDataDir();
  return createCore({ dataDir, desk: confDeskSettings(dataDir) });
}

/** Opens the data dir, runs fn, and always closes the database (checkpointing the WAL). */
export async function withCore<T>(options: GlobalOptions, fn: (core: Core) => Promise<T> | T): Promise<T> {
  const core = await openCore(options);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
