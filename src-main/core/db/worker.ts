import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `source` (CommonJS) that can open SQLite with the same better-sqlite3 this
 * thread loaded, Node's build or Electron's: it finds `workerData.modulePath` and
 * `workerData.nativeBinding` beside the caller's own data.
 */
export function sqliteWorker(source: string, data: Record<string, unknown>, nativeBinding?: string): Worker {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('better-sqlite3');
  const binding = nativeBinding ?? Object.keys(require.cache).find((k) => /better_sqlite3\.node$/.test(k));
  return new Worker(source, { eval: true, workerData: { ...data, modulePath, nativeBinding: binding } });
}
