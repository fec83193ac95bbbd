import type { AgentCreate, AgentDto, AgentType, AgentUpdate } from '../../../src-shared/contract/setup';
import { first, transaction, type Db } from '../db/connection';
import type { AgentRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from './owned';

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

const agents = ownedRecords<AgentRow>({ table: 'agents', entity: 'agent', what: 'agent', orderBy: 'name, id', stamped: false });

export const listAgents = (db: Db, companyId: number, type?: AgentType): AgentDto[] =>
  agents.list(db, companyId, type ? { column: 'type', value: type } : undefined).map(toAgentDto);
export const getAgent = agents.get;

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
    const values = { name: input.name, extension: input.extension, type: input.type, is_active: 1 };
    return toAgentDto(agents.insert(db, actor, input.companyId, values, now));
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
    const patch = { name: input.name, extension: input.extension, type: input.type, is_active: flag(input.isActive) };
    return toAgentDto(agents.update(db, actor, before, patch, now));
  });
}
