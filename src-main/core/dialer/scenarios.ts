import { prepare, transaction } from '../db/connection';
import type { Core } from '../core';
import { audit, type Actor } from '../audit/audit';

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
    const insert = prepare(db.sqlite, 'insert into scenarios (company_id, key, name, description, is_active, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)');
    const update = prepare(db.sqlite, 'update scenarios set name = ?, description = ?, updated_at = ? where id = ?');
    return list.map((s): RegisteredScenario => {
      const description = s.description ?? '';
      const before = find.get(companyId, s.key) as { id: number; key: string; name: string; description: string; is_active: number } | undefined;
      if (!before) {
        const id = Number(insert.run(companyId, s.key, s.name, description, now, now).lastInsertRowid);
        audit(db, actor, { companyId, entity: 'scenario', entityId: id, action: 'register', after: { key: s.key, name: s.name, description, is_active: 0 } }, now);
        return { id, key: s.key, name: s.name, description, active: false, created: true };
      }
      const keepDescription = s.description === undefined ? before.description : description;
      if (before.name !== s.name || before.description !== keepDescription) {
        update.run(s.name, keepDescription, now, before.id);
        audit(db, actor, { companyId, entity: 'scenario', entityId: before.id, action: 'register', before, after: { ...before, name: s.name, description: keepDescription } }, now);
      }
      return { id: before.id, key: s.key, name: s.name, description: keepDescription, active: before.is_active === 1, created: false };
    });
  });
}
