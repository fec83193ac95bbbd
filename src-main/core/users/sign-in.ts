import type { SessionUser } from '../../../src-shared/contract/auth';
import { exec, first, prepare, transaction, type Db } from '../db/connection';
import { audit } from '../audit/audit';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { toSessionUser } from './users';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

const BAD_LOGIN = 'wrong username or password';
const lockedFor = (until: number, now: number) =>
  new AppError(
    'LOCKED',
    `this account is locked after ${MAX_FAILED_LOGINS} failed sign-ins; try again in ${Math.ceil((until - now) / 60000)} min`,
  );

/**
 * Signs in with a username and password. Five failures within 15 minutes lock the name for 15
 * minutes, whether or not a user has that name: the answer and the work done (one scrypt) are the
 * same for a made-up name as for a real one, so neither tells which names exist.
 *
 * The attempt is counted before the password is checked, in the transaction that checks the lock:
 * of many attempts sent at once, at most five are ever checked, and the fifth locks the name
 * whatever the others find. A right password then takes its own attempt back.
 */
export async function login(db: Db, username: string, password: string, now: number): Promise<SessionUser> {
  const name = username.toLowerCase();
  const attempt = transaction(db, () => {
    const row = prepare(db.sqlite, 'select failures, locked_until, last_failure_at from sign_in_attempts where username = ?').get(name) as
      { failures: number; locked_until: number | null; last_failure_at: number } | undefined;
    if (row?.locked_until != null && row.locked_until > now) return { lockedUntil: row.locked_until, locks: false };
    // a lock that ran out, or failures older than the window, start the count over
    const stale = !row || row.locked_until !== null || row.last_failure_at <= now - LOCKOUT_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    prepare(
      db.sqlite,
      `insert into sign_in_attempts (username, failures, locked_until, last_failure_at) values (?, ?, ?, ?)
       on conflict (username) do update set failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
    ).run(name, failures, locks ? now + LOCKOUT_MS : null, now);
    forgetOldAttempts(db, now);
    return { lockedUntil: null, locks };
  });
  if (attempt.lockedUntil !== null) throw lockedFor(attempt.lockedUntil, now);

  const user = first(db, db.kysely.selectFrom('users').selectAll().where('username', '=', name));
  // a made-up name costs the same scrypt as a real one
  const right = user ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false);
  if (!right) {
    if (attempt.locks && user) {
      audit(
        db,
        { userId: null, name: user.username },
        { companyId: user.company_id, entity: 'user', entityId: user.id, action: 'lockout' },
        now,
      );
    }
    if (attempt.locks) throw new AppError('LOCKED', `this account is now locked for 15 min after ${MAX_FAILED_LOGINS} failed sign-ins`);
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  if (user!.is_active !== 1) throw new AppError('FORBIDDEN', 'this account is deactivated; ask an administrator');
  transaction(db, () => {
    clearAttempts(db, name);
    exec(db, db.kysely.updateTable('users').set({ last_login_at: now }).where('id', '=', user!.id));
  });
  return toSessionUser(db, user!);
}

/** An administrator's unlock, and a successful sign-in: the name starts with a clean count. */
export function clearAttempts(db: Db, username: string): void {
  prepare(db.sqlite, 'delete from sign_in_attempts where username = ?').run(username.toLowerCase());
}

/** When the name is locked now (null: not locked). */
export function lockedUntil(db: Db, username: string, now: number): number | null {
  const until = prepare(db.sqlite, 'select locked_until from sign_in_attempts where username = ?').pluck().get(username.toLowerCase()) as
    number | null | undefined;
  return until != null && until > now ? until : null;
}

/** Names tried with no lock running and no failure for a window are forgotten (made-up names would pile up). */
function forgetOldAttempts(db: Db, now: number): void {
  prepare(db.sqlite, 'delete from sign_in_attempts where last_failure_at <= ? and (locked_until is null or locked_until <= ?)').run(
    now - LOCKOUT_MS,
    now,
  );
}
