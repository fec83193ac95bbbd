import type { ImportReport } from '../../../src-shared/contract/numbers';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import type { Actor } from '../audit/audit';
import { poolWritten } from '../dialer/pool-cache';
import { phoneZonesReady, zoneIdOf } from '../phone/zones';
import { createList, findListForImport } from '../lists/lists';
import { sourceName, type PhoneRow } from './reader';
import { n, finishJob, runJob, type ListImport } from './job';
import { inTexts, texts } from './in-texts';

export type { ListImport };

export interface NumbersImport extends ListImport {
  /** the company whose own list this is; null: the site pool's */
  companyId: number | null;
  /** the list's name; the source's by default */
  listName?: string;
}

const ROWS_PER_INSERT = 64;
const insertSql = (rows: number) =>
  `insert into numbers (phone, global_status, imported_at, source, list_id, zone_id)
   values ${Array(rows).fill("(?, 'active', ?, ?, ?, ?)").join(', ')} on conflict do nothing returning id, phone`;

/**
 * Adds a list to the shared pool (DESIGN.md §8): every phone normalised to E.164, duplicates (in the
 * pool or the file) dropped, and a report of how many were new, known and rejected (with line
 * numbers). The numbers are put on a named list of the company or of the site pool: created by the
 * import's first write, or an existing list of the same owner and name added to. A number already in
 * the pool joins the list too (its first list stays its first). Writes in short transactions between
 * which the event loop runs.
 */
export async function importNumbers(core: Core, actor: Actor, input: NumbersImport): Promise<ImportReport> {
  const source = sourceName(input.source, input.sourceName);
  const listName = input.listName ?? source;
  // a name clash is refused before anything is read or written
  let list = await findListForImport(core.db, input.companyId, listName);
  // the numbers' zones are looked up from memory, with no statement per number
  await phoneZonesReady(core.db);
  let created = false;
  let written: Listed | null = null;
  const job = {
    action: 'import' as const,
    list: listName,
    inPhoneOrder: true,
    describe: (c: { added: number; known: number }) => `${n(c.added)} new, ${n(c.known)} already in the pool`,
    afterCommit: () => {
      if (written) poolWritten(core.db, { listed: written });
    },
  };
  let committed;
  let report;
  try {
    ({ report, committed } = await runJob(core, actor, input, job, { added: 0, known: 0 }, async (tx, rows, now) => {
      if (!list) {
        list = await createList(tx, actor, { companyId: input.companyId, name: listName }, now);
        created = true;
      }
      written = null;
      const { counts, listed } = await writeRows(tx, core.db, list.id, rows, source, now);
      written = listed;
      return counts;
    }));
  } finally {
    // dialers that found the pool exhausted look again, even when the job stopped part-way
    poolWritten(core.db, { poolGrew: true });
  }
  const result: ImportReport = {
    ...report,
    source,
    list: { id: list!.id, name: listName, owner: input.companyId === null ? 'site' : 'company', created },
    ...committed,
  };
  await finishJob(core, actor, 'import', input.companyId, result);
  return result;
}

type Listed = { listId: number; homeIds: number[]; extraIds: number[] };

/** One transaction's rows: new numbers with the list as their first, known ones joining it. */
async function writeRows(
  tx: Queries,
  /** the connection whose phone zones are in memory */
  db: Db,
  listId: number,
  rows: PhoneRow[],
  source: string,
  now: number,
): Promise<{ counts: { added: number; known: number }; listed: Listed }> {
  const homeIds: number[] = [];
  const known: string[] = [];
  // many rows a statement: the per-statement cost is most of an insert's
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const part = rows.slice(i, i + ROWS_PER_INSERT);
    const args: (string | number | null)[] = [];
    for (const row of part) args.push(row.phone, now, source, listId, zoneIdOf(db, row.phone));
    const inserted = await tx.all<{ id: number; phone: string }>(insertSql(part.length), args);
    for (const r of inserted) homeIds.push(r.id);
    if (inserted.length < part.length) {
      // a phone repeated within the file is inserted once: its other rows are known
      const fresh = new Set(inserted.map((r) => r.phone));
      for (const row of part) if (!fresh.delete(row.phone)) known.push(row.phone);
    }
  }
  const extraIds: number[] = [];
  if (known.length) {
    const phones = texts(tx, known);
    // a caller that came in (no list) takes this one as its first; the others join it besides their first
    for (const id of await tx.column<number>(knownFirst(tx), [listId, phones])) homeIds.push(id);
    for (const id of await tx.column<number>(knownMember(tx), [listId, phones, listId])) extraIds.push(id);
  }
  return { counts: { added: rows.length - known.length, known: known.length }, listed: { listId, homeIds, extraIds } };
}

const knownFirst = (q: Queries) => `update numbers set list_id = ? where ${inTexts(q, 'phone')} and list_id is null returning id`;
// PostgreSQL cannot tell a bare parameter's type in a select list
const knownMember = (q: Queries) => `
  insert into list_members (number_id, list_id)
  select id, ${q.engine === 'sqlite' ? '?' : '?::bigint'} from numbers where ${inTexts(q, 'phone')} and list_id <> ?
  on conflict do nothing returning number_id`;
