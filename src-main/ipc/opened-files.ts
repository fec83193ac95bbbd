import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { PickedFile } from '../../src-shared/contract/files';
import { badInput } from '../core/errors';
import type { Clock } from '../core/time';

/** The file behind a handle, taken once by the channel that reads it. */
export interface OpenedFile {
  /** where the server reads it: the user's own file, or the server's copy of an upload */
  path: string;
  name: string;
  bytes: number;
  /** done with it: an uploaded copy is deleted; a file the user picked on the desk stays where it is */
  release(): void;
}

interface Entry {
  owner: string;
  path: string;
  name: string;
  bytes: number;
  temporary: boolean;
  expiresAt: number;
}

const GONE = 'this file handle is unknown, expired or already used: choose the file again';

/**
 * The files a client may have the server read, each behind an opaque one-time handle bound to the
 * session that made it (a window in the app, a session token under `serve`). Only the transport adds
 * to it: from the desk's own open dialog, or from an upload it stored. A client never names a path.
 */
export class OpenedFiles {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 30 * 60_000,
  ) {}

  /** A file the user picked in the desk's own open dialog: read where it is, never deleted. */
  addPicked(owner: string, path: string): PickedFile {
    const stat = statSync(path);
    if (!stat.isFile()) throw badInput(`${path} is not a file`);
    return this.add(owner, { path, name: basename(path), bytes: stat.size, temporary: false });
  }

  /** The server's copy of an upload: deleted once used, or when its handle expires unused. */
  addUpload(owner: string, path: string, name: string, bytes: number): PickedFile {
    return this.add(owner, { path, name, bytes, temporary: true });
  }

  private add(owner: string, file: Omit<Entry, 'owner' | 'expiresAt'>): PickedFile {
    this.sweep();
    const handle = randomBytes(24).toString('base64url');
    this.entries.set(handle, { ...file, owner, expiresAt: this.clock() + this.ttlMs });
    return { handle, name: file.name, bytes: file.bytes };
  }

  /**
   * The file behind a handle, once. Another session's handle is refused with the same words as an
   * unknown one, so a handle's existence is not confirmed to whoever guessed it.
   */
  take(owner: string, handle: string): OpenedFile {
    this.sweep();
    const entry = this.entries.get(handle);
    if (!entry || entry.owner !== owner) throw badInput(GONE);
    this.entries.delete(handle);
    return {
      path: entry.path,
      name: entry.name,
      bytes: entry.bytes,
      release: () => {
        if (entry.temporary) rmSync(entry.path, { force: true });
      },
    };
  }

  /** Forgets expired handles and deletes their uploaded copies. */
  sweep(): void {
    const now = this.clock();
    for (const [handle, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      this.entries.delete(handle);
      if (entry.temporary) rmSync(entry.path, { force: true });
    }
  }

  close(): void {
    for (const entry of this.entries.values()) if (entry.temporary) rmSync(entry.path, { force: true });
    this.entries.clear();
  }
}
