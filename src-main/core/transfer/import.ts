import type { z } from 'zod';
import type { CompanyImportAnswer } from '../../../src-shared/contract/transfer';
import { exec, first, transaction, type Db } from '../db/connection';
import { audit, type Actor } from '../audit/audit';
import { createCompany, findCompanyBySlug, getCompany, toCompanyDto } from '../companies/companies';
import { badInput, conflict } from '../errors';
import { setSchedule } from '../schedule/schedule';
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
export function importCompany(
  db: Db,
  actor: Actor,
  input: { content: string; slug?: string; name?: string },
  now: number,
): CompanyImportAnswer {
  const file = parseCompanyFile(input.content);
  const slug = input.slug ?? file.company.slug;
  if (findCompanyBySlug(db, slug)) {
    throw conflict(`slug: the slug "${slug}" is already taken on this console; import the file under another slug`);
  }
  const takenDids = file.inbound_numbers
    .map((n) => n.phone)
    .filter((phone) => first(db, db.kysely.selectFrom('inbound_numbers').select('id').where('phone', '=', phone)));
  if (takenDids.length > 0) {
    throw conflict(
      `inbound_numbers: ${takenDids.join(', ')} already ring at a company on this console; remove them from the file or from that company first`,
    );
  }

  return transaction(db, () => {
    const c = file.company;
    const created = createCompany(
      db,
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
    if (!c.is_active) exec(db, db.kysely.updateTable('companies').set({ is_active: 0 }).where('id', '=', companyId));
    const flag = (b: boolean) => (b ? 1 : 0);
    for (const s of file.scenarios) {
      exec(
        db,
        db.kysely.insertInto('scenarios').values({
          company_id: companyId,
          key: s.key,
          name: s.name,
          description: s.description,
          is_active: flag(s.is_active),
          created_at: now,
          updated_at: now,
        }),
      );
    }
    for (const l of file.outbound_lines) {
      exec(
        db,
        db.kysely
          .insertInto('outbound_lines')
          .values({ company_id: companyId, phone: l.phone, name: l.name, is_active: flag(l.is_active), created_at: now }),
      );
    }
    for (const a of file.agents) {
      exec(
        db,
        db.kysely.insertInto('agents').values({
          company_id: companyId,
          name: a.name,
          extension: a.extension,
          type: a.type,
          is_active: flag(a.is_active),
          created_at: now,
        }),
      );
    }
    setSchedule(db, actor, { companyId, windows: file.schedule.windows, exceptions: file.schedule.exceptions }, now);
    const aiIds = file.ai_agents.map(
      (a) =>
        exec(
          db,
          db.kysely.insertInto('ai_agents').values({
            company_id: companyId,
            name: a.name,
            system_prompt: a.system_prompt,
            greeting: a.greeting,
            language: a.language,
            voice: a.voice,
            temperature: a.temperature,
            is_active: flag(a.is_active),
            created_at: now,
            updated_at: now,
          }),
        ).lastInsertRowid,
    );
    for (const n of file.inbound_numbers) {
      const v = n.voice_settings;
      exec(
        db,
        db.kysely.insertInto('inbound_numbers').values({
          company_id: companyId,
          phone: n.phone,
          display_name: n.display_name,
          ai_agent_id: n.ai_agent === null ? null : aiIds[n.ai_agent]!,
          support_number: n.support_number,
          // stored as the inbound service stores them (core/inbound/numbers.ts)
          departments: JSON.stringify(
            n.departments.map((d) => ({
              name: d.name,
              transfer_number: d.transfer_number,
              description: d.description,
              ...(d.hours?.length && { hours: d.hours }),
            })),
          ),
          voice_settings: JSON.stringify({
            ...(v.vendor !== undefined && { vendor: v.vendor }),
            ...(v.voice !== undefined && { voice: v.voice }),
            ...(v.language !== undefined && { language: v.language }),
            ...(v.closed_message !== undefined && { closedMessage: v.closed_message }),
          }),
          is_active: flag(n.is_active),
          created_at: now,
          updated_at: now,
        }),
      );
    }
    const counts = countsOf(file);
    audit(
      db,
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
    return { company: toCompanyDto(getCompany(db, companyId)), counts };
  });
}
