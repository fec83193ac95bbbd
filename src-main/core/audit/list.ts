import type { AuditEntryDto, AuditListParsed } from '../../../src-shared/contract/audit';
import type { Page } from '../../../src-shared/contract/common';
import type { SessionUser } from '../../../src-shared/contract/auth';
import type { Db } from '../db/connection';
import type { AuditLogRow } from '../db/schema';
import { badInput, forbidden } from '../errors';
import { toIso } from '../time';

const encode = (id: number) => Buffer.from(String(id)).toString('base64url');
function decode(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^\d{1,15}$/.test(text)) throw badInput('cursor: not a cursor this list gave out; start again from the first page');
  return Number(text);
}

const parseJson = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export function toAuditDto(r: AuditLogRow): AuditEntryDto {
  return {
    id: r.id,
    at: toIso(r.at),
    userId: r.user_id,
    actor: r.actor,
    companyId: r.company_id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: parseJson(r.before),
    after: parseJson(r.after),
  };
}

/**
 * The audit log newest first, keyset on id. A company user sees only their company's entries (the
 * site-wide ones — users, settings, backups — are the superuser's); the superuser sees one company,
 * the site-wide entries, or everything.
 */
export async function listAudit(db: Db, user: SessionUser, input: AuditListParsed): Promise<Page<AuditEntryDto>> {
  let scope: { companyId: number | null } | 'everything';
  if (user.role === 'superuser') {
    scope = input.siteWide ? { companyId: null } : input.companyId !== undefined ? { companyId: input.companyId } : 'everything';
  } else {
    if (input.siteWide) throw forbidden('only the site owner sees the site-wide audit entries');
    if (user.companyId === null) throw forbidden('this account belongs to no company');
    scope = { companyId: input.companyId ?? user.companyId };
  }
  let q = db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (scope !== 'everything') {
    // both forms walk the (company_id, id) index
    q = scope.companyId === null ? q.where('company_id', 'is', null) : q.where('company_id', '=', scope.companyId);
  }
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.cursor) q = q.where('id', '<', decode(input.cursor));
  const rows = await db.select(q);
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  return { items: page.map(toAuditDto), next: more ? encode(page[page.length - 1]!.id) : null };
}
