import { writeFile } from 'node:fs/promises';
import type { TransferCounts } from '../../../src-shared/contract/transfer';
import { all, type Db } from '../db/connection';
import { getCompany } from '../companies/companies';
import { getSchedule } from '../schedule/schedule';
import { parseDepartments, parseVoiceSettings } from '../inbound/numbers';
import { toIso } from '../time';
import { VERSION } from '../version';
import { COMPANY_FILE_FORMAT, COMPANY_FILE_VERSION, type CompanyFile } from './format';

/** A company's setup as a company file (see format.ts), read in one snapshot (a deferred read transaction). */
export function buildCompanyFile(db: Db, companyId: number, now: number): CompanyFile {
  return db.sqlite.transaction(() => readCompanyFile(db, companyId, now))();
}

function readCompanyFile(db: Db, companyId: number, now: number): CompanyFile {
  const c = getCompany(db, companyId);
  // creation order: positions in the file are what rows refer to each other by
  const k = db.kysely;
  const scenarios = all(db, k.selectFrom('scenarios').selectAll().where('company_id', '=', companyId).orderBy('id'));
  const lines = all(db, k.selectFrom('outbound_lines').selectAll().where('company_id', '=', companyId).orderBy('id'));
  const agents = all(db, k.selectFrom('agents').selectAll().where('company_id', '=', companyId).orderBy('id'));
  const aiAgents = all(db, k.selectFrom('ai_agents').selectAll().where('company_id', '=', companyId).orderBy('id'));
  const dids = all(db, k.selectFrom('inbound_numbers').selectAll().where('company_id', '=', companyId).orderBy('id'));
  const aiIndex = new Map(aiAgents.map((a, i) => [a.id, i]));
  const schedule = getSchedule(db, companyId, now);
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
  const file = buildCompanyFile(db, companyId, now);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  await writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
  return { file, bytes: Buffer.byteLength(text) };
}
