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

// One row a statement: measured on the bench's 100k pool with a supplier list in phone order, 64-row
// INSERT ... VALUES ... RETURNING statements took 437-474 ms of CPU for 48k phones, this one 318-362 ms
// (SQLite buffers a multi-row RETURNING's answers, and the arguments were copied into a 320-item array).
const INSERT = `insert or ignore into numbers (phone, global_status, imported_at, source, list_id, zone_id)
   values (?, 'active', ?, ?, ?, ?) returning id`;

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
  const insert = prepare(db.sqlite, INSERT);
  for (const row of rows) {
    const inserted = insert.get(row.phone, now, source, listId, zoneIdOf(db, row.phone)) as { id: number } | undefined;
    // a phone already in the pool, or repeated within the file, is known
    if (inserted) homeIds.push(inserted.id);
    else known.push(row.phone);
  }
  const extraIds: number[] = [];
  for (const phone of known) {
    const number = prepare(db.sqlite, KNOWN).get(phone) as { id: number; list_id: number | null };
    // a caller that came in (no list) takes this one as its first; the others join it besides their first
    if (number.list_id === null) {
      prepare(db.sqlite, FIRST_LIST).run(listId, number.id);
      homeIds.push(number.id);
    } else if (number.list_id !== listId && prepare(db.sqlite, JOIN_LIST).run(number.id, listId).changes) {
      extraIds.push(number.id);
    }
  }
  return { counts: { added: rows.length - known.length, known: known.length }, listed: { listId, homeIds, extraIds } };
}

// one prepared lookup and write per known phone: the same work as json_each subqueries over the
// transaction's known phones, which took 2.2 s of a full-set import's 24.8 s profiled
const KNOWN = 'select id, list_id from numbers where phone = ?';
const FIRST_LIST = 'update numbers set list_id = ? where id = ?';
const JOIN_LIST = 'insert or ignore into list_members (number_id, list_id) values (?, ?)';
