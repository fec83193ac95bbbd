import type { AiAgentCreate, AiAgentDto, AiAgentUpdate } from '../../../src-shared/contract/inbound';
import { all, exec, first, transaction, type Db } from '../db/connection';
import type { AiAgentRow } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { conflict, notFound } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { definedOnly, editAction } from '../setup/common';

export function toAiAgentDto(row: AiAgentRow): AiAgentDto {
  return {
    id: row.id,
    companyId: row.company_id,
    name: row.name,
    systemPrompt: row.system_prompt,
    greeting: row.greeting,
    language: row.language,
    voice: row.voice,
    temperature: row.temperature,
    isActive: row.is_active === 1,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function listAiAgents(db: Db, companyId: number): AiAgentDto[] {
  getCompany(db, companyId);
  const q = db.kysely.selectFrom('ai_agents').selectAll().where('company_id', '=', companyId).orderBy('is_active', 'desc').orderBy('name').orderBy('id');
  return all(db, q).map(toAiAgentDto);
}

export function findAiAgent(db: Db, companyId: number, id: number): AiAgentRow | undefined {
  return first(db, db.kysely.selectFrom('ai_agents').selectAll().where('id', '=', id).where('company_id', '=', companyId));
}

export function getAiAgent(db: Db, companyId: number, id: number): AiAgentRow {
  const row = findAiAgent(db, companyId, id);
  if (!row) throw notFound(`AI agent ${id} does not exist in this company`);
  return row;
}

/** Names tell agents apart in the inbound-number picker, so one live name per company. */
function assertNameFree(db: Db, companyId: number, name: string, exceptId: number | null): void {
  let q = db.kysely.selectFrom('ai_agents').select('id').where('company_id', '=', companyId).where('name', '=', name).where('is_active', '=', 1);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (first(db, q)) throw conflict(`name: this company already has an active AI agent called "${name}"`);
}

export function createAiAgent(db: Db, actor: Actor, input: AiAgentCreate, now: number): AiAgentDto {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    if (input.isActive) assertNameFree(db, input.companyId, input.name, null);
    const id = exec(
      db,
      db.kysely.insertInto('ai_agents').values({
        company_id: input.companyId,
        name: input.name,
        system_prompt: input.systemPrompt,
        greeting: input.greeting,
        language: input.language,
        voice: input.voice,
        temperature: input.temperature,
        is_active: input.isActive ? 1 : 0,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid;
    const row = getAiAgent(db, input.companyId, id);
    audit(db, actor, { companyId: input.companyId, entity: 'ai_agent', entityId: id, action: 'create', after: row }, now);
    return toAiAgentDto(row);
  });
}

/**
 * Deactivating an agent that answers numbers is allowed: those numbers then behave as numbers
 * without an agent (straight to the support line), which is what a supervisor pulling a misbehaving
 * agent wants at once.
 */
export function updateAiAgent(db: Db, actor: Actor, input: AiAgentUpdate, now: number): AiAgentDto {
  return transaction(db, () => {
    const before = getAiAgent(db, input.companyId, input.id);
    const name = input.name ?? before.name;
    const willBeActive = input.isActive ?? before.is_active === 1;
    if (willBeActive && (name !== before.name || before.is_active === 0)) assertNameFree(db, input.companyId, name, before.id);
    const patch = definedOnly({
      name: input.name,
      system_prompt: input.systemPrompt,
      greeting: input.greeting,
      language: input.language,
      voice: input.voice,
      temperature: input.temperature,
      is_active: input.isActive === undefined ? undefined : input.isActive ? 1 : 0,
    });
    if (Object.keys(patch).length === 0) return toAiAgentDto(before);
    exec(db, db.kysely.updateTable('ai_agents').set({ ...patch, updated_at: now }).where('id', '=', before.id));
    const after = getAiAgent(db, input.companyId, input.id);
    const action = editAction(before.is_active, input.isActive);
    audit(db, actor, { companyId: input.companyId, entity: 'ai_agent', entityId: before.id, action, before, after }, now);
    return toAiAgentDto(after);
  });
}
