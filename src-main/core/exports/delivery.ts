import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Clock } from '../time';

/**
 * How a file the user asked for (an export, a statement, a company file, a backup) reaches them. The
 * core writes to `path`; `finish()` hands the written file over. Inside Electron the user picked the
 * place in a save dialog; under `dialdesk serve` the file waits in a temporary folder behind a
 * one-time download link.
 */
export interface SaveTarget {
  path: string;
  finish(): Promise<DeliveredFile>;
  /** writing failed or was given up: remove what was written */
  abandon(): Promise<void>;
}

export interface DeliveredFile {
  savedTo: string | null;
  downloadUrl: string | null;
}

export interface FileDelivery {
  /** null when the user cancelled the save dialog */
  chooseSaveTarget(suggestedName: string): Promise<SaveTarget | null>;
}

/**
 * A file saved at a place on this machine. It is written next to its final name as "<name>.part" and
 * renamed when complete, so a failed export never leaves a half-written file under the chosen name.
 */
export function localSaveTarget(finalPath: string): SaveTarget {
  const partial = `${finalPath}.part`;
  return {
    path: partial,
    async finish() {
      await rename(partial, finalPath);
      return { savedTo: finalPath, downloadUrl: null };
    },
    abandon: () => rm(partial, { force: true }),
  };
}

/** File names the core suggests are plain: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = basename(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'download';
}

export const DOWNLOAD_ROUTE = '/rpc/download/';

interface Ticket {
  path: string;
  fileName: string;
  expiresAt: number;
}

/**
 * Headless downloads: files written into one private temporary folder, each reachable once through an
 * unguessable ticket for a few minutes (a browser navigation cannot carry the session header, so the
 * ticket itself is the secret). Expired and fetched files are deleted.
 */
export class DownloadTickets {
  private dir: string | null = null;
  private readonly tickets = new Map<string, Ticket>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 5 * 60_000,
  ) {}

  private folder(): string {
    // mkdtemp makes it 0700: other local users cannot read what waits here
    this.dir ??= mkdtempSync(join(tmpdir(), 'dialdesk-downloads-'));
    return this.dir;
  }

  saveTarget(suggestedName: string): SaveTarget {
    const fileName = safeFileName(suggestedName);
    const path = join(this.folder(), `${randomBytes(8).toString('hex')}-${fileName}`);
    this.pending.add(path);
    return {
      path,
      finish: async () => {
        this.pending.delete(path);
        const ticket = randomBytes(24).toString('base64url');
        this.tickets.set(ticket, { path, fileName, expiresAt: this.clock() + this.ttlMs });
        return { savedTo: null, downloadUrl: `${DOWNLOAD_ROUTE}${ticket}` };
      },
      abandon: async () => {
        this.pending.delete(path);
        await rm(path, { force: true });
      },
    };
  }

  /** The file behind a ticket, once; null for an unknown, used or expired ticket. The caller deletes the file after sending it. */
  take(ticket: string): { path: string; fileName: string } | null {
    this.sweep();
    const found = this.tickets.get(ticket);
    if (!found) return null;
    this.tickets.delete(ticket);
    return { path: found.path, fileName: found.fileName };
  }

  /** Deletes files whose link expired unused. */
  sweep(): void {
    const now = this.clock();
    for (const [ticket, t] of this.tickets) {
      if (t.expiresAt <= now) {
        this.tickets.delete(ticket);
        rmSync(t.path, { force: true });
      }
    }
  }

  close(): void {
    this.tickets.clear();
    this.pending.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/** The content type a download is sent with, by extension. */
export function contentTypeOf(fileName: string): string {
  if (fileName.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (fileName.endsWith('.json')) return 'application/json; charset=utf-8';
  if (fileName.endsWith('.sqlite')) return 'application/vnd.sqlite3';
  return 'application/octet-stream';
}

export interface Delivered<T> {
  cancelled: boolean;
  fileName: string;
  savedTo: string | null;
  downloadUrl: string | null;
  /** what `write` answered; null when the user cancelled */
  result: T | null;
}

/**
 * Asks where the file goes, lets `write` fill it, then hands it over. A failed write removes the
 * partial file and rethrows; a cancelled dialog writes nothing.
 */
export async function deliverFile<T>(
  files: FileDelivery,
  suggestedName: string,
  write: (path: string) => Promise<T>,
): Promise<Delivered<T>> {
  const fileName = safeFileName(suggestedName);
  const target = await files.chooseSaveTarget(fileName);
  if (!target) return { cancelled: true, fileName, savedTo: null, downloadUrl: null, result: null };
  let result: T;
  try {
    result = await write(target.path);
  } catch (err) {
    await target.abandon();
    throw err;
  }
  const delivered = await target.finish();
  return { cancelled: false, fileName, ...delivered, result };
}
