import type { DncEntryDto, DncPage } from '../../../src-shared/contract/lifecycle';
import type { DncReport } from '../../../src-shared/contract/numbers';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import type { Actor } from '../audit/audit';
import { companyOf } from '../companies/companies';
import { poolWritten } from '../dialer/pool-cache';
import { cleanPhone, toE164 } from '../phone/phone';
import { toIso } from '../time';
import { CsvFile, csvLine, inertText, nextTurn } from '../exports/csv';
import { sourceName, type PhoneRow } from '../numbers/reader';
import { finishJob, n, runJob, type ListImport } from '../numbers/job';
import { inTexts, texts } from '../numbers/in-texts';

/**
 * Do-not-call lists in two scopes (DESIGN.md §8):
 * - the site's (companyId null, the owner's): no company dials its numbers. They are marked
 *   `complained` in the pool, which every lease already refuses, and numbers the pool does not know
 *   are added as complained so a later import cannot revive them.
 * - a company's own (its admin's): only that company skips its numbers. Nothing else changes: the pool
 *   does not learn the phones, other companies dial them as before, and nobody else can tell the list
 *   exists. Kept by phone, so it also holds for numbers imported later.
 */
export async function importDoNotCall(core: Core, actor: Actor, input: ListImport & { companyId: number | null }): Promise<DncReport> {
  const source = sourceName(input.source, input.sourceName);
  const { companyId } = input;
  if (companyId !== null) await companyOf(core.db, companyId);
  let noted: number[] = [];
  const job = {
    action: 'dnc' as const,
    list: source,
    inPhoneOrder: false,
    describe: (c: { added: number; known: number; marked: number }) =>
      `${n(c.added)} added to the list, ${n(c.known)} already on it` + (companyId === null ? `, ${n(c.marked)} marked complained` : ''),
    afterCommit: () => {
      if (companyId !== null && noted.length) poolWritten(core.db, { companyDnc: { companyId, numberIds: noted } });
    },
  };
  let committed;
  let report;
  try {
    ({ report, committed } = await runJob(core, actor, input, job, { added: 0, known: 0, marked: 0 }, async (tx, rows, now) => {
      noted = [];
      const counts = await addEntries(tx, companyId, rows, source, actor.name, now);
      if (companyId === null) counts.marked = await markComplained(tx, rows, source, now);
      else noted = await poolIds(tx, rows);
      return counts;
    }));
  } finally {
    // the site's list rewrote statuses: the leasing cache rereads them, even when the job stopped part-way
    if (companyId === null) poolWritten(core.db, { statusesRewritten: true });
  }
  const result: DncReport = { ...report, source, scope: companyId === null ? 'site' : 'company', ...committed };
  await finishJob(core, actor, 'dnc', companyId, result);
  return result;
}

/**
 * One number typed by a person onto a list: read as they wrote it (national numbers in `region`, or
 * the company's own country), refused on the phone field when it is not a number, then written
 * through the same job as a file so the report, the audit and the caches are the same.
 */
export async function addDoNotCall(
  core: Core,
  actor: Actor,
  input: { companyId: number | null; phone: string; region?: string },
): Promise<DncReport> {
  const region = input.region ?? (input.companyId === null ? null : (await companyOf(core.db, input.companyId)).default_country);
  const phone = toE164(input.phone, 'phone', region);
  return importDoNotCall(core, actor, {
    companyId: input.companyId,
    source: { content: `${phone}\n` },
    sourceName: 'typed in the console',
  });
}

// a statement per row, as before: each row's own answer (added or known; marked or added complained) is counted
async function addEntries(tx: Queries, companyId: number | null, rows: PhoneRow[], source: string, by: string, now: number) {
  const counts = { added: 0, known: 0, marked: 0 };
  for (const row of rows) {
    const added = await tx.run(
      'insert into dnc_entries (company_id, phone, source, added_by, added_at) values (?, ?, ?, ?, ?) on conflict do nothing',
      [companyId, row.phone, source, by, now],
    );
    if (added === 1) counts.added++;
    else counts.known++;
  }
  return counts;
}

