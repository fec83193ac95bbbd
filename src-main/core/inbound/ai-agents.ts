import type { AiAgentCreate, AiAgentDto, AiAgentUpdate } from '../../../src-shared/contract/inbound';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { AiAgentRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { conflict } from '../errors';
import { companyOf } from '../companies/companies';
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

export const listAiAgents = async (q: Queries, companyId: number): Promise<AiAgentDto[]> =>
  (await aiAgents.list(q, companyId)).map(toAiAgentDto);
/** an AI agent of this company (engine layer; inside a transaction pass its tx) */
export const aiAgentOf = aiAgents.find;

const nameTaken = (name: string) => conflict(`name: this company already has an active AI agent called "${name}"`);
const NAME_TAKEN_SQL = 'select id from ai_agents where company_id = ? and name = ? and is_active = 1 and id <> ? limit 1';

/** Names tell agents apart in the inbound-number picker, so one live name per company. */
async function assertNameFree(q: Queries, companyId: number, name: string, exceptId: number | null): Promise<void> {
  if ((await q.value<number>(NAME_TAKEN_SQL, [companyId, name, exceptId ?? -1])) !== undefined) throw nameTaken(name);
}

export function createAiAgent(db: Db, actor: Actor, input: AiAgentCreate, now: number): Promise<AiAgentDto> {
  return db.transaction((tx) => createAiAgentIn(tx, actor, input, now));
}

/** The same inside the caller's transaction (inbound configure's). */
export async function createAiAgentIn(tx: Queries, actor: Actor, input: AiAgentCreate, now: number): Promise<AiAgentDto> {
  await companyOf(tx, input.companyId);
  if (input.isActive) await assertNameFree(tx, input.companyId, input.name, null);
  const values = { ...agentFields(input), is_active: flag(input.isActive) };
  return toAiAgentDto(await aiAgents.insert(tx, actor, input.companyId, values, now));
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
export function updateAiAgent(db: Db, actor: Actor, input: AiAgentUpdate, now: number): Promise<AiAgentDto> {
  return db.transaction((tx) => updateAiAgentIn(tx, actor, input, now));
}

export async function updateAiAgentIn(tx: Queries, actor: Actor, input: AiAgentUpdate, now: number): Promise<AiAgentDto> {
  const before = await aiAgents.get(tx, input.companyId, input.id);
  const name = input.name ?? before.name;
  const willBeActive = input.isActive ?? before.is_active === 1;
  if (willBeActive && (name !== before.name || before.is_active === 0)) await assertNameFree(tx, input.companyId, name, before.id);
  return toAiAgentDto(await aiAgents.update(tx, actor, before, { ...agentFields(input), is_active: flag(input.isActive) }, now));
}
