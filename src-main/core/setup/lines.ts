import type { LineCreate, LineUpdate, OutboundLineDto } from '../../../src-shared/contract/setup';
import { all, exec, first, transaction, type Db } from '../db/connection';
import type { OutboundLineRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { companyCountry, getCompany } from '../companies/companies';
import { toIso } from '../time';
import { definedOnly, editAction } from './common';
import { toE164 } from '../phone/phone';

export function toLineDto(row: OutboundLineRow): OutboundLineDto {
  return {
    id: row.id,
    companyId: row.company_id,
    phone: row.phone,
    name: row.name,
    isActive: row.is_active === 1,
    createdAt: toIso(row.created_at),
  };
}

export function listLines(db: Db, companyId: number): OutboundLineDto[] {
  getCompany(db, companyId);
  const q = db.kysely
    .selectFrom('outbound_lines')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('is_active', 'desc')
    .orderBy('name')
    .orderBy('id');
  return all(db, q).map(toLineDto);
}

export function getLine(db: Db, companyId: number, id: number): OutboundLineRow {
  const row = first(db, db.kysely.selectFrom('outbound_lines').selectAll().where('id', '=', id).where('company_id', '=', companyId));
  if (!row) throw notFound(`outbound line ${id} does not exist in this company`);
  return row;
}

const phoneTaken = (phone: string) => conflict(`phone: this company already has an outbound line ${phone}`);

function assertPhoneFree(db: Db, companyId: number, phone: string, exceptId: number | null): void {
  let q = db.kysely.selectFrom('outbound_lines').select('id').where('company_id', '=', companyId).where('phone', '=', phone);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (first(db, q)) throw phoneTaken(phone);
}

export function createLine(db: Db, actor: Actor, input: LineCreate, now: number): OutboundLineDto {
  const phone = toE164(input.phone, 'phone', input.region ?? companyCountry(db, input.companyId));
  return transaction(db, () => {
    getCompany(db, input.companyId);
    assertPhoneFree(db, input.companyId, phone, null);
    let id: number;
    try {
      id = exec(
        db,
        db.kysely.insertInto('outbound_lines').values({ company_id: input.companyId, phone, name: input.name, is_active: 1, created_at: now }),
      ).lastInsertRowid;
    } catch (err) {
      if (isUniqueViolation(err)) throw phoneTaken(phone);
      throw err;
    }
    const row = getLine(db, input.companyId, id);
    audit(db, actor, { companyId: input.companyId, entity: 'outbound_line', entityId: id, action: 'create', after: row }, now);
    return toLineDto(row);
  });
}

export function updateLine(db: Db, actor: Actor, input: LineUpdate, now: number): OutboundLineDto {
  const phone = input.phone === undefined ? undefined : toE164(input.phone, 'phone', input.region ?? companyCountry(db, input.companyId));
  return transaction(db, () => {
    const before = getLine(db, input.companyId, input.id);
    if (phone !== undefined && phone !== before.phone) assertPhoneFree(db, input.companyId, phone, before.id);
    const patch = definedOnly({
      phone,
      name: input.name,
      is_active: input.isActive === undefined ? undefined : input.isActive ? 1 : 0,
    });
    if (Object.keys(patch).length === 0) return toLineDto(before);
    try {
      exec(db, db.kysely.updateTable('outbound_lines').set(patch).where('id', '=', before.id));
    } catch (err) {
      if (isUniqueViolation(err) && phone) throw phoneTaken(phone);
      throw err;
    }
    const after = getLine(db, input.companyId, input.id);
    const action = editAction(before.is_active, input.isActive);
    audit(db, actor, { companyId: input.companyId, entity: 'outbound_line', entityId: before.id, action, before, after }, now);
    return toLineDto(after);
  });
}
