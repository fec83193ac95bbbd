import type { z } from 'zod';
import type { CompanyImportAnswer } from '../../../src-shared/contract/transfer';
import type { Db } from '../db/connection';
import { writeAudit, type Actor } from '../audit/audit';
import { companyOf, createCompanyIn, toCompanyDto } from '../companies/companies';
import { badInput, conflict } from '../errors';
import { setScheduleIn } from '../schedule/schedule';
import { toDialTarget, toE164 } from '../phone/phone';
import { countsOf } from './export';
import { COMPANY_FILE_FORMAT, COMPANY_FILE_VERSION, CompanyFileV1, type CompanyFile } from './format';

/** "scenarios.3.key: ..." for the first issues, so the message points at the line to fix. */
function describe(error: z.ZodError): string {
  const shown = error.issues.slice(0, 8).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** Reads and checks a whole company file; throws BAD_INPUT naming the bad field, before anything is written. */
export function parseCompanyFile(text: string): CompanyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw badInput(`the company file is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badInput('this is not a DialDesk company file: it should be one JSON object');
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== COMPANY_FILE_FORMAT) {
    throw badInput(
      `format: this is not a DialDesk company file (format ${JSON.stringify(head.format ?? null)}, expected "${COMPANY_FILE_FORMAT}")`,
    );
  }
  if (head.version !== COMPANY_FILE_VERSION) {
    throw badInput(
      `version: this company file is version ${JSON.stringify(head.version ?? null)}; this DialDesk reads version ${COMPANY_FILE_VERSION}`,
    );
  }
  const parsed = CompanyFileV1.safeParse(json);
  if (!parsed.success) throw badInput(`the company file has errors: ${describe(parsed.error)}`);
  const file = parsed.data;
  // phones must be real numbers, as the console's own forms demand (libphonenumber's verdict)
  file.outbound_lines.forEach((l, i) => toE164(l.phone, `outbound_lines.${i}.phone`));
  file.inbound_numbers.forEach((n, i) => {
    toE164(n.phone, `inbound_numbers.${i}.phone`);
    // targets as stored: already E.164 (no region to read a national one), an extension or a SIP URI
    if (n.support_number) toDialTarget(n.support_number, `inbound_numbers.${i}.support_number`);
    n.departments.forEach((d, j) => toDialTarget(d.transfer_number, `inbound_numbers.${i}.departments.${j}.transfer_number`));
  });
  return file;
}

/**
 * Creates a company from a company file in one transaction: the company (no balance: its wallet
 * starts at 0 with an empty ledger), its scenarios, lines, agents, schedule, AI agents and inbound
 * numbers. A slug already used here is a conflict unless another one is given; an inbound number that
 * already rings at a company of this site is a conflict too (a DID belongs to one company).
 */
export async function importCompany(
  db: Db,
  actor: Actor,
  input: { content: string; slug?: string; name?: string },
  now: number,
): Promise<CompanyImportAnswer> {
  const file = parseCompanyFile(input.content);
  const slug = input.slug ?? file.company.slug;
  return db.transaction(async (tx) => {
    if (await tx.value<number>('select id from companies where slug = ?', [slug])) {
      throw conflict(`slug: the slug "${slug}" is already taken on this console; import the file under another slug`);
    }
    const takenDids: string[] = [];
    for (const n of file.inbound_numbers) {
      if ((await tx.value<number>('select id from inbound_numbers where phone = ?', [n.phone])) !== undefined) takenDids.push(n.phone);
    }
    if (takenDids.length > 0) {
      throw conflict(
        `inbound_numbers: ${takenDids.join(', ')} already ring at a company on this console; remove them from the file or from that company first`,
      );
    }
    const c = file.company;
    const created = await createCompanyIn(
      tx,
      actor,
      {
        slug,
        name: input.name ?? c.name,
        timezone: c.timezone,
        currency: c.currency,
        billingMode: c.billing_mode,
        costPerBillable: c.cost_per_billable,
        costPerMinute: c.cost_per_minute,
        lowBalanceThreshold: c.low_balance_threshold,
        defaultCountry: c.default_country ?? null,
      },
      now,
    );
    const companyId = created.id;
    if (!c.is_active) await tx.run('update companies set is_active = 0 where id = ?', [companyId]);
    const flag = (b: boolean) => (b ? 1 : 0);
    for (const s of file.scenarios) {
      await tx.run(
        'insert into scenarios (company_id, key, name, description, is_active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
        [companyId, s.key, s.name, s.description, flag(s.is_active), now, now],
      );
    }
    for (const l of file.outbound_lines) {
      await tx.run('insert into outbound_lines (company_id, phone, name, is_active, created_at) values (?, ?, ?, ?, ?)', [
        companyId,
        l.phone,
        l.name,
        flag(l.is_active),
        now,
      ]);
    }
    for (const a of file.agents) {
      await tx.run('insert into agents (company_id, name, extension, type, is_active, created_at) values (?, ?, ?, ?, ?, ?)', [
        companyId,
        a.name,
        a.extension,
        a.type,
        flag(a.is_active),
        now,
      ]);
    }
    await setScheduleIn(tx, actor, { companyId, windows: file.schedule.windows, exceptions: file.schedule.exceptions }, now);
    const aiIds: number[] = [];
    for (const a of file.ai_agents) {
      const id = await tx.value<number>(
        `insert into ai_agents (company_id, name, system_prompt, greeting, language, voice, temperature, is_active, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [companyId, a.name, a.system_prompt, a.greeting, a.language, a.voice, a.temperature, flag(a.is_active), now, now],
      );
      aiIds.push(id!);
    }
    for (const n of file.inbound_numbers) {
      const v = n.voice_settings;
      // stored as the inbound service stores them (core/inbound/numbers.ts)
      const departments = JSON.stringify(
        n.departments.map((d) => ({
          name: d.name,
          transfer_number: d.transfer_number,
          description: d.description,
          ...(d.hours?.length && { hours: d.hours }),
        })),
      );
      const voiceSettings = JSON.stringify({
        ...(v.vendor !== undefined && { vendor: v.vendor }),
        ...(v.voice !== undefined && { voice: v.voice }),
        ...(v.language !== undefined && { language: v.language }),
        ...(v.closed_message !== undefined && { closedMessage: v.closed_message }),
      });
      await tx.run(
        `insert into inbound_numbers (company_id, phone, display_name, ai_agent_id, support_number, departments, voice_settings,
           is_active, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          companyId,
          n.phone,
          n.display_name,
          n.ai_agent === null ? null : aiIds[n.ai_agent]!,
          n.support_number,
          departments,
          voiceSettings,
          flag(n.is_active),
          now,
          now,
        ],
      );
    }
    const counts = countsOf(file);
    await writeAudit(
      tx,
      actor,
      {
        companyId,
        entity: 'company',
        entityId: companyId,
        action: 'import',
        after: { fromSlug: c.slug, exportedAt: file.exported_at, counts },
      },
      now,
    );
    return { company: toCompanyDto(await companyOf(tx, companyId)), counts };
  });
}
