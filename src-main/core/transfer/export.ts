import { writeFile } from 'node:fs/promises';
import type { TransferCounts } from '../../../src-shared/contract/transfer';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { AgentRow, AiAgentRow, InboundNumberRow, OutboundLineRow, ScenarioRow } from '../db/schema';
import { companyOf } from '../companies/companies';
import { getSchedule } from '../schedule/schedule';
import { parseDepartments, parseVoiceSettings } from '../inbound/numbers';
import { toIso } from '../time';
import { VERSION } from '../version';
import { COMPANY_FILE_FORMAT, COMPANY_FILE_VERSION, type CompanyFile } from './format';

/**
 * A company's setup as a company file (see format.ts), read in one snapshot: one transaction
 * (serializable on PostgreSQL, where that is what gives every statement the same snapshot).
 */
export function buildCompanyFile(db: Db, companyId: number, now: number): Promise<CompanyFile> {
  return db.transaction((tx) => readCompanyFile(tx, companyId, now), { serializable: true });
}

async function readCompanyFile(tx: Queries, companyId: number, now: number): Promise<CompanyFile> {
  const c = await companyOf(tx, companyId);
  // creation order: positions in the file are what rows refer to each other by
  const ofCompany = <R>(table: string) => tx.all<R>(`select * from ${table} where company_id = ? order by id`, [companyId]);
  const scenarios = await ofCompany<ScenarioRow>('scenarios');
  const lines = await ofCompany<OutboundLineRow>('outbound_lines');
  const agents = await ofCompany<AgentRow>('agents');
  const aiAgents = await ofCompany<AiAgentRow>('ai_agents');
  const dids = await ofCompany<InboundNumberRow>('inbound_numbers');
  const aiIndex = new Map(aiAgents.map((a, i) => [a.id, i]));
  const schedule = await getSchedule(tx, companyId, now);
  return {
    format: COMPANY_FILE_FORMAT,
    version: COMPANY_FILE_VERSION,
    exported_at: toIso(now),
    exported_by: `DialDesk ${VERSION}`,
    company: {
      slug: c.slug,
      name: c.name,
      timezone: c.timezone,
      currency: c.currency,
      is_active: c.is_active === 1,
      billing_mode: c.billing_mode,
      cost_per_billable: c.cost_per_billable,
      cost_per_minute: c.cost_per_minute,
      low_balance_threshold: c.low_balance_threshold,
      ...(c.default_country && { default_country: c.default_country }),
    },
    scenarios: scenarios.map((s) => ({ key: s.key, name: s.name, description: s.description, is_active: s.is_active === 1 })),
    outbound_lines: lines.map((l) => ({ phone: l.phone, name: l.name, is_active: l.is_active === 1 })),
    agents: agents.map((a) => ({ name: a.name, extension: a.extension, type: a.type, is_active: a.is_active === 1 })),
    schedule: { windows: schedule.windows, exceptions: schedule.exceptions },
    ai_agents: aiAgents.map((a) => ({
      name: a.name,
      system_prompt: a.system_prompt,
      greeting: a.greeting,
      language: a.language,
      voice: a.voice,
      temperature: a.temperature,
      is_active: a.is_active === 1,
    })),
    inbound_numbers: dids.map((n) => {
      const voice = parseVoiceSettings(n.voice_settings);
      return {
        phone: n.phone,
        display_name: n.display_name,
        ai_agent: n.ai_agent_id === null ? null : (aiIndex.get(n.ai_agent_id) ?? null),
        support_number: n.support_number,
        departments: parseDepartments(n.departments).map((d) => ({
          name: d.name,
          transfer_number: d.transferNumber,
          description: d.description,
          ...(d.hours.length > 0 && { hours: d.hours }),
        })),
        voice_settings: {
          ...(voice.vendor !== undefined && { vendor: voice.vendor }),
          ...(voice.voice !== undefined && { voice: voice.voice }),
          ...(voice.language !== undefined && { language: voice.language }),
          ...(voice.closedMessage !== undefined && { closed_message: voice.closedMessage }),
        },
        is_active: n.is_active === 1,
      };
    }),
  };
}

export function countsOf(file: CompanyFile): TransferCounts {
  return {
    scenarios: file.scenarios.length,
    outboundLines: file.outbound_lines.length,
    agents: file.agents.length,
    scheduleWindows: file.schedule.windows.length,
    scheduleExceptions: file.schedule.exceptions.length,
    aiAgents: file.ai_agents.length,
    inboundNumbers: file.inbound_numbers.length,
  };
}

export const companyFileName = (slug: string) => `${slug}.dialdesk-company.json`;

/** Writes the company file to `path` (pretty-printed: people diff and read these). */
export async function writeCompanyFile(
  db: Db,
  companyId: number,
  path: string,
  now: number,
): Promise<{ file: CompanyFile; bytes: number }> {
  const file = await buildCompanyFile(db, companyId, now);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  await writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
  return { file, bytes: Buffer.byteLength(text) };
}
