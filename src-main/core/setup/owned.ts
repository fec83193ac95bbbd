import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';
import { notFound } from '../errors';
import { companyOf } from '../companies/companies';

/**
 * The records a company owns and switches on and off rather than deletes — scenarios, outbound lines,
 * agents, AI agents and inbound numbers: old call results keep pointing at a row that still says what
 * it was. One way to read them (only the company's own: another company's id is NOT_FOUND, no
 * peeking), list them (active first), create them and edit them, each change in the audit log with
 * "activate"/"deactivate" as its own word. The services keep what differs: their fields, their
 * uniqueness rules and their answers' shape.
 */
export type OwnedTable = 'scenarios' | 'outbound_lines' | 'agents' | 'ai_agents' | 'inbound_numbers';

export interface OwnedKind {
  table: OwnedTable;
  /** the audit log's word for it */
  entity: string;
  /** how a person calls it, in messages: "outbound line" */
  what: string;
  /** the list's order after "active first" */
  orderBy: string;
  /** whether the table keeps updated_at */
  stamped: boolean;
}

export interface OwnedRow {
  id: number;
  company_id: number;
  is_active: number;
}

export function ownedRecords<R extends OwnedRow>(kind: OwnedKind) {
  const find = (q: Queries, companyId: number, id: number): Promise<R | undefined> =>
    q.get<R>(`select * from ${kind.table} where id = ? and company_id = ?`, [id, companyId]);
  const get = async (q: Queries, companyId: number, id: number): Promise<R> => {
    const row = await find(q, companyId, id);
    if (!row) throw notFound(`${kind.what} ${id} does not exist in this company`);
    return row;
  };
  return {
    find,
    get,

    /** Active ones first, then in the kind's order; `where` narrows by one more column (an agent's type). */
    async list(q: Queries, companyId: number, where?: { column: string; value: string }): Promise<R[]> {
      await companyOf(q, companyId);
      const extra = where ? ` and ${where.column} = ?` : '';
      const args: unknown[] = where ? [companyId, where.value] : [companyId];
      return q.all<R>(`select * from ${kind.table} where company_id = ?${extra} order by is_active desc, ${kind.orderBy}`, args);
    },

    /** Inserts in the caller's transaction, with the company and the times, and audits it. */
    async insert(tx: Queries, actor: Actor, companyId: number, values: Record<string, unknown>, now: number): Promise<R> {
      const row = insertRow(companyId, values, now);
      const columns = Object.keys(row);
      const id = (await tx.value<number>(
        `insert into ${kind.table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) returning id`,
        Object.values(row),
      ))!;
      const after = await get(tx, companyId, id);
      await writeAudit(tx, actor, { companyId, entity: kind.entity, entityId: id, action: 'create', after }, now);
      return after;
    },

    /** Applies the defined fields of `patch` in the caller's transaction and audits the change; nothing to change is no write. */
    async update(tx: Queries, actor: Actor, before: R, patch: Record<string, unknown>, now: number): Promise<R> {
      const set = updateOf(before, patch, now);
      if (!set) return before;
      await tx.run(`update ${kind.table} set ${set.columns.map((c) => `${c} = ?`).join(', ')} where id = ?`, [...set.values, before.id]);
      const after = await get(tx, before.company_id, before.id);
      await writeAudit(
        tx,
        actor,
        { companyId: before.company_id, entity: kind.entity, entityId: before.id, action: set.action, before, after },
        now,
      );
      return after;
    },
  };

  function insertRow(companyId: number, values: Record<string, unknown>, now: number): Record<string, unknown> {
    return { ...values, company_id: companyId, created_at: now, ...(kind.stamped && { updated_at: now }) };
  }

  function updateOf(before: R, patch: Record<string, unknown>, now: number) {
    const changes = definedOnly(patch);
    const columns = Object.keys(changes);
    if (columns.length === 0) return null;
    if (kind.stamped) columns.push('updated_at');
    const values = [...Object.values(changes), ...(kind.stamped ? [now] : [])];
    const action = editAction(before.is_active, changes.is_active === undefined ? undefined : changes.is_active === 1);
    return { columns, values, action };
  }
}

/** A boolean from a form as the 0/1 a table keeps; undefined stays "no change". */
export const flag = (value: boolean | undefined): 0 | 1 | undefined => (value === undefined ? undefined : value ? 1 : 0);

/** The audit action of an edit: switching a row on or off is worth its own word in the log. */
export function editAction(wasActive: number, isActive: boolean | undefined): 'activate' | 'deactivate' | 'update' {
  if (isActive === false && wasActive === 1) return 'deactivate';
  if (isActive === true && wasActive === 0) return 'activate';
  return 'update';
}

/** Drops the keys whose value is undefined, so "nothing to change" is an empty object. */
export function definedOnly<T extends Record<string, unknown>>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
