import type { ImportReport } from '../../../src-shared/contract/numbers';
import { prepare, type Db } from '../db/connection';
import type { Core } from '../core';
import type { Actor } from '../audit/audit';
import { poolWritten } from '../dialer/pool-cache';
import { zoneIdOf } from '../phone/zones';
import { createList, findListForImport } from '../lists/lists';
import { sourceName, type PhoneRow } from './reader';
import { n, finishJob, runJob, type ListImport } from './job';

export type { ListImport };

export interface NumbersImport extends ListImport {
  /** the company whose own list this is; null: the site pool's */
  companyId: number | null;
  /** the list's name; the source's by default */
  listName?: string;
}

const ROWS_PER_INSERT = 64;
const insertSql = (rows: number) =>
  `insert or ignore into numbers (phone, global_status, imported_at, source, list_id, zone_id)
   values ${Array(rows).fill("(?, 'active', ?, ?, ?, ?)").join(', ')} returning id, phone`;

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
  let list = findListForImport(core.db, input.companyId, listName);
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
    ({ report, committed } = await runJob(core, actor, input, job, { added: 0, known: 0 }, (rows, now) => {
      if (!list) {
        list = createList(core.db, actor, { companyId: input.companyId, name: listName }, now);
        created = true;
      }
      written = null;
      const { counts, listed } = writeRows(core.db, list.id, rows, source, now);
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
  finishJob(core, actor, 'import', input.companyId, result);
  return result;
}

type Listed = { listId: number; homeIds: number[]; extraIds: number[] };

/** One transaction's rows: new numbers with the list as their first, known ones joining it. */
function writeRows(
  db: Db,
  listId: number,
  rows: PhoneRow[],
  source: string,
  now: number,
): { counts: { added: number; known: number }; listed: Listed } {
  const homeIds: number[] = [];
  const known: string[] = [];
  // many rows a statement: the per-statement cost is most of an insert's
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const part = rows.slice(i, i + ROWS_PER_INSERT);
    const args: (string | number | null)[] = [];
    for (const row of part) args.push(row.phone, now, source, listId, zoneIdOf(db, row.phone));
    const inserted = prepare(db.sqlite, insertSql(part.length)).all(...args) as { id: number; phone: string }[];
    for (const r of inserted) homeIds.push(r.id);
    if (inserted.length < part.length) {
      // a phone repeated within the file is inserted once: its other rows are known
      const fresh = new Set(inserted.map((r) => r.phone));
      for (const row of part) if (!fresh.delete(row.phone)) known.push(row.phone);
    }
  }
  const extraIds: number[] = [];
  if (known.length) {
    const phones = JSON.stringify(known);
    // a caller that came in (no list) takes this one as its first; the others join it besides their first
    for (const id of prepare(db.sqlite, KNOWN_FIRST).pluck().all(listId, phones) as number[]) homeIds.push(id);
    for (const id of prepare(db.sqlite, KNOWN_MEMBER).pluck().all(listId, phones, listId) as number[]) extraIds.push(id);
  }
  return { counts: { added: rows.length - known.length, known: known.length }, listed: { listId, homeIds, extraIds } };
}

const KNOWN_FIRST = `update numbers set list_id = ? where phone in (select value from json_each(?)) and list_id is null returning id`;
const KNOWN_MEMBER = `
  insert or ignore into list_members (number_id, list_id)
  select id, ? from numbers where phone in (select value from json_each(?)) and list_id <> ?
  returning number_id`;
