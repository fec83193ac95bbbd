import { writeAudit, type Actor } from '../audit/audit';
import type { Core } from '../core';
import { AppError, storageFailure } from '../errors';

/** What a list job has committed: only transactions that committed are counted. */
export interface Committed<C extends Record<string, number>> {
  /** phones written by committed transactions */
  rows: number;
  counts: C;
}

export interface FailedJob<C extends Record<string, number>> {
  jobId: string;
  action: 'import' | 'dnc';
  /** the list's name (the numbers' source) */
  list: string;
  /** numbers the list holds, when it was read whole before writing */
  total: number | null;
  committed: Committed<C>;
  /** the committed counts in words: "71,500 new, 500 already in the pool" */
  describe(counts: C): string;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * A list job failed part-way: writes what it had committed to the audit log and answers the error
 * to throw, whose message says exactly what was committed and that running the same list again
 * completes it (both jobs skip numbers that are already as the list would make them).
 * A refusal of the input that wrote nothing is answered as it is, and not audited: bad input writes nothing.
 */
export async function jobFailure<C extends Record<string, number>>(
  core: Core,
  actor: Actor,
  job: FailedJob<C>,
  err: unknown,
): Promise<unknown> {
  const storage = storageFailure(err);
  const committed = job.committed.rows;
  if (committed === 0 && !storage && err instanceof AppError) return err;
  const code = storage?.code ?? (err instanceof AppError ? err.code : 'INTERNAL');
  let audited = true;
  try {
    const { rows, counts } = job.committed;
    await writeAudit(
      core.db,
      actor,
      {
        companyId: null,
        entity: 'numbers',
        entityId: job.jobId,
        action: `${job.action}_failed`,
        after: { source: job.list, committedRows: rows, ...counts, error: code },
      },
      core.clock(),
    );
  } catch {
    audited = false; // the same full disk, most likely: the answer still says what was committed
  }
  const what = job.action === 'import' ? 'importing' : 'the do-not-call import of';
  const of = job.total === null ? '' : ` of its ${n(job.total)}`;
  const summary =
    committed === 0
      ? `nothing of "${job.list}" was written; import it again once that is fixed`
      : `${what} "${job.list}" stopped after ${n(committed)}${of} numbers were committed (${job.describe(job.committed.counts)}); ` +
        `the rest were not written. Import "${job.list}" again once that is fixed: what is already in the pool is skipped, so it completes the list`;
  const note = audited ? '' : ' (the audit log could not record this failure either)';
  if (storage) return new AppError(storage.code, `${storageCause(storage.code)}: ${summary}${note}`);
  if (err instanceof AppError) return new AppError(err.code, `${err.message}; ${summary}${note}`);
  return err; // a bug: INTERNAL with the details in the log, and the audit entry says what was committed
}

function storageCause(code: string): string {
  return code === 'STORAGE_FULL'
    ? 'the disk that holds the DialDesk database is full (or failing writes)'
    : 'the database stayed busy with another process past the wait limit';
}
