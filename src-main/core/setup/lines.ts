import type { LineCreate, LineUpdate, OutboundLineDto } from '../../../src-shared/contract/setup';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { OutboundLineRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict, isUniqueViolation } from '../errors';
import { companyOf, countryOf } from '../companies/companies';
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

export const listLines = async (q: Queries, companyId: number): Promise<OutboundLineDto[]> =>
  (await lines.list(q, companyId)).map(toLineDto);
export const getLine = lines.get;

const phoneTaken = (phone: string) => conflict(`phone: this company already has an outbound line ${phone}`);

async function assertPhoneFree(q: Queries, companyId: number, phone: string, exceptId: number | null): Promise<void> {
  const taken = await q.value<number>('select id from outbound_lines where company_id = ? and phone = ? and id <> ?', [
    companyId,
    phone,
    exceptId ?? -1,
  ]);
  if (taken !== undefined) throw phoneTaken(phone);
}

/** The same write, and a race lost to another one with the same phone, answer the same 409. */
async function orPhoneTaken<T>(phone: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err) && phone) throw phoneTaken(phone);
    throw err;
  }
}

export const createLine = (db: Db, actor: Actor, input: LineCreate, now: number): Promise<OutboundLineDto> =>
  db.transaction((tx) => createLineIn(tx, actor, input, now));

/** The same inside the caller's transaction (the new-company wizard's). */
export async function createLineIn(tx: Queries, actor: Actor, input: LineCreate, now: number): Promise<OutboundLineDto> {
  const phone = toE164(input.phone, 'phone', input.region ?? (await countryOf(tx, input.companyId)));
  await companyOf(tx, input.companyId);
  await assertPhoneFree(tx, input.companyId, phone, null);
  return toLineDto(
    await orPhoneTaken(phone, () => lines.insert(tx, actor, input.companyId, { phone, name: input.name, is_active: 1 }, now)),
  );
}

export function updateLine(db: Db, actor: Actor, input: LineUpdate, now: number): Promise<OutboundLineDto> {
  return db.transaction(async (tx) => {
    const region = input.region ?? (await countryOf(tx, input.companyId));
    const phone = input.phone === undefined ? undefined : toE164(input.phone, 'phone', region);
    const before = await getLine(tx, input.companyId, input.id);
    if (phone !== undefined && phone !== before.phone) await assertPhoneFree(tx, input.companyId, phone, before.id);
    const patch = { phone, name: input.name, is_active: flag(input.isActive) };
    return toLineDto(await orPhoneTaken(phone, () => lines.update(tx, actor, before, patch, now)));
  });
}
