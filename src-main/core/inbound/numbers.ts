import type { Department, InboundCreate, InboundNumberDto, InboundUpdate, VoiceSettings } from '../../../src-shared/contract/inbound';
import type { ScheduleWindow } from '../../../src-shared/contract/schedule';
import { first, transaction, type Db } from '../db/connection';
import type { InboundNumberRow } from '../db/schema';
import { type Actor } from '../audit/audit';
import { badInput, conflict, isUniqueViolation } from '../errors';
import { companyCountry, getCompany } from '../companies/companies';
import { toIso } from '../time';
import { flag, ownedRecords } from '../setup/owned';
import { toDialTarget, toDialTargetOrNull, toE164 } from '../phone/phone';
import { findAiAgent } from './ai-agents';

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

export const listInboundNumbers = (db: Db, companyId: number): InboundNumberDto[] => inboundNumbers.list(db, companyId).map(toInboundDto);
export const getInboundNumber = inboundNumbers.get;

/** The DID's row whoever owns it: what the telephony server's questions start from. */
export function findInboundByPhone(db: Db, phone: string): InboundNumberRow | undefined {
  return first(db, db.kysely.selectFrom('inbound_numbers').selectAll().where('phone', '=', phone));
}

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

function assertAgentOfCompany(db: Db, companyId: number, aiAgentId: number | null): void {
  if (aiAgentId !== null && !findAiAgent(db, companyId, aiAgentId)) {
    throw badInput(`aiAgentId: AI agent ${aiAgentId} does not exist in this company`);
  }
}

export function createInboundNumber(db: Db, actor: Actor, input: InboundCreate, now: number): InboundNumberDto {
  const region = input.region ?? companyCountry(db, input.companyId) ?? undefined;
  const phone = toE164(input.phone, 'phone', region);
  const supportNumber = toDialTargetOrNull(input.supportNumber, 'supportNumber', region);
  const departments = normaliseDepartments(input.departments, region);
  return transaction(db, () => {
    getCompany(db, input.companyId);
    assertAgentOfCompany(db, input.companyId, input.aiAgentId);
    if (findInboundByPhone(db, phone)) throw phoneTaken(phone);
    const values = {
      phone,
      display_name: input.displayName,
      ai_agent_id: input.aiAgentId,
      support_number: supportNumber,
      departments,
      voice_settings: JSON.stringify(input.voiceSettings),
      is_active: flag(input.isActive),
    };
    return toInboundDto(orPhoneTaken(phone, () => inboundNumbers.insert(db, actor, input.companyId, values, now)));
  });
}

/** A race lost to another write of the same DID answers the same 409 as the check before it. */
function orPhoneTaken<T>(phone: string | undefined, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (isUniqueViolation(err) && phone) throw phoneTaken(phone);
    throw err;
  }
}

export function updateInboundNumber(db: Db, actor: Actor, input: InboundUpdate, now: number): InboundNumberDto {
  const region = input.region ?? companyCountry(db, input.companyId) ?? undefined;
  const phone = input.phone === undefined ? undefined : toE164(input.phone, 'phone', region);
  const supportNumber = input.supportNumber === undefined ? undefined : toDialTargetOrNull(input.supportNumber, 'supportNumber', region);
  const departments = input.departments === undefined ? undefined : normaliseDepartments(input.departments, region);
  return transaction(db, () => {
    const before = getInboundNumber(db, input.companyId, input.id);
    if (input.aiAgentId !== undefined) assertAgentOfCompany(db, input.companyId, input.aiAgentId);
    if (phone !== undefined && phone !== before.phone && findInboundByPhone(db, phone)) throw phoneTaken(phone);
    const patch = {
      phone,
      display_name: input.displayName,
      ai_agent_id: input.aiAgentId,
      support_number: supportNumber,
      departments,
      voice_settings: input.voiceSettings === undefined ? undefined : JSON.stringify(input.voiceSettings),
      is_active: flag(input.isActive),
    };
    return toInboundDto(orPhoneTaken(phone, () => inboundNumbers.update(db, actor, before, patch, now)));
  });
}
