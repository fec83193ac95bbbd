import type { SessionUser } from '../../../src-shared/contract/auth';
import { dialectOf, type Queries } from '../db/engine/queries';
import { badInput, forbidden } from '../errors';
import { companyOf } from '../companies/companies';

/**
 * Which companies a user works for (user_companies, migration 0008). The superuser works for every
 * company and has no rows; anyone else has at least one, their home company (users.company_id)
 * among them. Every check of "may this user touch company C" asks this module.
 */

const MEMBERSHIPS = 'select company_id from user_companies where user_id = ? order by company_id';

/** The companies a user belongs to, in id order; empty for the superuser. */
export function companyIdsOf(q: Queries, userId: number): Promise<number[]> {
  return q.column<number>(MEMBERSHIPS, [userId]);
}

/** Every membership of the given users at once (the Users page). */
export async function companyIdsOfMany(q: Queries, userIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const d = dialectOf(q);
  const rows = await q.all<{ user_id: number; company_id: number }>(
    `select user_id, company_id from user_companies where ${d.inIds('user_id')} order by company_id`,
    [d.ids(userIds)],
  );
  for (const r of rows) out.get(r.user_id)?.push(r.company_id);
  return out;
}

/** Whether the signed-in user may work on company C: the superuser always, anyone else by membership. */
export function mayUseCompany(user: Pick<SessionUser, 'role' | 'companyIds'>, companyId: number): boolean {
  return user.role === 'superuser' || user.companyIds.includes(companyId);
}

export function assertMayUseCompany(user: Pick<SessionUser, 'role' | 'companyIds'>, companyId: number): void {
  if (!mayUseCompany(user, companyId)) throw forbidden('that company is not yours');
}

/** A membership list as given: at least one company, each existing, no repeats. */
export async function checkedCompanyIds(q: Queries, ids: readonly number[], field = 'companyIds'): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length === 0) throw badInput(`${field}: a user who is not the site owner works for at least one company`);
  for (const id of unique) await companyOf(q, id);
  return unique;
}

/** Replaces a user's memberships (inside the caller's transaction). */
export async function writeMemberships(tx: Queries, userId: number, companyIds: readonly number[]): Promise<void> {
  await tx.run('delete from user_companies where user_id = ?', [userId]);
  for (const id of companyIds) await tx.run('insert into user_companies (user_id, company_id) values (?, ?)', [userId, id]);
}

/**
 * What a company admin may change in another user's memberships: only the companies the admin works
 * for. `before` and `after` differ only inside the admin's own companies; the rest stay as they were.
 * The site owner may change anything.
 */
export function assertMayChangeMemberships(
  actor: Pick<SessionUser, 'role' | 'companyIds'>,
  before: readonly number[],
  after: readonly number[],
): void {
  if (actor.role === 'superuser') return;
  const theirs = new Set(actor.companyIds);
  const outside = (ids: readonly number[]) => ids.filter((id) => !theirs.has(id)).sort((a, b) => a - b);
  if (JSON.stringify(outside(before)) !== JSON.stringify(outside(after))) {
    throw forbidden('you can give or take away only the companies you work for yourself');
  }
}
