import type { ScenarioCreate, ScenarioDto, ScenarioUpdate } from '../../../src-shared/contract/setup';
import { first, transaction, type Db } from '../db/connection';
import type { ScenarioRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict, isUniqueViolation } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from './owned';

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

const scenarios = ownedRecords<ScenarioRow>({ table: 'scenarios', entity: 'scenario', what: 'scenario', orderBy: 'name, id', stamped: true });

/** Active ones first, then by name: what a supervisor scans for. */
export const listScenarios = (db: Db, companyId: number): ScenarioDto[] => scenarios.list(db, companyId).map(toScenarioDto);

/** A scenario of this company, or NOT_FOUND (also for another company's id: no peeking). */
export const getScenario = scenarios.get;

const keyTaken = (key: string) => conflict(`key: this company already has a scenario with the key "${key}"`);

export function createScenario(db: Db, actor: Actor, input: ScenarioCreate, now: number): ScenarioDto {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    const existing = first(
      db,
      db.kysely.selectFrom('scenarios').select('id').where('company_id', '=', input.companyId).where('key', '=', input.key),
    );
    if (existing) throw keyTaken(input.key);
    try {
      const values = { key: input.key, name: input.name, description: input.description, is_active: flag(input.isActive) };
      return toScenarioDto(scenarios.insert(db, actor, input.companyId, values, now));
    } catch (err) {
      if (isUniqueViolation(err)) throw keyTaken(input.key);
      throw err;
    }
  });
}

/** Name, description and on/off. The key is the dialer's and never changes. */
export function updateScenario(db: Db, actor: Actor, input: ScenarioUpdate, now: number): ScenarioDto {
  return transaction(db, () => {
    const before = getScenario(db, input.companyId, input.id);
    const patch = { name: input.name, description: input.description, is_active: flag(input.isActive) };
    return toScenarioDto(scenarios.update(db, actor, before, patch, now));
  });
}
