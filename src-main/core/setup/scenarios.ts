import type { ScenarioCreate, ScenarioDto, ScenarioUpdate } from '../../../src-shared/contract/setup';
import { first, prepare, transaction, type Db } from '../db/connection';
import type { Core } from '../core';
import type { ScenarioRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { conflict, isUniqueViolation, notFound } from '../errors';
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

const scenarios = ownedRecords<ScenarioRow>({
  table: 'scenarios',
  entity: 'scenario',
  what: 'scenario',
  orderBy: 'name, id',
  stamped: true,
});

/** Active ones first, then by name: what a supervisor scans for. */
export const listScenarios = (db: Db, companyId: number): ScenarioDto[] => scenarios.list(db, companyId).map(toScenarioDto);

/** A scenario of this company, or NOT_FOUND (also for another company's id: no peeking). */
export const getScenario = scenarios.get;

/** A scenario of this company by the dialer's key, or NOT_FOUND. */
export function getScenarioByKey(db: Db, companyId: number, key: string): ScenarioRow {
  const row = first(db, db.kysely.selectFrom('scenarios').selectAll().where('company_id', '=', companyId).where('key', '=', key));
  if (!row) throw notFound(`this company has no scenario with the key "${key}"`);
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

export interface ScenarioRegistration {
  key: string;
  name: string;
  description?: string;
}

export interface RegisteredScenario {
  id: number;
  key: string;
  name: string;
  description: string;
  active: boolean;
  created: boolean;
}

/**
 * Dialers announce the scenarios they can run. A new key starts inactive: a supervisor decides what
 * runs (DESIGN.md §3, "registered by dialers, activated by supervisors"). A known key gets the
 * dialer's current name and description; its on/off switch stays the supervisor's.
 */
export function registerScenarios(core: Core, actor: Actor, companyId: number, list: ScenarioRegistration[]): RegisteredScenario[] {
  const { db } = core;
  const now = core.clock();
  return transaction(db, () => {
    const find = prepare(db.sqlite, 'select id, key, name, description, is_active from scenarios where company_id = ? and key = ?');
    const insert = prepare(
      db.sqlite,
      'insert into scenarios (company_id, key, name, description, is_active, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)',
    );
    const update = prepare(db.sqlite, 'update scenarios set name = ?, description = ?, updated_at = ? where id = ?');
    return list.map((s): RegisteredScenario => {
      const description = s.description ?? '';
      const before = find.get(companyId, s.key) as
        { id: number; key: string; name: string; description: string; is_active: number } | undefined;
      if (!before) {
        const id = Number(insert.run(companyId, s.key, s.name, description, now, now).lastInsertRowid);
        audit(
          db,
          actor,
          {
            companyId,
            entity: 'scenario',
            entityId: id,
            action: 'register',
            after: { key: s.key, name: s.name, description, is_active: 0 },
          },
          now,
        );
        return { id, key: s.key, name: s.name, description, active: false, created: true };
      }
      const keepDescription = s.description === undefined ? before.description : description;
      if (before.name !== s.name || before.description !== keepDescription) {
        update.run(s.name, keepDescription, now, before.id);
        audit(
          db,
          actor,
          {
            companyId,
            entity: 'scenario',
            entityId: before.id,
            action: 'register',
            before,
            after: { ...before, name: s.name, description: keepDescription },
          },
          now,
        );
      }
      return { id: before.id, key: s.key, name: s.name, description: keepDescription, active: before.is_active === 1, created: false };
    });
  });
}
