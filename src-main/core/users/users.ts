import type { SessionUser, UserDto } from '../../../src-shared/contract/auth';
import type { Role } from '../../../src-shared/roles';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { UserRow } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { badInput, conflict, notFound } from '../errors';
import { toIso, toIsoOrNull } from '../time';
import { companyOf } from '../companies/companies';
import { hashPassword, verifyPassword } from './passwords';
import { clearAttempts, lockedUntil } from './sign-in';
import { checkedCompanyIds, companyIdsOf, companyIdsOfMany, writeMemberships } from './memberships';

/** lockedUntil: when a lock on the user's name runs out (sign-in.ts), null when not locked */
export function toUserDto(row: UserRow, companyIds: number[], lockedUntil: number | null = null): UserDto {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    companyId: row.company_id,
    companyIds,
    isActive: row.is_active === 1,
    lockedUntil: toIsoOrNull(lockedUntil),
    lastLoginAt: toIsoOrNull(row.last_login_at),
    createdAt: toIso(row.created_at),
  };
}

/** The signed-in user as every check sees them, memberships read afresh. */
export const sessionUserOf = async (q: Queries, row: UserRow): Promise<SessionUser> => ({
  id: row.id,
  username: row.username,
  role: row.role,
  companyId: row.company_id,
  companyIds: row.role === 'superuser' ? [] : await companyIdsOf(q, row.id),
});

const byUsername = (q: Queries, username: string) => q.get<UserRow>('select * from users where username = ?', [username.toLowerCase()]);

export async function userOf(q: Queries, id: number): Promise<UserRow> {
  const row = await q.get<UserRow>('select * from users where id = ?', [id]);
  if (!row) throw notFound(`user ${id} does not exist`);
  return row;
}

export async function needsSetup(q: Queries): Promise<boolean> {
  return (await q.value<number>("select id from users where role = 'superuser' limit 1")) === undefined;
}

/** Everyone (companyIds null), or the people who work for any of the given companies. */
export async function listUsers(db: Db, now: number, companyIds: number[] | null): Promise<UserDto[]> {
  let q = db.kysely
    .selectFrom('users as u')
    .leftJoin('sign_in_attempts as a', 'a.username', 'u.username')
    .selectAll('u')
    .select('a.locked_until')
    .orderBy('u.username');
  if (companyIds !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_companies as m')
          .select('m.user_id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.company_id', 'in', companyIds.length ? companyIds : [-1]),
      ),
    );
  }
  const rows = await db.select(q);
  const memberships = await companyIdsOfMany(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ locked_until, ...row }) =>
    toUserDto(row, memberships.get(row.id) ?? [], locked_until !== null && locked_until > now ? locked_until : null),
  );
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  /** the home company */
  companyId: number | null;
  /** more companies the user works for */
  companyIds?: number[];
}

/**
 * Validates the role/company pairing, hashes off-thread, then writes in one transaction. `firstRun`
 * makes it the one-time creation of the site owner: refused, inside that transaction, once any
 * superuser exists, so concurrent first-run requests create exactly one.
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: NewUser,
  now: number,
  options: { firstRun?: boolean } = {},
): Promise<UserDto> {
  if (input.role === 'superuser' && input.companyId !== null) throw badInput('a superuser belongs to no company');
  if (input.role !== 'superuser' && input.companyId === null) throw badInput(`companyId: a ${input.role} needs a company`);
  if (input.role === 'superuser' && input.companyIds?.length) throw badInput('companyIds: the site owner works for every company already');
  if (input.companyId !== null) await companyOf(db, input.companyId);
  const memberships = input.companyId === null ? [] : await checkedCompanyIds(db, [input.companyId, ...(input.companyIds ?? [])]);
  if (await byUsername(db, input.username)) throw conflict(`username: the username "${input.username}" is taken`);
  const passwordHash = await hashPassword(input.password);
  // serializable on PostgreSQL: "no superuser yet" is a read no row lock covers (the first owner)
  return db.transaction(
    async (tx) => {
      if (options.firstRun && !(await needsSetup(tx))) throw conflict(ALREADY_SET_UP);
      if (await byUsername(tx, input.username)) throw conflict(`username: the username "${input.username}" is taken`);
      const id = (await tx.value<number>(
        'insert into users (username, password_hash, role, company_id, created_at, last_login_at) values (?, ?, ?, ?, ?, ?) returning id',
        // the site owner made at first run is signed in by that very request
        [input.username.toLowerCase(), passwordHash, input.role, input.companyId, now, options.firstRun ? now : null],
      ))!;
      await writeMemberships(tx, id, memberships);
      const row = await userOf(tx, id);
      await clearAttempts(tx, row.username); // failures typed against the name before it existed are not this user's
      await writeAudit(
        tx,
        actor,
        { companyId: row.company_id, entity: 'user', entityId: id, action: 'create', after: { ...row, companyIds: memberships } },
        now,
      );
      return toUserDto(row, memberships);
    },
    { serializable: true },
  );
}

const ALREADY_SET_UP = 'this console is already set up; sign in instead';

/** First run: creates the superuser, but only while none exists (checked again where it is written). */
export async function setupSuperuser(db: Db, username: string, password: string, now: number): Promise<SessionUser> {
  if (!(await needsSetup(db))) throw conflict(ALREADY_SET_UP);
  const dto = await createUser(db, { userId: null, name: 'first-run' }, { username, password, role: 'superuser', companyId: null }, now, {
    firstRun: true,
  });
  return sessionUserOf(db, await userOf(db, dto.id));
}

