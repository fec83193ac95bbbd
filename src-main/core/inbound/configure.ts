import type { AiAgentDto, Department, InboundNumberDto, VoiceSettings } from '../../../src-shared/contract/inbound';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { Actor } from '../audit/audit';
import { badInput } from '../errors';
import { toE164 } from '../phone/phone';
import { countryOf } from '../companies/companies';
import { aiAgentOf, createAiAgentIn, toAiAgentDto, updateAiAgentIn } from './ai-agents';
import { createInboundNumberIn, inboundByPhone, updateInboundNumberIn } from './numbers';

/** Fields left undefined keep their value on an existing agent or DID (and take defaults on a new one). */
export interface ConfigureInbound {
  companyId: number;
  did: {
    phone: string;
    region?: string;
    displayName?: string;
    supportNumber?: string | null;
    departments?: (Omit<Department, 'description' | 'hours'> & { description?: string; hours?: Department['hours'] })[];
    voiceSettings?: VoiceSettings;
  };
  agent?: { name: string; systemPrompt?: string; greeting?: string; language?: string; voice?: string; temperature?: number };
}

/**
 * Sets one DID up end to end, for the command line: its AI agent by name (updated, or created when
 * a prompt is given) and the DID itself (created, or updated when this company already has it), in
 * one transaction, so a bad field leaves neither half behind.
 */
export function configureInbound(
  db: Db,
  actor: Actor,
  input: ConfigureInbound,
  now: number,
): Promise<{ agent: AiAgentDto | null; number: InboundNumberDto }> {
  return db.transaction(async (tx) => {
    const agent = input.agent ? await upsertAgent(tx, actor, input.companyId, input.agent, now) : null;
    const d = input.did;
    // a company with a default country reads national numbers without --region (DESIGN.md §3)
    const phone = toE164(d.phone, 'did', d.region ?? (await countryOf(tx, input.companyId)));
    const existing = await inboundByPhone(tx, phone);
    if (existing && existing.company_id !== input.companyId)
      throw badInput(`did: ${phone} is already set up as an inbound number elsewhere`);
    const departments = d.departments?.map((x) => ({ ...x, description: x.description ?? '', hours: x.hours ?? [] }));
    const number = existing
      ? await updateInboundNumberIn(
          tx,
          actor,
          {
            companyId: input.companyId,
            id: existing.id,
            region: d.region,
            displayName: d.displayName,
            supportNumber: d.supportNumber,
            departments,
            voiceSettings: d.voiceSettings,
            aiAgentId: agent?.id,
            isActive: true,
          },
          now,
        )
      : await createInboundNumberIn(
          tx,
          actor,
          {
            companyId: input.companyId,
            phone,
            region: d.region,
            displayName: d.displayName ?? '',
            aiAgentId: agent?.id ?? null,
            supportNumber: d.supportNumber ?? null,
            departments: departments ?? [],
            voiceSettings: d.voiceSettings ?? {},
            isActive: true,
          },
          now,
        );
    const answering = agent ?? (number.aiAgentId === null ? null : toAiAgentDto((await aiAgentOf(tx, input.companyId, number.aiAgentId))!));
    return { agent: answering, number };
  });
}

async function upsertAgent(
  tx: Queries,
  actor: Actor,
  companyId: number,
  a: NonNullable<ConfigureInbound['agent']>,
  now: number,
): Promise<AiAgentDto> {
  const existing = await tx.get<{ id: number }>('select id from ai_agents where company_id = ? and name = ? and is_active = 1', [
    companyId,
    a.name,
  ]);
  const fields = { systemPrompt: a.systemPrompt, greeting: a.greeting, language: a.language, voice: a.voice, temperature: a.temperature };
  if (existing) return updateAiAgentIn(tx, actor, { companyId, id: existing.id, ...fields }, now);
  if (!a.systemPrompt) throw badInput(`prompt: there is no AI agent "${a.name}" yet; give its --prompt to create it`);
  return createAiAgentIn(
    tx,
    actor,
    {
      companyId,
      name: a.name,
      systemPrompt: a.systemPrompt,
      greeting: a.greeting ?? '',
      language: a.language ?? 'en-US',
      voice: a.voice ?? '',
      temperature: a.temperature ?? 0.7,
      isActive: true,
    },
    now,
  );
}
