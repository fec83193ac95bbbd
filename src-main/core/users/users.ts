import type { SessionUser, UserDto } from '../../../src-shared/contract/auth';
import type { Role } from '../../../src-shared/roles';
import { assertNever } from '../../../src-shared/errors';
import { all, exec, first, transaction, type Db } from '../db/connection';
import type { UserRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { AppError, badInput, conflict, notFound } from '../errors';
import { toIso, toIsoOrNull } from '../time';
import { getCompany } from '../companies/companies';
import { hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    companyId: row.company_id,
    isActive: row.is_active === 1,
    lockedUntil: toIsoOrNull(row.locked_until),
    lastLoginAt: toIsoOrNull(row.last_login_at),
    createdAt: toIso(row.created_at),
  };
}

export const toSessionUser = (row: UserRow): SessionUser => ({
  id: row.id,
  username: row.username,
  role: row.role,
  companyId: row.company_id,
});

const byUsername = (db: Db, username: string) =>
  first(db, db.kysely.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()));

export function getUser(db: Db, id: number): UserRow {
  const row = first(db, db.kysely.selectFrom('users').selectAll().where('id', '=', id));
  if (!row) throw notFound(`user ${id} does not exist`);
  return row;
}

export function needsSetup(db: Db): boolean {
  return !first(db, db.kysely.selectFrom('users').select('id').where('role', '=', 'superuser').limit(1));
}

export function listUsers(db: Db, companyId?: number): UserDto[] {
  let q = db.kysely.selectFrom('users').selectAll().orderBy('username');
  if (companyId !== undefined) q = q.where('company_id', '=', companyId);
  return all(db, q).map(toUserDto);
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  companyId: number | null;
}

/** Validates the role/company pairing, hashes off-thread, then writes in one transaction. */
export async function createUser(db: Db, actor: Actor, input: NewUser, now: number): Promise<UserDto> {
  if (input.role === 'superuser' && input.companyId !== null) throw badInput('a superuser belongs to no company');
  if (input.role !== 'superuser' && input.companyId === null) throw badInput(`a ${input.role} needs a company`);
  if (input.companyId !== null) getCompany(db, input.companyId);
  if (byUsername(db, input.username)) throw conflict(`the username "${input.username}" is taken`);
  const passwordHash = await hashPassword(input.password);
  return transaction(db, () => {
    if (byUsername(db, input.username)) throw conflict(`the username "${input.username}" is taken`);
    const id = exec(
      db,
      db.kysely.insertInto('users').values({
        username: input.username.toLowerCase(),
        password_hash: passwordHash,
        role: input.role,
        company_id: input.companyId,
        created_at: now,
      }),
    ).lastInsertRowid;
    const row = getUser(db, id);
    audit(db, actor, { companyId: row.company_id, entity: 'user', entityId: id, action: 'create', after: row }, now);
    return toUserDto(row);
  });
}

/** First run: creates the superuser, but only while none exists. */
export async function setupSuperuser(db: Db, username: string, password: string, now: number): Promise<SessionUser> {
  if (!needsSetup(db)) throw conflict('this console is already set up; sign in instead');
  const dto = await createUser(db, { userId: null, name: 'first-run' }, { username, password, role: 'superuser', companyId: null }, now);
  return toSessionUser(getUser(db, dto.id));
}

const BAD_LOGIN = 'wrong username or password';

/**
 * Five failed attempts lock the account for 15 minutes. The error does not tell whether the
 * username exists; a locked account says so, since the owner needs to know to wait.
 */
export async function login(db: Db, username: string, password: string, now: number): Promise<SessionUser> {
  const row = byUsername(db, username);
  if (!row) {
    await hashPassword(password); // same cost as a real check, so timing does not reveal usernames
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  if (row.locked_until !== null && row.locked_until > now) {
    const minutes = Math.ceil((row.locked_until - now) / 60000);
    throw new AppError('LOCKED', `this account is locked after ${MAX_FAILED_LOGINS} failed sign-ins; try again in ${minutes} min`);
  }
  const ok = await verifyPassword(password, row.password_hash);
  // the failure count must be written before the refusal is thrown, so the refusal stays outside the transaction
  const outcome = transaction(db, (): 'ok' | 'failed' | 'locked' | 'inactive' => {
    const current = getUser(db, row.id);
    if (!ok) {
      const expired = current.locked_until !== null && current.locked_until <= now;
      const failures = (expired ? 0 : current.failed_logins) + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      exec(
        db,
        db.kysely
          .updateTable('users')
          .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? now + LOCKOUT_MS : null })
          .where('id', '=', row.id),
      );
      if (lock) {
        audit(db, { userId: null, name: current.username }, { companyId: current.company_id, entity: 'user', entityId: current.id, action: 'lockout' }, now);
      }
      return lock ? 'locked' : 'failed';
    }
    if (current.is_active !== 1) return 'inactive';
    exec(db, db.kysely.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', row.id));
    return 'ok';
  });
  switch (outcome) {
    case 'ok':
      return toSessionUser(row);
    case 'failed':
      throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
    case 'locked':
      throw new AppError('LOCKED', `this account is now locked for 15 min after ${MAX_FAILED_LOGINS} failed sign-ins`);
    case 'inactive':
      throw new AppError('FORBIDDEN', 'this account is deactivated; ask an administrator');
    default:
      return assertNever(outcome, 'login');
  }
}

export interface UserPatch {
  id: number;
  role?: Role;
  isActive?: boolean;
  password?: string;
  unlock?: boolean;
}

export async function updateUser(db: Db, actor: Actor, patch: UserPatch, now: number): Promise<UserDto> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return transaction(db, () => {
    const before = getUser(db, patch.id);
    if (patch.role !== undefined && (patch.role === 'superuser') !== (before.role === 'superuser')) {
      throw badInput('a user cannot move between superuser and a company role; create a new user instead');
    }
    if (before.role === 'superuser' && patch.isActive === false && countActiveSuperusers(db) <= 1) {
      throw conflict('the last active superuser cannot be deactivated');
    }
    exec(
      db,
      db.kysely
        .updateTable('users')
        .set({
          ...(patch.role !== undefined && { role: patch.role }),
          ...(patch.isActive !== undefined && { is_active: patch.isActive ? 1 : 0 }),
          ...(passwordHash !== undefined && { password_hash: passwordHash }),
          ...(patch.unlock && { locked_until: null, failed_logins: 0 }),
        })
        .where('id', '=', patch.id),
    );
    const after = getUser(db, patch.id);
    audit(db, actor, { companyId: after.company_id, entity: 'user', entityId: after.id, action: 'update', before, after }, now);
    return toUserDto(after);
  });
}

export async function changePassword(db: Db, userId: number, current: string, next: string, now: number): Promise<void> {
  const row = getUser(db, userId);
  if (!(await verifyPassword(current, row.password_hash))) throw badInput('the current password is wrong');
  await updateUser(db, { userId, name: row.username }, { id: userId, password: next }, now);
}

function countActiveSuperusers(db: Db): number {
  const r = first(
    db,
    db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'superuser')
      .where('is_active', '=', 1),
  );
  return r?.n ?? 0;
}
