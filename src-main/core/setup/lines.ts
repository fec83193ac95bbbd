import type { LineCreate, LineUpdate, OutboundLineDto } from '../../../src-shared/contract/setup';
import { first, transaction, type Db } from '../db/connection';
import type { OutboundLineRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict, isUniqueViolation } from '../errors';
import { companyCountry, getCompany } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from './owned';
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

const lines = ownedRecords<OutboundLineRow>({
  table: 'outbound_lines',
  entity: 'outbound_line',
  what: 'outbound line',
  orderBy: 'name, id',
  stamped: false,
});

export const listLines = (db: Db, companyId: number): OutboundLineDto[] => lines.list(db, companyId).map(toLineDto);
export const getLine = lines.get;

const phoneTaken = (phone: string) => conflict(`phone: this company already has an outbound line ${phone}`);

function assertPhoneFree(db: Db, companyId: number, phone: string, exceptId: number | null): void {
  let q = db.kysely.selectFrom('outbound_lines').select('id').where('company_id', '=', companyId).where('phone', '=', phone);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (first(db, q)) throw phoneTaken(phone);
}

/** The same write, and a race lost to another one with the same phone, answer the same 409. */
function orPhoneTaken<T>(phone: string | undefined, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (isUniqueViolation(err) && phone) throw phoneTaken(phone);
    throw err;
  }
}

export function createLine(db: Db, actor: Actor, input: LineCreate, now: number): OutboundLineDto {
  const phone = toE164(input.phone, 'phone', input.region ?? companyCountry(db, input.companyId));
  return transaction(db, () => {
    getCompany(db, input.companyId);
    assertPhoneFree(db, input.companyId, phone, null);
    return toLineDto(orPhoneTaken(phone, () => lines.insert(db, actor, input.companyId, { phone, name: input.name, is_active: 1 }, now)));
  });
}

export function updateLine(db: Db, actor: Actor, input: LineUpdate, now: number): OutboundLineDto {
  const phone = input.phone === undefined ? undefined : toE164(input.phone, 'phone', input.region ?? companyCountry(db, input.companyId));
  return transaction(db, () => {
    const before = getLine(db, input.companyId, input.id);
    if (phone !== undefined && phone !== before.phone) assertPhoneFree(db, input.companyId, phone, before.id);
    const patch = { phone, name: input.name, is_active: flag(input.isActive) };
    return toLineDto(orPhoneTaken(phone, () => lines.update(db, actor, before, patch, now)));
  });
}
