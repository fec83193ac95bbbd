import type { Department, InboundCreate, InboundNumberDto, InboundUpdate, VoiceSettings } from '../../../src-shared/contract/inbound';
import type { ScheduleWindow } from '../../../src-shared/contract/schedule';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { InboundNumberRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { badInput, conflict, isUniqueViolation } from '../errors';
import { companyOf, countryOf } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from '../setup/owned';
import { toDialTarget, toDialTargetOrNull, toE164 } from '../phone/phone';
import { aiAgentOf } from './ai-agents';

/**
 * departments are stored as JSON with the API's snake_case keys (migrations/0001_initial.ts);
 * `transfer_number` is a dial target (E.164, an extension's digits or a SIP URI), `hours` the
 * department's own weekly windows (absent on rows written before departments had hours).
 */
interface StoredDepartment {
  name: string;
  transfer_number: string;
  description: string;
  hours?: ScheduleWindow[];
}

export function parseDepartments(json: string): Department[] {
  const list = JSON.parse(json) as StoredDepartment[];
  return list.map((d) => ({ name: d.name, transferNumber: d.transfer_number, description: d.description ?? '', hours: d.hours ?? [] }));
}

export const parseVoiceSettings = (json: string): VoiceSettings => JSON.parse(json) as VoiceSettings;

export function toInboundDto(row: InboundNumberRow): InboundNumberDto {
  return {
    id: row.id,
    companyId: row.company_id,
    phone: row.phone,
    displayName: row.display_name,
    aiAgentId: row.ai_agent_id,
    supportNumber: row.support_number,
    departments: parseDepartments(row.departments),
    voiceSettings: parseVoiceSettings(row.voice_settings),
    isActive: row.is_active === 1,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

const inboundNumbers = ownedRecords<InboundNumberRow>({
  table: 'inbound_numbers',
  entity: 'inbound_number',
  what: 'inbound number',
  orderBy: 'phone',
  stamped: true,
});

export const listInboundNumbers = async (q: Queries, companyId: number): Promise<InboundNumberDto[]> =>
  (await inboundNumbers.list(q, companyId)).map(toInboundDto);
/** one of the company's numbers, or NOT_FOUND (another company's too) */
export const getInboundNumber = inboundNumbers.get;

/** The DID's row whoever owns it: what the telephony server's questions start from. */
export const inboundByPhone = (q: Queries, phone: string): Promise<InboundNumberRow | undefined> =>
  q.get<InboundNumberRow>('select * from inbound_numbers where phone = ?', [phone]);

// A DID rings at exactly one company on the whole site; the message does not say which other company
// has it, since a supervisor of one company has no business knowing another's numbers.
const phoneTaken = (phone: string) => conflict(`phone: ${phone} is already set up as an inbound number`);

function normaliseDepartments(list: InboundCreate['departments'], region: string | undefined): string {
  const seen = new Set<string>();
  const stored: StoredDepartment[] = list.map((d, i) => {
    const key = d.name.toLocaleLowerCase();
    if (seen.has(key)) throw badInput(`departments.${i}.name: "${d.name}" appears twice`);
    seen.add(key);
    return {
      name: d.name,
      transfer_number: toDialTarget(d.transferNumber, `departments.${i}.transferNumber`, region),
      description: d.description,
      ...(d.hours.length > 0 && { hours: d.hours }),
    };
  });
  return JSON.stringify(stored);
}

const noSuchAgent = (aiAgentId: number) => badInput(`aiAgentId: AI agent ${aiAgentId} does not exist in this company`);

async function assertAgentOfCompany(q: Queries, companyId: number, aiAgentId: number | null): Promise<void> {
  if (aiAgentId !== null && !(await aiAgentOf(q, companyId, aiAgentId))) throw noSuchAgent(aiAgentId);
}

/** What a form gave, in the stored form, read with the company's country; refusals before anything is written. */
function createValues(input: InboundCreate, country: string | null) {
  const region = input.region ?? country ?? undefined;
  return {
    phone: toE164(input.phone, 'phone', region),
    display_name: input.displayName,
    ai_agent_id: input.aiAgentId,
    support_number: toDialTargetOrNull(input.supportNumber, 'supportNumber', region),
    departments: normaliseDepartments(input.departments, region),
    voice_settings: JSON.stringify(input.voiceSettings),
    is_active: flag(input.isActive),
  };
}

function updateValues(input: InboundUpdate, country: string | null) {
  const region = input.region ?? country ?? undefined;
  return {
    phone: input.phone === undefined ? undefined : toE164(input.phone, 'phone', region),
    display_name: input.displayName,
    ai_agent_id: input.aiAgentId,
    support_number: input.supportNumber === undefined ? undefined : toDialTargetOrNull(input.supportNumber, 'supportNumber', region),
    departments: input.departments === undefined ? undefined : normaliseDepartments(input.departments, region),
    voice_settings: input.voiceSettings === undefined ? undefined : JSON.stringify(input.voiceSettings),
    is_active: flag(input.isActive),
  };
}

export function createInboundNumber(db: Db, actor: Actor, input: InboundCreate, now: number): Promise<InboundNumberDto> {
  return db.transaction((tx) => createInboundNumberIn(tx, actor, input, now));
}

/** The same inside the caller's transaction (inbound configure's). */
export async function createInboundNumberIn(tx: Queries, actor: Actor, input: InboundCreate, now: number): Promise<InboundNumberDto> {
  const values = createValues(input, await countryOf(tx, input.companyId));
  await companyOf(tx, input.companyId);
  await assertAgentOfCompany(tx, input.companyId, input.aiAgentId);
  if (await inboundByPhone(tx, values.phone)) throw phoneTaken(values.phone);
  return toInboundDto(await orPhoneTaken(values.phone, () => inboundNumbers.insert(tx, actor, input.companyId, values, now)));
}

/** A race lost to another write of the same DID answers the same 409 as the check before it. */
async function orPhoneTaken<T>(phone: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err) && phone) throw phoneTaken(phone);
    throw err;
  }
}

export function updateInboundNumber(db: Db, actor: Actor, input: InboundUpdate, now: number): Promise<InboundNumberDto> {
  return db.transaction((tx) => updateInboundNumberIn(tx, actor, input, now));
}

export async function updateInboundNumberIn(tx: Queries, actor: Actor, input: InboundUpdate, now: number): Promise<InboundNumberDto> {
  const patch = updateValues(input, await countryOf(tx, input.companyId));
  const before = await inboundNumbers.get(tx, input.companyId, input.id);
  if (input.aiAgentId !== undefined) await assertAgentOfCompany(tx, input.companyId, input.aiAgentId);
  const { phone } = patch;
  if (phone !== undefined && phone !== before.phone && (await inboundByPhone(tx, phone))) throw phoneTaken(phone);
  return toInboundDto(await orPhoneTaken(phone, () => inboundNumbers.update(tx, actor, before, patch, now)));
}
