/**
 * Error codes travel as data: Electron's `invoke` only passes an Error's message, so every reply
 * crosses the bridge as an envelope and the code is a field, never a class.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNKNOWN_CHANNEL',
  /** the disk holding the database is full: nothing was written; retry once space is freed */
  'STORAGE_FULL',
  /** another process held the database's write lock past the busy timeout: nothing was written; retry */
  'DATABASE_BUSY',
  /** the HTTP port is closing (the app or serve is shutting down): nothing was done; retry once it is back */
  'SHUTTING_DOWN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A refusal that is about one field of the input, so the console can show it on that field (and in
 * the user's language): the field's path ("name", "voiceSettings.closedMessage", "company.slug"), the
 * sentence, and for schema issues the kind of issue and its limit ("too_big", 120) to word it anew.
 */
export interface FieldIssue {
  path: string;
  message: string;
  /** zod's issue code (too_big, too_small, invalid_format, invalid_type, custom...), when a schema said it */
  issue?: string;
  /** the maximum or minimum a too_big / too_small issue names */
  limit?: number;
  /** what the limit counts: a string's characters, a number, an array's items */
  origin?: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** the refusal, field by field, when it is about fields of the input (console calls only) */
  fields?: FieldIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** HTTP status that each code maps to on the embedded port (DESIGN.md §4). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNKNOWN_CHANNEL: 404,
  STORAGE_FULL: 503,
  DATABASE_BUSY: 503,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

/** Seconds a client should wait before retrying a 503 (the Retry-After header on the HTTP port). */
export const RETRY_AFTER_S: Partial<Record<ErrorCode, number>> = { STORAGE_FULL: 30, DATABASE_BUSY: 2, SHUTTING_DOWN: 5 };

export function assertNever(value: never, where: string): never {
  throw new Error(`${where}: unexpected value ${JSON.stringify(value)}`);
}
