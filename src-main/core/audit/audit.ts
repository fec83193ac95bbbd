import { exec, type Db } from '../db/connection';

/** Who did it: a console user, the command line, or an API key. */
export interface Actor {
  userId: number | null;
  name: string;
}
export const CLI_ACTOR: Actor = { userId: null, name: 'cli' };

export interface AuditEntry {
  companyId: number | null;
  entity: string;
  entityId: string | number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log. Call inside the transaction that made the change. */
export function audit(db: Db, actor: Actor, entry: AuditEntry, at: number): void {
  exec(
    db,
    db.kysely.insertInto('audit_log').values({
      at,
      user_id: actor.userId,
      actor: actor.name,
      company_id: entry.companyId,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    }),
  );
}

const SECRET_FIELDS = new Set(['password_hash', 'passwordHash', 'password', 'key_hash']);
function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v]));
}
