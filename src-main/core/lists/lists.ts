import type { ListsAnswer, NumberListDto } from '../../../src-shared/contract/lifecycle';
import { prepare, transaction, type Db } from '../db/connection';
import type { Core } from '../core';
import { audit, type Actor } from '../audit/audit';
import { badInput, notFound } from '../errors';
import { getCompany } from '../companies/companies';
import { poolWritten } from '../dialer/pool-cache';
import { toIso } from '../time';

/**
 * Named lists of numbers (DESIGN.md §8): each import is a list of a company (dialed by it alone) or of
 * the site pool (dialed by every company). A company sees the site's lists and its own, and switches
 * any of them off and on for itself; another company's lists are not its business, not even by name.
 */
interface ListRow {
  id: number;
  company_id: number | null;
  name: string;
  created_at: number;
}

/**
 * The list an import of this owner and name adds to, or null when the import will create it. Refuses
 * a name that a company would then see twice: a company list named like a site list, or a site list
 * named like any company's list.
 */
export function findListForImport(db: Db, companyId: number | null, name: string): { id: number } | null {
  if (companyId !== null) getCompany(db, companyId);
  const same = prepare(db.sqlite, 'select id from number_lists where coalesce(company_id, 0) = ? and name = ?').get(
    companyId ?? 0,
    name,
  ) as { id: number } | undefined;
  if (same) return same;
  const clash =
    companyId === null
      ? prepare(db.sqlite, 'select 1 from number_lists where company_id is not null and name = ?').get(name)
      : prepare(db.sqlite, 'select 1 from number_lists where company_id is null and name = ?').get(name);
  if (clash) {
    throw badInput(
      companyId === null
        ? `list: a company already has a list named "${name}"; give the site pool's list another name`
        : `list: the site pool already has a list named "${name}"; give this company's list another name`,
    );
  }
  return null;
}

/** Creates an empty list, inside the caller's transaction (an import's first write). */
export function createList(db: Db, actor: Actor, input: { companyId: number | null; name: string }, now: number): { id: number } {
  const id = Number(
    prepare(db.sqlite, 'insert into number_lists (company_id, name, created_at, created_by) values (?, ?, ?, ?)').run(
      input.companyId,
      input.name,
      now,
      actor.name,
    ).lastInsertRowid,
  );
  audit(db, actor, { companyId: input.companyId, entity: 'number_list', entityId: id, action: 'create', after: { ...input, id } }, now);
  return { id };
}

function visibleList(db: Db, companyId: number, listId: number): ListRow {
  const row = prepare(db.sqlite, 'select id, company_id, name, created_at from number_lists where id = ?').get(listId) as
    ListRow | undefined;
  if (!row || (row.company_id !== null && row.company_id !== companyId)) throw notFound(`list ${listId} is not one this company sees`);
  return row;
}

/** Switches a list on or off for one company alone. */
export async function setListActive(
  core: Core,
  actor: Actor,
  input: { companyId: number; listId: number; active: boolean },
): Promise<NumberListDto> {
  const { db } = core;
  const now = core.clock();
  transaction(db, () => {
    getCompany(db, input.companyId);
    const list = visibleList(db, input.companyId, input.listId);
    const before = isActive(db, input.companyId, list.id);
    if (before === input.active) return;
    if (input.active) prepare(db.sqlite, 'delete from list_switches where company_id = ? and list_id = ?').run(input.companyId, list.id);
    else
      prepare(db.sqlite, 'insert or replace into list_switches (company_id, list_id, is_active, updated_at) values (?, ?, 0, ?)').run(
        input.companyId,
        list.id,
        now,
      );
    audit(
      db,
      actor,
      { companyId: input.companyId, entity: 'number_list', entityId: list.id, action: input.active ? 'activate' : 'deactivate' },
      now,
    );
  });
  // numbers a switched-on list gives back are the company's to dial at once
  if (input.active) poolWritten(db, { poolGrew: true });
  const answer = await listLists(core, input.companyId, input.listId);
  return answer.lists[0];
}

const isActive = (db: Db, companyId: number, listId: number): boolean =>
  prepare(db.sqlite, 'select is_active from list_switches where company_id = ? and list_id = ?').pluck().get(companyId, listId) !== 0;

/** The names of the lists a number is on that this company sees. */
export function visibleListNames(db: Db, companyId: number, numberId: number): string[] {
  return prepare(
    db.sqlite,
    `select l.name from number_lists l
     where (l.company_id is null or l.company_id = ?)
       and (l.id = (select list_id from numbers where id = ?) or l.id in (select list_id from list_members where number_id = ?))
     order by l.id`,
  )
    .pluck()
    .all(companyId, numberId, numberId) as string[];
}

const SLICE = 20_000;
type Counts = Pick<NumberListDto, 'size' | 'dialed' | 'recycled' | 'answered' | 'remaining'>;

// a slice of a list's members in id order, with the company's record of each
const countSql = (members: string) => `
  select count(*) as size, count(cc.number_id) as dialed, coalesce(sum(cc.attempts - 1), 0) as recycled,
    coalesce(sum(cc.answered), 0) as answered, coalesce(sum(cc.number_id is null and n.global_status = 'active'), 0) as remaining,
    max(n.id) as last
  from (${members}) m join numbers n on n.id = m.id
  left join company_calls cc on cc.company_id = ? and cc.number_id = n.id`;
const HOME = countSql('select id from numbers where list_id = ? and id > ? order by id limit ?');
const EXTRA = countSql('select number_id as id from list_members where list_id = ? and number_id > ? order by number_id limit ?');

/**
 * The lists this company sees, each with its size and the company's progress through it: dialed (first
 * attempts), recycled (later attempts), answered, remaining, penetration. Counted in slices of a list's
 * members with the event loop free between them, so a 1M-number list never stalls the port.
 */
export async function listLists(core: Core, companyId: number, onlyListId?: number): Promise<ListsAnswer> {
  const { db } = core;
  getCompany(db, companyId);
  const rows = prepare(
    db.sqlite,
    'select id, company_id, name, created_at from number_lists where (company_id is null or company_id = ?) order by company_id is null, name, id',
  ).all(companyId) as ListRow[];
  const lists: NumberListDto[] = [];
  for (const row of rows) {
    if (onlyListId !== undefined && row.id !== onlyListId) continue;
    const total: Counts = { size: 0, dialed: 0, recycled: 0, answered: 0, remaining: 0 };
    for (const sql of [HOME, EXTRA]) {
      let after = 0;
      for (;;) {
        const c = prepare(db.sqlite, sql).get(row.id, after, SLICE, companyId) as Counts & { last: number | null };
        for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
        if (c.size < SLICE || c.last === null) break;
        after = c.last;
        await new Promise((r) => setImmediate(r));
      }
    }
    lists.push({
      id: row.id,
      name: row.name,
      owner: row.company_id === null ? 'site' : 'company',
      createdAt: toIso(row.created_at),
      active: isActive(db, companyId, row.id),
      ...total,
      penetration: total.size === 0 ? 0 : Math.round((total.dialed / total.size) * 1000) / 10,
    });
  }
  return { companyId, lists, countedAt: toIso(core.clock()) };
}
