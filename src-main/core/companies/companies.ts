import type { CompanyCreate, CompanyDto, CompanyUpdate } from '../../../src-shared/contract/companies';
import type { Db } from '../db/connection';
import { dialectOf, type Queries } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { toIso } from '../time';

export function toCompanyDto(row: CompanyRow): CompanyDto {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    currency: row.currency,
    isActive: row.is_active === 1,
    billingMode: row.billing_mode,
    costPerBillable: row.cost_per_billable,
    costPerMinute: row.cost_per_minute,
    lowBalanceThreshold: row.low_balance_threshold,
    defaultCountry: row.default_country,
    walletBalance: row.wallet_balance,
    createdAt: toIso(row.created_at),
  };
}

/** Every company (only null), or the given ones (a user's memberships). */
export async function listCompanies(q: Queries, only: readonly number[] | null = null): Promise<CompanyDto[]> {
  const rows =
    only === null
      ? await q.all<CompanyRow>('select * from companies order by name')
      : await q.all<CompanyRow>(`select * from companies where ${dialectOf(q).inIds('id')} order by name`, [dialectOf(q).ids(only)]);
  return rows.map(toCompanyDto);
}

// ---- the readers (either engine; inside a transaction pass its tx) ----------
// Statement text, not Kysely: every dialer request reads its company at least once (the key's slug check),
// and building and compiling the same Kysely query each time was a measurable part of a lease (test/bench
// phases); the engine prepares each text once.

export function findCompany(q: Queries, id: number): Promise<CompanyRow | undefined> {
  return q.get<CompanyRow>('select * from companies where id = ?', [id]);
}

export async function companyOf(q: Queries, id: number): Promise<CompanyRow> {
  const row = await findCompany(q, id);
  if (!row) throw notFound(`company ${id} does not exist`);
  return row;
}

export function findCompanyWithSlug(q: Queries, slug: string): Promise<CompanyRow | undefined> {
  return q.get<CompanyRow>('select * from companies where slug = ?', [slug]);
}

export async function companyBySlug(q: Queries, slug: string): Promise<CompanyRow> {
  const row = await findCompanyWithSlug(q, slug);
  if (!row) throw notFound(`no company with slug "${slug}"`);
  return row;
}

/** How the company's national numbers are read (null: only with their country code). */
export async function countryOf(q: Queries, companyId: number): Promise<string | null> {
  return (await q.value<string | null>('select default_country from companies where id = ?', [companyId])) ?? null;
}

/** A company to create; without a default country, its numbers are written with their country code. */
export type NewCompany = Omit<CompanyCreate, 'defaultCountry'> & { defaultCountry?: string | null };

/**
 * Two companies with one name look like one in the switcher and every list: a name is refused when
 * another company has it (ignoring case and spaces at the ends).
 */
async function assertNameFree(q: Queries, name: string, exceptId: number | null): Promise<void> {
  const taken = await q.value<number>('select id from companies where lower(trim(name)) = lower(trim(?)) and id <> ?', [
    name,
    exceptId ?? -1,
  ]);
  if (taken !== undefined) throw conflict(`name: a company named "${name.trim()}" exists already; give this one another name`);
}

const slugTaken = (slug: string) => conflict(`slug: the slug "${slug}" is already taken`);

export const createCompany = (db: Db, actor: Actor, input: NewCompany, now: number): Promise<CompanyDto> =>
  db.transaction((tx) => createCompanyIn(tx, actor, input, now));

/** The same inside the caller's transaction (the wizard's, a company file's import). */
export async function createCompanyIn(tx: Queries, actor: Actor, input: NewCompany, now: number): Promise<CompanyDto> {
  if (await tx.value<number>('select id from companies where slug = ?', [input.slug])) throw slugTaken(input.slug);
  await assertNameFree(tx, input.name, null);
  let id: number;
  try {
    id = (await tx.value<number>(
      `insert into companies (slug, name, timezone, currency, is_active, billing_mode, cost_per_billable, cost_per_minute,
         low_balance_threshold, default_country, wallet_balance, created_at, updated_at)
       values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 0, ?, ?) returning id`,
      [
        input.slug,
        input.name,
        input.timezone,
        input.currency,
        input.billingMode,
        input.costPerBillable,
        input.costPerMinute,
        input.lowBalanceThreshold,
        input.defaultCountry ?? null,
        now,
        now,
      ],
    ))!;
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
  const row = await companyOf(tx, id);
  await writeAudit(tx, actor, { companyId: id, entity: 'company', entityId: id, action: 'create', after: row }, now);
  return toCompanyDto(row);
}

export function updateCompany(db: Db, actor: Actor, input: CompanyUpdate, now: number): Promise<CompanyDto> {
  return db.transaction(async (tx) => {
    const before = await companyOf(tx, input.companyId);
    if (input.name !== undefined) await assertNameFree(tx, input.name, before.id);
    const patch = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.currency !== undefined && { currency: input.currency }),
      ...(input.billingMode !== undefined && { billing_mode: input.billingMode }),
      ...(input.costPerBillable !== undefined && { cost_per_billable: input.costPerBillable }),
      ...(input.costPerMinute !== undefined && { cost_per_minute: input.costPerMinute }),
      ...(input.lowBalanceThreshold !== undefined && { low_balance_threshold: input.lowBalanceThreshold }),
      ...(input.defaultCountry !== undefined && { default_country: input.defaultCountry }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
    };
    if (Object.keys(patch).length === 0) return toCompanyDto(before);
    const set: Record<string, unknown> = { ...patch, updated_at: now };
    await tx.run(
      `update companies set ${Object.keys(set)
        .map((c) => `${c} = ?`)
        .join(', ')} where id = ?`,
      [...Object.values(set), before.id],
    );
    const after = await companyOf(tx, before.id);
    const action = input.isActive === false ? 'deactivate' : input.isActive === true && !before.is_active ? 'activate' : 'update';
    await writeAudit(tx, actor, { companyId: before.id, entity: 'company', entityId: before.id, action, before, after }, now);
    return toCompanyDto(after);
  });
}
