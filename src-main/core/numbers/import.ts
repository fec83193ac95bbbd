import { randomUUID } from 'node:crypto';
import type { DncReport, ImportReport } from '../../../src-shared/contract/numbers';
import type { EventMap } from '../../../src-shared/events';
import { prepare, transaction } from '../db/connection';
import type { Core } from '../core';
import { audit, type Actor } from '../audit/audit';
import { poolWritten } from '../dialer/pool-cache';
import { readPhoneList, sourceName, type ListSource, type PhoneRow } from './reader';
import { PhoneList, writeInPhoneOrder } from './phone-order';
import { jobFailure, type Committed } from './job-failure';
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
const n = (value: number) => value.toLocaleString('en-US');

/**
 * Adds a list to the shared pool: every phone normalised to E.164, duplicates (in the pool or the
 * file) dropped, and a report of how many were new, known and rejected (with line numbers).
 * Writes in short transactions between which the event loop runs, emitting 'import.progress'.
 */
export async function importNumbers(core: Core, actor: Actor, input: ListImport): Promise<ImportReport> {
  const source = sourceName(input.source, input.sourceName);
  const job = {
    action: 'import' as const,
    list: source,
    inPhoneOrder: true,
    describe: (c: { added: number; known: number }) => `${n(c.added)} new, ${n(c.known)} already in the pool`,
  };
  let committed;
  let report;
  try {
    ({ report, committed } = await runJob(core, actor, input, job, { added: 0, known: 0 }, (rows, now) => {
      let added = 0;
      // many rows a statement: the per-statement cost is most of an insert's; changes still tell new from known
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const part = rows.slice(i, i + ROWS_PER_INSERT);
        const args: (string | number)[] = [];
        for (const row of part) args.push(row.phone, now, source);
        added += prepare(core.db.sqlite, insertSql(part.length)).run(...args).changes;
      }
      return { added, known: rows.length - added };
    }));
  } finally {
    // dialers that found the pool exhausted look again, even when the job stopped part-way
    poolWritten(core.db, { poolGrew: true });
  }
  const result: ImportReport = { ...report, source, ...committed };
  finish(core, actor, 'import', result);
  return result;
}

/**
 * A do-not-call list: every number on it becomes `complained`, never dialed again by anyone.
 * Numbers the pool does not know yet are added as complained, so a later import cannot revive them.
 */
export async function importDoNotCall(core: Core, actor: Actor, input: ListImport): Promise<DncReport> {
  const source = sourceName(input.source, input.sourceName);
  const job = {
    action: 'dnc' as const,
    list: source,
    inPhoneOrder: false,
    describe: (c: { marked: number; added: number; known: number }) =>
      `${n(c.marked)} marked complained, ${n(c.added)} added as complained, ${n(c.known)} already complained`,
  };
  let committed;
  let report;
  try {
    ({ report, committed } = await runJob(core, actor, input, job, { marked: 0, added: 0, known: 0 }, (rows, now) => {
      const mark = prepare(
        core.db.sqlite,
        "update numbers set global_status = 'complained' where phone = ? and global_status <> 'complained'",
      );
      const insert = prepare(
        core.db.sqlite,
        "insert or ignore into numbers (phone, global_status, imported_at, source) values (?, 'complained', ?, ?)",
      );
      const counts = { marked: 0, added: 0, known: 0 };
      for (const row of rows) {
        if (mark.run(row.phone).changes === 1) counts.marked++;
        else if (insert.run(row.phone, now, source).changes === 1) counts.added++;
        else counts.known++;
      }
      return counts;
    }));
  } finally {
    // the leasing cache must forget what was marked, even when the job stopped part-way
    poolWritten(core.db, { statusesRewritten: true });
  }
  const result: DncReport = { ...report, source, ...committed };
  finish(core, actor, 'dnc', result);
  return result;
}

interface JobSpec<C extends Record<string, number>> {
  action: 'import' | 'dnc';
  list: string;
  /** read whole, then written in phone order (see phone-order.ts); otherwise written as read */
  inPhoneOrder: boolean;
  describe(counts: C): string;
}

type JobReport = Omit<ImportReport, 'source' | 'added' | 'known'>;

async function runJob<C extends Record<string, number>>(
  core: Core,
  actor: Actor,
  input: ListImport,
  spec: JobSpec<C>,
  zero: C,
  writeRows: (rows: PhoneRow[], now: number) => C,
): Promise<{ report: JobReport; committed: C }> {
  const jobId = randomUUID();
  const started = performance.now();
  let lastEmit = 0;
  const emit = (phase: Phase, done: number, total: number | null, estimated = false) =>
    core.events.emit('import.progress', { companyId: null, jobId, done, total, estimated, phase });
  const committed: Committed<C> = { rows: 0, counts: { ...zero } };
  const read = spec.inPhoneOrder ? new PhoneList() : null;
  emit('reading', 0, null);
  try {
    if ('file' in input.source) refuseDatabaseFiles(core.db.file, input.source.file);
    // counted only once the transaction has committed: a failed one wrote nothing
    const write = (rows: PhoneRow[]) => {
      const counts = transaction(core.db, () => writeRows(rows, core.clock()));
      committed.rows += rows.length;
      for (const key of Object.keys(counts) as (keyof C)[]) (committed.counts[key] as number) += counts[key];
    };
    const summary = await readPhoneList(
      input.source,
      spec.list,
      input.region,
      (rows) => (read ? rows.forEach((r) => read.push(r.phone)) : write(rows)),
      (p) => {
        const t = performance.now();
        if (t - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = t;
        emit(read ? 'reading' : 'writing', p.rows, p.estimatedRows, p.estimatedRows !== null);
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
    const report: JobReport = {
      jobId,
      rows: summary.rows,
      rejected: summary.rejected,
      rejectedRows: summary.rejectedRows,
      rejectedRowsTruncated: summary.rejected > summary.rejectedRows.length,
      durationMs: Math.round(performance.now() - started),
    };
    return { report, committed: committed.counts };
  } catch (err) {
    const total = read && read.length > 0 ? read.length : null;
    emit('failed', committed.rows, total);
    throw jobFailure(core, actor, { jobId, action: spec.action, list: spec.list, total, committed, describe: spec.describe }, err);
  }
}

function finish(core: Core, actor: Actor, action: 'import' | 'dnc', report: ImportReport | DncReport): void {
  const { rejectedRows: _rows, ...counts } = report;
  audit(core.db, actor, { companyId: null, entity: 'numbers', entityId: report.jobId, action, after: counts }, core.clock());
}
