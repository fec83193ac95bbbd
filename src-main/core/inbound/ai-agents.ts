import type { AiAgentCreate, AiAgentDto, AiAgentUpdate } from '../../../src-shared/contract/inbound';
import { first, transaction, type Db } from '../db/connection';
import type { AiAgentRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict } from '../errors';
import { getCompany } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from '../setup/owned';

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

const aiAgents = ownedRecords<AiAgentRow>({ table: 'ai_agents', entity: 'ai_agent', what: 'AI agent', orderBy: 'name, id', stamped: true });

export const listAiAgents = (db: Db, companyId: number): AiAgentDto[] => aiAgents.list(db, companyId).map(toAiAgentDto);
export const findAiAgent = aiAgents.find;
export const getAiAgent = aiAgents.get;

/** Names tell agents apart in the inbound-number picker, so one live name per company. */
function assertNameFree(db: Db, companyId: number, name: string, exceptId: number | null): void {
  let q = db.kysely
    .selectFrom('ai_agents')
    .select('id')
    .where('company_id', '=', companyId)
    .where('name', '=', name)
    .where('is_active', '=', 1);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (first(db, q)) throw conflict(`name: this company already has an active AI agent called "${name}"`);
}

export function createAiAgent(db: Db, actor: Actor, input: AiAgentCreate, now: number): AiAgentDto {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    if (input.isActive) assertNameFree(db, input.companyId, input.name, null);
    return toAiAgentDto(aiAgents.insert(db, actor, input.companyId, { ...agentFields(input), is_active: flag(input.isActive) }, now));
  });
}

const agentFields = (input: Partial<AiAgentCreate>) => ({
  name: input.name,
  system_prompt: input.systemPrompt,
  greeting: input.greeting,
  language: input.language,
  voice: input.voice,
  temperature: input.temperature,
});

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
    return toAiAgentDto(aiAgents.update(db, actor, before, { ...agentFields(input), is_active: flag(input.isActive) }, now));
  });
}
