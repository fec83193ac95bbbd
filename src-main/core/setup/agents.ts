import type { AgentCreate, AgentDto, AgentType, AgentUpdate } from '../../../src-shared/contract/setup';
import { all, exec, first, transaction, type Db } from '../db/connection';
import type { AgentRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { conflict, notFound } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { definedOnly, editAction } from './common';

export function toAgentDto(row: AgentRow): AgentDto {
  return {
    id: row.id,
    companyId: row.company_id,
    name: row.name,
    extension: row.extension,
    type: row.type,
    isActive: row.is_active === 1,
    createdAt: toIso(row.created_at),
  };
}

export function listAgents(db: Db, companyId: number, type?: AgentType): AgentDto[] {
  getCompany(db, companyId);
  let q = db.kysely.selectFrom('agents').selectAll().where('company_id', '=', companyId);
  if (type) q = q.where('type', '=', type);
  return all(db, q.orderBy('is_active', 'desc').orderBy('name').orderBy('id')).map(toAgentDto);
}

export function getAgent(db: Db, companyId: number, id: number): AgentRow {
  const row = first(db, db.kysely.selectFrom('agents').selectAll().where('id', '=', id).where('company_id', '=', companyId));
  if (!row) throw notFound(`agent ${id} does not exist in this company`);
  return row;
}

/**
 * Two agents may share a name (people do), but not a live extension: the extension is where a call
 * gets routed, so two active agents on one extension would make the call log lie about who talked.
 * A deactivated agent frees its extension for the next person at that desk.
 */
function assertExtensionFree(db: Db, companyId: number, extension: string, exceptId: number | null): void {
  let q = db.kysely
    .selectFrom('agents')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .where('extension', '=', extension)
    .where('is_active', '=', 1);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const other = first(db, q);
  if (other) throw conflict(`extension: ${extension} already belongs to the active agent "${other.name}"`);
}

export function createAgent(db: Db, actor: Actor, input: AgentCreate, now: number): AgentDto {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    assertExtensionFree(db, input.companyId, input.extension, null);
    const id = exec(
      db,
      db.kysely.insertInto('agents').values({
        company_id: input.companyId,
        name: input.name,
        extension: input.extension,
        type: input.type,
        is_active: 1,
        created_at: now,
      }),
    ).lastInsertRowid;
    const row = getAgent(db, input.companyId, id);
    audit(db, actor, { companyId: input.companyId, entity: 'agent', entityId: id, action: 'create', after: row }, now);
    return toAgentDto(row);
  });
}

export function updateAgent(db: Db, actor: Actor, input: AgentUpdate, now: number): AgentDto {
  return transaction(db, () => {
    const before = getAgent(db, input.companyId, input.id);
    const extension = input.extension ?? before.extension;
    const willBeActive = input.isActive ?? before.is_active === 1;
    if (willBeActive && (extension !== before.extension || before.is_active === 0)) {
      assertExtensionFree(db, input.companyId, extension, before.id);
    }
    const patch = definedOnly({
      name: input.name,
      extension: input.extension,
      type: input.type,
      is_active: input.isActive === undefined ? undefined : input.isActive ? 1 : 0,
    });
    if (Object.keys(patch).length === 0) return toAgentDto(before);
    exec(db, db.kysely.updateTable('agents').set(patch).where('id', '=', before.id));
    const after = getAgent(db, input.companyId, input.id);
    const action = editAction(before.is_active, input.isActive);
    audit(db, actor, { companyId: input.companyId, entity: 'agent', entityId: before.id, action, before, after }, now);
    return toAgentDto(after);
  });
}
