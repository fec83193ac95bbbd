import type { ScenarioCreate, ScenarioDto, ScenarioUpdate } from '../../../src-shared/contract/setup';
import { all, exec, first, transaction, type Db } from '../db/connection';
import type { ScenarioRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { definedOnly, editAction } from './common';

export function toScenarioDto(row: ScenarioRow): ScenarioDto {
  return {
    id: row.id,
    companyId: row.company_id,
    key: row.key,
    name: row.name,
    description: row.description,
    isActive: row.is_active === 1,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Active ones first, then by name: what a supervisor scans for. */
export function listScenarios(db: Db, companyId: number): ScenarioDto[] {
  getCompany(db, companyId);
  const q = db.kysely
    .selectFrom('scenarios')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('is_active', 'desc')
    .orderBy('name')
    .orderBy('id');
  return all(db, q).map(toScenarioDto);
}

/** A scenario of this company, or NOT_FOUND (also for another company's id: no peeking). */
export function getScenario(db: Db, companyId: number, id: number): ScenarioRow {
  const row = first(db, db.kysely.selectFrom('scenarios').selectAll().where('id', '=', id).where('company_id', '=', companyId));
  if (!row) throw notFound(`scenario ${id} does not exist in this company`);
  return row;
}

const keyTaken = (key: string) => conflict(`key: this company already has a scenario with the key "${key}"`);

export function createScenario(db: Db, actor: Actor, input: ScenarioCreate, now: number): ScenarioDto {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    const existing = first(
      db,
      db.kysely.selectFrom('scenarios').select('id').where('company_id', '=', input.companyId).where('key', '=', input.key),
    );
    if (existing) throw keyTaken(input.key);
    let id: number;
    try {
      id = exec(
        db,
        db.kysely.insertInto('scenarios').values({
          company_id: input.companyId,
          key: input.key,
          name: input.name,
          description: input.description,
          is_active: input.isActive ? 1 : 0,
          created_at: now,
          updated_at: now,
        }),
      ).lastInsertRowid;
    } catch (err) {
      if (isUniqueViolation(err)) throw keyTaken(input.key);
      throw err;
    }
    const row = getScenario(db, input.companyId, id);
    audit(db, actor, { companyId: input.companyId, entity: 'scenario', entityId: id, action: 'create', after: row }, now);
    return toScenarioDto(row);
  });
}

/** Name, description and on/off. The key is the dialer's and never changes. */
export function updateScenario(db: Db, actor: Actor, input: ScenarioUpdate, now: number): ScenarioDto {
  return transaction(db, () => {
    const before = getScenario(db, input.companyId, input.id);
    const patch = definedOnly({
      name: input.name,
      description: input.description,
      is_active: input.isActive === undefined ? undefined : input.isActive ? 1 : 0,
    });
    if (Object.keys(patch).length === 0) return toScenarioDto(before);
    exec(db, db.kysely.updateTable('scenarios').set({ ...patch, updated_at: now }).where('id', '=', before.id));
    const after = getScenario(db, input.companyId, input.id);
    const action = editAction(before.is_active, input.isActive);
    audit(db, actor, { companyId: input.companyId, entity: 'scenario', entityId: before.id, action, before, after }, now);
    return toScenarioDto(after);
  });
}
