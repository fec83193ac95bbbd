import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../src-shared/contract';

const IDLE_MS = 12 * 60 * 60 * 1000;

/**
 * Signed-in sessions, in memory: a restart signs everyone out. Keyed by the transport's handle:
 * a random token for the HTTP bridge, the window's id inside Electron.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, { user: SessionUser; seenAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  static newToken(): string {
    return randomBytes(32).toString('base64url');
  }

  get(key: string | null | undefined): SessionUser | null {
    if (!key) return null;
    const s = this.sessions.get(key);
    if (!s) return null;
    if (this.now() - s.seenAt > IDLE_MS) {
      this.sessions.delete(key);
      return null;
    }
    s.seenAt = this.now();
    return s.user;
  }

  set(key: string, user: SessionUser): void {
    this.sessions.set(key, { user, seenAt: this.now() });
  }

  delete(key: string): void {
    this.sessions.delete(key);
  }
}