async function markComplained(tx: Queries, rows: PhoneRow[], source: string, now: number): Promise<number> {
  let marked = 0;
  for (const row of rows) {
    if (
      (await tx.run("update numbers set global_status = 'complained' where phone = ? and global_status <> 'complained'", [row.phone])) === 1
    )
      marked++;
    else
      await tx.run(
        "insert into numbers (phone, global_status, imported_at, source) values (?, 'complained', ?, ?) on conflict do nothing",
        [row.phone, now, source],
      );
  }
  return marked;
}

const poolIds = (tx: Queries, rows: PhoneRow[]): Promise<number[]> =>
  tx.column<number>(`select id from numbers where ${inTexts(tx, 'phone')}`, [
    texts(
      tx,
      rows.map((r) => r.phone),
    ),
  ]);

interface EntryRow {
  phone: string;
  source: string;
  added_by: string;
  added_at: number;
}
const toDto = (r: EntryRow): DncEntryDto => ({ phone: r.phone, source: r.source, addedAt: toIso(r.added_at), addedBy: r.added_by });

/** Digits of what was typed, for a search that matches "0912 123" inside "+98912123...". */
const searchDigits = (text: string | undefined): string => (text ? cleanPhone(text).replace(/\D/g, '').replace(/^0+/, '') : '');

/** A page of one scope's list, newest first, optionally only phones containing the digits searched. */
export async function listDnc(
  db: Db,
  input: { companyId: number | null; search?: string; limit: number; offset: number },
): Promise<DncPage> {
  if (input.companyId !== null) await companyOf(db, input.companyId);
  const digits = searchDigits(input.search);
  const where = `coalesce(company_id, 0) = ?${digits ? ` and phone like ?` : ''}`;
  const args: unknown[] = [input.companyId ?? 0, ...(digits ? [`%${digits}%`] : [])];
  const total = (await db.value<number>(`select count(*) from dnc_entries where ${where}`, args))!;
  const rows = await db.all<EntryRow>(
    `select phone, source, added_by, added_at from dnc_entries where ${where} order by added_at desc, id desc limit ? offset ?`,
    [...args, input.limit, input.offset],
  );
  return { scope: input.companyId === null ? 'site' : 'company', total, entries: rows.map(toDto) };
}

export const DNC_CSV_HEADER = ['phone', 'added_at_utc', 'source', 'added_by'];

/** One scope's whole list as CSV (header row, RFC 4180), oldest first, written in chunks with the loop free between. */
export async function exportDncCsv(db: Db, companyId: number | null, path: string): Promise<{ rows: number; bytes: number }> {
  if (companyId !== null) await companyOf(db, companyId);
  const file = new CsvFile(path);
  let rows = 0;
  try {
    await file.write(`\ufeff${csvLine(DNC_CSV_HEADER)}`);
    let after = 0;
    for (;;) {
      const chunk = await db.all<EntryRow & { id: number }>(
        'select id, phone, source, added_by, added_at from dnc_entries where coalesce(company_id, 0) = ? and id > ? order by id limit 1000',
        [companyId ?? 0, after],
      );
      if (chunk.length === 0) break;
      await file.write(chunk.map((r) => csvLine([r.phone, toIso(r.added_at), inertText(r.source), inertText(r.added_by)])).join(''));
      rows += chunk.length;
      after = chunk[chunk.length - 1].id;
      await nextTurn();
    }
    await file.close();
  } catch (err) {
    file.destroy();
    throw err;
  }
  return { rows, bytes: file.bytes };
}

/** Is the phone on this company's own do-not-call list (never another company's: that is not its business). */
export const onCompanyDnc = async (q: Queries, companyId: number, phone: string): Promise<boolean> =>
  (await q.get('select 1 from dnc_entries where coalesce(company_id, 0) = ? and phone = ?', [companyId, phone])) !== undefined;
