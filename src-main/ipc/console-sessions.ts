import type { SessionUser } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/errors';
import type { EventMap, EventName } from '../../src-shared/events';
import type { Core } from '../core/core';
import { sessionUserOf, userOf } from '../core/users/users';
import { mayUseCompany } from '../core/users/memberships';
import { dispatch, type Logger } from './dispatch';
import { OpenedFiles } from './opened-files';
import { SessionRegistry } from './sessions';
import type { DeskFiles, HandlerTable, PortControl, Transport } from './types';

export interface ConsoleSessionsOptions {
  core: Core;
  handlers: HandlerTable;
  /**
   * How a sign-in is keyed. 'token': a fresh random token each time (the HTTP bridge sends it back in a
   * header, and the old one ends). 'caller': the caller's own key (an Electron window).
   */
  keys: 'token' | 'caller';
  /** the HTTP port as the console sees it (Settings): where it listens, and how to restart it */
  port: PortControl;
  /** restarts the process's core on a restored backup, after the call that asked has answered */
  restoreBackup?: (file: string) => void;
}

/** How stale an event stream's idea of its user may get (memberships, deactivation). */
const REFRESH_USER_MS = 5_000;

/** One console call: who makes it, from where, and what its transport can do with files. */
export interface ConsoleCall {
  /** the session key the caller holds: a bridge token, or a window's key; null before sign-in */
  key: string | null;
  transport: Transport;
  /** saving and dialogs; reading is through the handles this module keeps for the session */
  files: Omit<DeskFiles, 'take'>;
}

/**
 * The console's sessions, built once for the Electron shell and once for `serve`: who is signed in on
 * which key, the handler context of a call, the file handles bound to a session, and the events each
 * signed-in user may see (DESIGN.md §2: the renderer cannot tell the two shells apart).
 */
export class ConsoleSessions {
  readonly files: OpenedFiles;
  private readonly sessions: SessionRegistry;

  constructor(private readonly options: ConsoleSessionsOptions) {
    this.sessions = new SessionRegistry(options.core.clock);
    this.files = new OpenedFiles(options.core.clock);
  }

  /** Runs a call through the handler table; `issued` is the new key when the call signed someone in with a token. */
  async invoke(
    call: ConsoleCall,
    channel: unknown,
    arg: unknown,
    log?: Logger,
  ): Promise<{ envelope: Envelope<unknown>; issued: string | null }> {
    const { core, handlers, port } = this.options;
    let issued: string | null = null;
    const user = this.sessions.get(call.key);
    const envelope = await dispatch(
      handlers,
      {
        core,
        port,
        transport: call.transport,
        user,
        actor: user ? { userId: user.id, name: user.username } : { userId: null, name: 'anonymous' },
        startSession: (signedIn) => {
          if (this.options.keys === 'caller') {
            if (call.key) this.sessions.set(call.key, signedIn);
            return;
          }
          if (call.key) this.sessions.delete(call.key);
          issued = SessionRegistry.newToken();
          this.sessions.set(issued, signedIn);
        },
        endSession: () => {
          if (call.key) this.sessions.delete(call.key);
        },
        files: { ...call.files, take: (handle) => this.files.take(call.key ?? '', handle) },
        restoreBackup: this.options.restoreBackup ?? null,
      },
      channel,
      arg,
      log,
    );
    return { envelope, issued };
  }

  /** The user signed in on `key`, read again from the database: null when signed out or deactivated since. */
  async signedIn(key: string | null): Promise<SessionUser | null> {
    const user = this.sessions.get(key);
    if (!user) return null;
    const { db } = this.options.core;
    let row;
    try {
      row = await userOf(db, user.id);
    } catch {
      row = undefined;
    }
    if (!row || row.is_active !== 1) {
      // only the session that was read ends: another sign-in on the key meanwhile is not this one's to end
      if (this.sessions.get(key) === user) this.sessions.delete(key!);
      return null;
    }
    return sessionUserOf(db, row);
  }

  /** The user a key holds, without a database read (for the event stream's every event). */
  userOf(key: string | null): SessionUser | null {
    return this.sessions.get(key);
  }

  /**
   * Sends `send` every event the key's user may see, until the returned function is called. While the
   * key holds no session nothing is sent; with `onSignedOut`, the first event after it ends calls it.
   */
  follow(key: string, send: <E extends EventName>(event: E, payload: EventMap[E]) => void, onSignedOut?: () => void): () => void {
    // the user as the database has them, read again at most every few seconds: a membership taken away
    // or an account deactivated stops the events that soon, without a database read per event
    let fresh: { user: SessionUser; at: number } | null = null;
    // events that arrived while the user was (to be) read again: held, in order, until the read tells who may see them
    const held: Array<(user: SessionUser) => void> = [];
    let reading = false;
    let ended = false;
    const signedOut = () => {
      held.length = 0;
      onSignedOut?.();
    };
    const readAgain = async () => {
      reading = true;
      try {
        while (held.length > 0 && !ended) {
          const at = this.options.core.clock();
          const user = await this.signedIn(key);
          if (ended) return;
          if (!user) return signedOut();
          // another user signed in on this key while reading: read theirs before anything is sent
          if (this.sessions.get(key)?.id !== user.id) continue;
          fresh = { user, at };
          for (const deliver of held.splice(0)) deliver(user);
        }
      } catch {
        // the read failed (a closing or busy database): what was held is dropped, never sent unchecked
        held.length = 0;
      } finally {
        reading = false;
      }
    };
    const unsubscribe = this.options.core.events.subscribe((event, payload) => {
      const session = this.sessions.get(key);
      if (!session) return signedOut();
      const deliver = (user: SessionUser) => {
        if (mayReceive(user, payload)) send(event, payload);
      };
      const now = this.options.core.clock();
      // another user signed in on this key since the last read: theirs, read first, never the last one's rights
      if (!reading && fresh && now - fresh.at <= REFRESH_USER_MS && fresh.user.id === session.id) return deliver(fresh.user);
      held.push(deliver);
      if (!reading) void readAgain();
    });
    return () => {
      ended = true;
      held.length = 0;
      unsubscribe();
    };
  }

  end(key: string): void {
    this.sessions.delete(key);
  }

  close(): void {
    this.files.close();
  }
}

/** A company's events go to the people who work for it and to the site owner; site-wide ones (companyId null) to all. */
export function mayReceive(user: SessionUser, payload: unknown): boolean {
  const companyId = (payload as { companyId?: number | null }).companyId;
  return companyId == null || mayUseCompany(user, companyId);
}
