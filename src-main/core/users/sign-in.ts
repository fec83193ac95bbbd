import type { SessionUser } from '../../../src-shared/contract/auth';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { UserRow } from '../db/schema';
import { writeAudit } from '../audit/audit';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { sessionUserOf } from './users';

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
  // serializable: no row lock covers a name's first attempt, and on PostgreSQL attempts read in parallel
  // would each count from the same number (SQLite's transactions are serializable already)
  const attempt = await db.transaction(
    async (tx) => {
      const row = await tx.get<{ failures: number; locked_until: number | null; last_failure_at: number }>(
        'select failures, locked_until, last_failure_at from sign_in_attempts where username = ?',
        [name],
      );
      if (row?.locked_until != null && row.locked_until > now) return { lockedUntil: row.locked_until, locks: false };
      // a lock that ran out, or failures older than the window, start the count over
      const stale = !row || row.locked_until !== null || row.last_failure_at <= now - LOCKOUT_MS;
      const failures = (stale ? 0 : row.failures) + 1;
      const locks = failures >= MAX_FAILED_LOGINS;
      await tx.run(
        `insert into sign_in_attempts (username, failures, locked_until, last_failure_at) values (?, ?, ?, ?)
       on conflict (username) do update set failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
        [name, failures, locks ? now + LOCKOUT_MS : null, now],
      );
      await forgetOldAttempts(tx, now);
      return { lockedUntil: null, locks };
    },
    { serializable: true },
  );
  if (attempt.lockedUntil !== null) throw lockedFor(attempt.lockedUntil, now);

  const user = await db.get<UserRow>('select * from users where username = ?', [name]);
  // a made-up name costs the same scrypt as a real one
  const right = user ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false);
  if (!right) {
    if (attempt.locks && user) {
      await writeAudit(
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
  await db.transaction(async (tx) => {
    await clearAttempts(tx, name);
    await tx.run('update users set last_login_at = ? where id = ?', [now, user!.id]);
  });
  return sessionUserOf(db, user!);
}

/** An administrator's unlock, and a successful sign-in: the name starts with a clean count. */
export async function clearAttempts(q: Queries, username: string): Promise<void> {
  await q.run('delete from sign_in_attempts where username = ?', [username.toLowerCase()]);
}

/** When the name is locked now (null: not locked). */
export async function lockedUntil(q: Queries, username: string, now: number): Promise<number | null> {
  const until = await q.value<number | null>('select locked_until from sign_in_attempts where username = ?', [username.toLowerCase()]);
  return until != null && until > now ? until : null;
}

/** Names tried with no lock running and no failure for a window are forgotten (made-up names would pile up). */
async function forgetOldAttempts(tx: Queries, now: number): Promise<void> {
  await tx.run('delete from sign_in_attempts where last_failure_at <= ? and (locked_until is null or locked_until <= ?)', [
    now - LOCKOUT_MS,
    now,
  ]);
}
