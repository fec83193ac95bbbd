import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type SonicBoom from 'sonic-boom';
import type { LogLocation } from '../../../src-shared/contract/settings';

export type { Logger };

/**
 * The log of a long-running process (the app, `dialdesk serve`): pino's JSON lines, always into a
 * rolling file in the data folder, and to the console as the process was asked to (`--quiet` quiets
 * the console only). A site that runs DialDesk for months keeps a bounded amount of it: files of
 * LOG_LIMITS.size, the newest LOG_LIMITS.files of them, the oldest removed as a new one starts.
 */
export interface AppLog {
  logger: Logger;
  limits: { size: number; files: number };
  /** the folder of the log files, null when nothing is written to disk (tests, one-shot commands) */
  folder: string | null;
  /** the file being written now (it changes as the log rolls) */
  currentFile(): string | null;
  /** flushes and closes the file */
  close(): Promise<void>;
}

export const LOG_FOLDER = 'logs';
export const LOG_BASE_NAME = 'dialdesk';
/**
 * 10 files of 10 MB. A refused request is one line of about 250 bytes: a site refusing ten a second
 * (a dialer with a revoked key) fills it in a day; failures and warnings alone last months.
 */
export const LOG_LIMITS = { size: 10 * 1024 * 1024, files: 10 } as const;

export interface OpenLogOptions {
  /**
   * What reaches the console besides the file: 'debug' (every request too), 'info' (what the file
   * gets), 'warn' (failures only), or nothing. The file gets 'info' and up whatever this says.
   */
  console: 'debug' | 'info' | 'warn' | 'silent';
  /** where console lines go (default stderr: stdout carries a command's printed answer) */
  consoleStream?: NodeJS.WritableStream;
  /** for tests: smaller files (bytes), fewer of them */
  limits?: { size: number; files: number };
}

export async function openLog(dataDir: string, options: OpenLogOptions): Promise<AppLog> {
  const folder = join(dataDir, LOG_FOLDER);
  const limits = options.limits ?? LOG_LIMITS;
  // loaded here: only the app and `serve` keep a log file, and the one-shot commands start without it
  const { default: pinoRoll } = await import('pino-roll');
  const file: SonicBoom = await pinoRoll({
    file: join(folder, LOG_BASE_NAME),
    extension: '.log',
    size: `${limits.size}b`,
    mkdir: true,
    // earlier runs' files count too: a desk restarted daily must not keep ten files a day forever. The
    // sweep may run before the new file appears, so `files - 1` older ones keep the total at `files`
    limit: { count: limits.files - 1, removeOtherLogFiles: true },
  });
  // the file is opened asynchronously; its name is known once it is
  if (!(file as unknown as { file: string | null }).file) await new Promise((resolve) => file.once('ready', resolve));
  const streams: pino.StreamEntry[] = [{ level: 'info', stream: file }];
  if (options.console !== 'silent') streams.push({ level: options.console, stream: options.consoleStream ?? process.stderr });
  const logger = pino({ level: options.console === 'debug' ? 'debug' : 'info', base: { pid: process.pid } }, pino.multistream(streams));
  let closed = false;
  return {
    logger,
    limits,
    folder,
    currentFile: () => (closed ? null : (file as unknown as { file: string }).file),
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        file.once('close', () => resolve());
        file.end();
      }),
  };
}

export function logLocation(log: AppLog): LogLocation {
  return { folder: log.folder, file: log.currentFile(), fileBytes: log.limits.size, files: log.limits.files };
}

/** A log that writes nowhere: tests, and one-shot commands that print their own answer. */
export function silentLog(): AppLog {
  return { logger: pino({ level: 'silent' }), limits: LOG_LIMITS, folder: null, currentFile: () => null, close: async () => undefined };
}
