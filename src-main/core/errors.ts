import type { ErrorCode, FieldIssue } from '../../src-shared/errors';

/** A failure a user or a dialer can act on. Anything else thrown is an internal error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** field by field, when the refusal is about fields of the input (schema issues) */
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * The field a refusal names by the house convention of starting its sentence with the field's path
 * ("phone: ... is not a valid phone number", "company.slug: the slug ... is taken"), or nothing.
 */
export function fieldOf(message: string): FieldIssue | null {
  const m = /^([A-Za-z_]\w*(?:\.\w+)*): (.+)$/s.exec(message);
  return m ? { path: m[1]!, message: m[2]! } : null;
}

export const badInput = (message: string) => new AppError('BAD_INPUT', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

/** A unique-constraint failure (SQLite's, or PostgreSQL's 23505), so services can turn it into a clear 409. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * A failure of the machine rather than of the request, named so the client and the log can act on it:
 * a full disk (SQLite's SQLITE_FULL, or ENOSPC from a file write) or a write lock another process held
 * past busy_timeout. SQLite rolls the statement's transaction back in both cases, so nothing was written.
 * Answers null for anything else (a bug: INTERNAL).
 */
export function storageFailure(err: unknown): AppError | null {
  if (err instanceof AppError || typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String((err as { code: unknown }).code);
  // PostgreSQL: 53100 disk_full, 53200 out_of_memory
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === '53100') {
    return new AppError(
      'STORAGE_FULL',
      'the disk that holds the DialDesk database is full (or failing writes): nothing was written; free some space and retry',
    );
  }
  // PostgreSQL refusing before it wrote: 55P03 lock_not_available, 53300 too_many_connections, 57P03
  // cannot_connect_now, or no server at all. (A connection dropped mid-commit is not here: whether that commit
  // landed is unknown, and it stays an internal error; dialers replay with their idempotency key.)
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || ['55P03', '53300', '57P03', 'ECONNREFUSED'].includes(code)) {
    return new AppError(
      'DATABASE_BUSY',
      'the database is busy with another process (a long import or backup); nothing was written; retry in a moment',
    );
  }
  return null;
}