export interface UserPatch {
  id: number;
  role?: Role;
  isActive?: boolean;
  password?: string;
  unlock?: boolean;
  /** every company the user works for from now on */
  companyIds?: number[];
}

export async function updateUser(db: Db, actor: Actor, patch: UserPatch, now: number): Promise<UserDto> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return db.transaction(async (tx) => {
    const before = await userOf(tx, patch.id);
    if (patch.role !== undefined && (patch.role === 'superuser') !== (before.role === 'superuser')) {
      throw badInput('a user cannot move between superuser and a company role; create a new user instead');
    }
    if (before.role === 'superuser' && patch.isActive === false && (await countActiveSuperusers(tx)) <= 1) {
      throw conflict('the last active superuser cannot be deactivated');
    }
    if (before.role === 'superuser' && patch.companyIds !== undefined) {
      throw badInput('companyIds: the site owner works for every company already');
    }
    const beforeIds = await companyIdsOf(tx, before.id);
    const afterIds = patch.companyIds === undefined ? beforeIds : await checkedCompanyIds(tx, patch.companyIds);
    // the home company stays while the user still works there; otherwise the first company left is home
    const home = before.company_id !== null && !afterIds.includes(before.company_id) ? afterIds[0]! : before.company_id;
    const changes = {
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.isActive !== undefined && { is_active: patch.isActive ? 1 : 0 }),
      ...(passwordHash !== undefined && { password_hash: passwordHash }),
      ...(home !== before.company_id && { company_id: home }),
    };
    const columns = Object.keys(changes);
    if (columns.length > 0) {
      await tx.run(`update users set ${columns.map((c) => `${c} = ?`).join(', ')} where id = ?`, [...Object.values(changes), patch.id]);
    }
    if (patch.companyIds !== undefined) await writeMemberships(tx, before.id, afterIds);
    if (patch.unlock) await clearAttempts(tx, before.username);
    const after = await userOf(tx, patch.id);
    await writeAudit(
      tx,
      actor,
      {
        companyId: after.company_id,
        entity: 'user',
        entityId: after.id,
        action: 'update',
        before: { ...before, companyIds: beforeIds },
        after: { ...after, companyIds: afterIds },
      },
      now,
    );
    return toUserDto(after, afterIds, await lockedUntil(tx, after.username, now));
  });
}

export async function changePassword(db: Db, userId: number, current: string, next: string, now: number): Promise<void> {
  const row = await userOf(db, userId);
  if (!(await verifyPassword(current, row.password_hash))) throw badInput('the current password is wrong');
  await updateUser(db, { userId, name: row.username }, { id: userId, password: next }, now);
}

async function countActiveSuperusers(q: Queries): Promise<number> {
  return Number((await q.value<number>("select count(*) from users where role = 'superuser' and is_active = 1")) ?? 0);
}
