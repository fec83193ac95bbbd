import { randomUUID } from 'node:crypto';
import type { ImportReport } from '../../../src-shared/contract/numbers';
import type { EventMap } from '../../../src-shared/events';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import { writeAudit, type Actor } from '../audit/audit';
import { readPhoneList, type ListSource, type PhoneRow } from './reader';
import { PhoneList, writeInPhoneOrder } from './phone-order';
import { jobFailure, type Committed } from './job-failure';
import { refuseDatabaseFiles } from './list-file';

/** A list of phones to read and write: numbers into the pool, or a do-not-call list. */
export interface ListImport {
  source: ListSource;
  /** the country of numbers written without a country code (ISO 3166, e.g. IR) */
  region?: string;
  /** what the pool remembers as the numbers' source; the file name by default */
  sourceName?: string;
}

type Phase = EventMap['import.progress']['phase'];
const PROGRESS_EVERY_MS = 250;
export const n = (value: number) => value.toLocaleString('en-US');

export interface JobSpec<C extends Record<string, number>> {
  action: 'import' | 'dnc';
  list: string;
  /** read whole, then written in phone order (see phone-order.ts); otherwise written as read */
  inPhoneOrder: boolean;
  describe(counts: C): string;
  /** after each write's transaction has committed (caches learn of what it wrote) */
  afterCommit?(): void;
}

export type JobReport = Omit<ImportReport, 'source' | 'added' | 'known' | 'list'>;

/**
 * Reads a list and writes it in short transactions between which the event loop runs, emitting
 * 'import.progress'. A failure part-way answers an error that says exactly what was committed.
 */
export async function runJob<C extends Record<string, number>>(
  core: Core,
  actor: Actor,
  input: ListImport,
  spec: JobSpec<C>,
  zero: C,
  /** one short transaction's rows, written through its tx */
  writeRows: (tx: Queries, rows: PhoneRow[], now: number) => Promise<C>,
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
    const write = async (rows: PhoneRow[]) => {
      const counts = await core.db.transaction((tx) => writeRows(tx, rows, core.clock()));
      spec.afterCommit?.();
      committed.rows += rows.length;
      for (const key of Object.keys(counts) as (keyof C)[]) (committed.counts[key] as number) += counts[key];
    };
    // the import is most of the WAL while it runs: it waits for the checkpointer rather than leave
    // the serving thread a checkpoint to finish (db/checkpointer.ts)
    const makeRoom = async () => core.checkpointer?.makeRoom();
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
      makeRoom,
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
        makeRoom,
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
    throw await jobFailure(core, actor, { jobId, action: spec.action, list: spec.list, total, committed, describe: spec.describe }, err);
  }
}

/** The audit entry of a finished job: its counts, not its rejected rows. */
export async function finishJob(
  core: Core,
  actor: Actor,
  action: 'import' | 'dnc',
  companyId: number | null,
  report: { jobId: string; rejectedRows: unknown },
): Promise<void> {
  const { rejectedRows: _rows, ...counts } = report;
  await writeAudit(core.db, actor, { companyId, entity: 'numbers', entityId: report.jobId, action, after: counts }, core.clock());
}
