import type { Queries } from '../db/engine/queries';

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

/** Appends to the audit log: pass the tx of the transaction that made the change (or the Db for a change outside the database). */
export async function writeAudit(q: Queries, actor: Actor, entry: AuditEntry, at: number): Promise<void> {
  await q.run(
    'insert into audit_log (at, user_id, actor, company_id, entity, entity_id, action, before, after) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      at,
      actor.userId,
      actor.name,
      entry.companyId,
      entry.entity,
      entry.entityId == null ? null : String(entry.entityId),
      entry.action,
      entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    ],
  );
}

const SECRET_FIELDS = new Set(['password_hash', 'passwordHash', 'password', 'key_hash']);
function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v]));
}
