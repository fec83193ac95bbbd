import { randomUUID } from 'node:crypto';
import type { DncReport, ImportReport } from '../../../src-shared/contract/numbers';
import type { EventMap } from '../../../src-shared/events';
import { prepare, transaction } from '../db/connection';
import type { Core } from '../core';
import { audit, type Actor } from '../audit/audit';
import { forgetDeadNumbers, poolGrew } from '../dialer/pool-cache';
import { readPhoneList, sourceName, type ListSource, type PhoneRow } from './reader';
import { PhoneList, writeInPhoneOrder } from './phone-order';
import { refuseDatabaseFiles } from './list-file';

export interface ListImport {
  source: ListSource;
  /** the country of numbers written without a country code (ISO 3166, e.g. IR) */
  region?: string;
  /** what the pool remembers as the numbers' source; the file name by default */
  sourceName?: string;
}

type Phase = EventMap['import.progress']['phase'];
const ROWS_PER_INSERT = 64;
const insertSql = (rows: number) =>
  `insert or ignore into numbers (phone, global_status, imported_at, source) values ${Array(rows).fill("(?, 'active', ?, ?)").join(', ')}`;
const PROGRESS_EVERY_MS = 250;

/**
 * Adds a list to the shared pool: every phone normalised to E.164, duplicates (in the pool or the
 * file) dropped, and a report of how many were new, known and rejected (with line numbers).
 * Writes in short transactions between which the event loop runs, emitting 'import.progress'.
 */
export async function importNumbers(core: Core, actor: Actor, input: ListImport): Promise<ImportReport> {
  const source = sourceName(input.source, input.sourceName);
  let added = 0;
  let known = 0;
  const report = await runJob(core, input, source, (rows, now) => {
    // many rows a statement: the per-statement cost is most of an insert's; changes still tell new from known
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const part = rows.slice(i, i + ROWS_PER_INSERT);
      const args: (string | number)[] = [];
      for (const row of part) args.push(row.phone, now, source);
      const inserted = prepare(core.db.sqlite, insertSql(part.length)).run(...args).changes;
      added += inserted;
      known += part.length - inserted;
    }
  }, { inPhoneOrder: true });
  const result: ImportReport = { ...report, source, added, known };
  finish(core, actor, 'import', result);
  if (added > 0) poolGrew(core.db);
  return result;
}

/**
 * A do-not-call list: every number on it becomes `complained`, never dialed again by anyone.
 * Numbers the pool does not know yet are added as complained, so a later import cannot revive them.
 */
export async function importDoNotCall(core: Core, actor: Actor, input: ListImport): Promise<DncReport> {
  const source = sourceName(input.source, input.sourceName);
  let marked = 0;
  let added = 0;
  let known = 0;
  const report = await runJob(core, input, source, (rows, now) => {
    const mark = prepare(core.db.sqlite, "update numbers set global_status = 'complained' where phone = ? and global_status <> 'complained'");
    const insert = prepare(core.db.sqlite, "insert or ignore into numbers (phone, global_status, imported_at, source) values (?, 'complained', ?, ?)");
    for (const row of rows) {
      if (mark.run(row.phone).changes === 1) marked++;
      else if (insert.run(row.phone, now, source).changes === 1) added++;
      else known++;
    }
  });
  forgetDeadNumbers(core.db);
  const result: DncReport = { ...report, source, marked, added, known };
  finish(core, actor, 'dnc', result);
  return result;
}

async function runJob(
  core: Core,
  input: ListImport,
  list: string,
  writeRows: (rows: PhoneRow[], now: number) => void,
  options: { inPhoneOrder?: boolean } = {},
): Promise<Omit<ImportReport, 'source' | 'added' | 'known'>> {
  const jobId = randomUUID();
  const started = performance.now();
  let lastEmit = 0;
  const emit = (phase: Phase, done: number, total: number | null) =>
    core.events.emit('import.progress', { companyId: null, jobId, done, total, phase });
  emit('reading', 0, null);
  try {
    if ('file' in input.source) refuseDatabaseFiles(core.db.file, input.source.file);
    const write = (rows: PhoneRow[]) => transaction(core.db, () => writeRows(rows, core.clock()));
    // read whole, then written in phone order (see phone-order.ts); otherwise written as read
    const read = options.inPhoneOrder ? new PhoneList() : null;
    const summary = await readPhoneList(
      input.source,
      list,
      input.region,
      (rows) => (read ? rows.forEach((r) => read.push(r.phone)) : write(rows)),
      (p) => {
        const t = performance.now();
        if (t - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = t;
        emit(read ? 'reading' : 'writing', p.rows, p.estimatedRows);
      },
    );
    if (read) {
      await writeInPhoneOrder(
        read,
        (phones) => write(phones.map((phone) => ({ line: 0, phone }))),
        (done) => {
          const t = performance.now();
          if (t - lastEmit < PROGRESS_EVERY_MS) return;
          lastEmit = t;
          emit('writing', done, read.length);
        },
      );
    }
    emit('finished', summary.rows, summary.rows);
    return {
      jobId,
      rows: summary.rows,
      rejected: summary.rejected,
      rejectedRows: summary.rejectedRows,
      rejectedRowsTruncated: summary.rejected > summary.rejectedRows.length,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    emit('failed', 0, null);
    throw err;
  }
}

function finish(core: Core, actor: Actor, action: 'import' | 'dnc', report: ImportReport | DncReport): void {
  const { rejectedRows: _rows, ...counts } = report;
  audit(core.db, actor, { companyId: null, entity: 'numbers', entityId: report.jobId, action, after: counts }, core.clock());
}
