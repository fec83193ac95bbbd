import type { AgentCreate, AgentDto, AgentType, AgentUpdate } from '../../../src-shared/contract/setup';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { AgentRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict } from '../errors';
import { companyOf } from '../companies/companies';
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

export const listAgents = async (q: Queries, companyId: number, type?: AgentType): Promise<AgentDto[]> =>
  (await agents.list(q, companyId, type ? { column: 'type', value: type } : undefined)).map(toAgentDto);
export const getAgent = agents.get;

/**
 * Two agents may share a name (people do), but not a live extension: the extension is where a call
 * gets routed, so two active agents on one extension would make the call log lie about who talked.
 * A deactivated agent frees its extension for the next person at that desk.
 */
async function assertExtensionFree(q: Queries, companyId: number, extension: string, exceptId: number | null): Promise<void> {
  const other = await q.get<{ name: string }>(
    'select name from agents where company_id = ? and extension = ? and is_active = 1 and id <> ? limit 1',
    [companyId, extension, exceptId ?? -1],
  );
  if (other) throw conflict(`extension: ${extension} already belongs to the active agent "${other.name}"`);
}

export function createAgent(db: Db, actor: Actor, input: AgentCreate, now: number): Promise<AgentDto> {
  return db.transaction(async (tx) => {
    await companyOf(tx, input.companyId);
    await assertExtensionFree(tx, input.companyId, input.extension, null);
    const values = { name: input.name, extension: input.extension, type: input.type, is_active: 1 };
    return toAgentDto(await agents.insert(tx, actor, input.companyId, values, now));
  });
}

export function updateAgent(db: Db, actor: Actor, input: AgentUpdate, now: number): Promise<AgentDto> {
  return db.transaction(async (tx) => {
    const before = await getAgent(tx, input.companyId, input.id);
    const extension = input.extension ?? before.extension;
    const willBeActive = input.isActive ?? before.is_active === 1;
    if (willBeActive && (extension !== before.extension || before.is_active === 0)) {
      await assertExtensionFree(tx, input.companyId, extension, before.id);
    }
    const patch = { name: input.name, extension: input.extension, type: input.type, is_active: flag(input.isActive) };
    return toAgentDto(await agents.update(tx, actor, before, patch, now));
  });
}
