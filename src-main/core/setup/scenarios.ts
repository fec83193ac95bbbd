import type { ScenarioCreate, ScenarioDto, ScenarioUpdate } from '../../../src-shared/contract/setup';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import type { ScenarioRow } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { companyOf } from '../companies/companies';
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
export const listScenarios = async (q: Queries, companyId: number): Promise<ScenarioDto[]> =>
  (await scenarios.list(q, companyId)).map(toScenarioDto);

/** A scenario of this company, or NOT_FOUND (also for another company's id: no peeking). */
export const getScenario = scenarios.get;

/** A scenario of this company by the dialer's key, or NOT_FOUND. */
export async function getScenarioByKey(q: Queries, companyId: number, key: string): Promise<ScenarioRow> {
  const row = await q.get<ScenarioRow>('select * from scenarios where company_id = ? and key = ?', [companyId, key]);
  if (!row) throw notFound(`this company has no scenario with the key "${key}"`);
  return row;
}

const keyTaken = (key: string) => conflict(`key: this company already has a scenario with the key "${key}"`);

export const createScenario = (db: Db, actor: Actor, input: ScenarioCreate, now: number): Promise<ScenarioDto> =>
  db.transaction((tx) => createScenarioIn(tx, actor, input, now));

/** The same inside the caller's transaction (the new-company wizard's). */
export async function createScenarioIn(tx: Queries, actor: Actor, input: ScenarioCreate, now: number): Promise<ScenarioDto> {
  await companyOf(tx, input.companyId);
  const existing = await tx.value<number>('select id from scenarios where company_id = ? and key = ?', [input.companyId, input.key]);
  if (existing !== undefined) throw keyTaken(input.key);
  try {
    const values = { key: input.key, name: input.name, description: input.description, is_active: flag(input.isActive) };
    return toScenarioDto(await scenarios.insert(tx, actor, input.companyId, values, now));
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(input.key);
    throw err;
  }
}

/** Name, description and on/off. The key is the dialer's and never changes. */
export function updateScenario(db: Db, actor: Actor, input: ScenarioUpdate, now: number): Promise<ScenarioDto> {
  return db.transaction(async (tx) => {
    const before = await getScenario(tx, input.companyId, input.id);
    const patch = { name: input.name, description: input.description, is_active: flag(input.isActive) };
    return toScenarioDto(await scenarios.update(tx, actor, before, patch, now));
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
export async function registerScenarios(
  core: Core,
  actor: Actor,
  companyId: number,
  list: ScenarioRegistration[],
): Promise<RegisteredScenario[]> {
  const { db } = core;
  const now = core.clock();
  return db.transaction(async (tx) => {
    const out: RegisteredScenario[] = [];
    for (const s of list) out.push(await registerOne(tx, actor, companyId, s, now));
    return out;
  });
}

async function registerOne(
  tx: Queries,
  actor: Actor,
  companyId: number,
  s: ScenarioRegistration,
  now: number,
): Promise<RegisteredScenario> {
  const description = s.description ?? '';
  const before = await tx.get<{ id: number; key: string; name: string; description: string; is_active: number }>(
    'select id, key, name, description, is_active from scenarios where company_id = ? and key = ?',
    [companyId, s.key],
  );
  if (!before) {
    const id = (await tx.value<number>(
      'insert into scenarios (company_id, key, name, description, is_active, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?) returning id',
      [companyId, s.key, s.name, description, now, now],
    ))!;
    await writeAudit(
      tx,
      actor,
      { companyId, entity: 'scenario', entityId: id, action: 'register', after: { key: s.key, name: s.name, description, is_active: 0 } },
      now,
    );
    return { id, key: s.key, name: s.name, description, active: false, created: true };
  }
  const keepDescription = s.description === undefined ? before.description : description;
  if (before.name !== s.name || before.description !== keepDescription) {
    await tx.run('update scenarios set name = ?, description = ?, updated_at = ? where id = ?', [s.name, keepDescription, now, before.id]);
    await writeAudit(
      tx,
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
}
