import type { ListsAnswer, NumberListDto } from '../../../src-shared/contract/lifecycle';
import type { Queries } from '../db/engine/queries';
import type { Core } from '../core';
import { writeAudit, type Actor } from '../audit/audit';
import { badInput, notFound } from '../errors';
import { companyOf } from '../companies/companies';
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
export async function findListForImport(q: Queries, companyId: number | null, name: string): Promise<{ id: number } | null> {
  if (companyId !== null) await companyOf(q, companyId);
  const same = await q.get<{ id: number }>('select id from number_lists where coalesce(company_id, 0) = ? and name = ?', [
    companyId ?? 0,
    name,
  ]);
  if (same) return same;
  const clash =
    companyId === null
      ? await q.get('select 1 from number_lists where company_id is not null and name = ?', [name])
      : await q.get('select 1 from number_lists where company_id is null and name = ?', [name]);
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
export async function createList(
  tx: Queries,
  actor: Actor,
  input: { companyId: number | null; name: string },
  now: number,
): Promise<{ id: number }> {
  const id = (await tx.value<number>(
    'insert into number_lists (company_id, name, created_at, created_by) values (?, ?, ?, ?) returning id',
    [input.companyId, input.name, now, actor.name],
  ))!;
  await writeAudit(
    tx,
    actor,
    { companyId: input.companyId, entity: 'number_list', entityId: id, action: 'create', after: { ...input, id } },
    now,
  );
  return { id };
}

async function visibleList(q: Queries, companyId: number, listId: number): Promise<ListRow> {
  const row = await q.get<ListRow>('select id, company_id, name, created_at from number_lists where id = ?', [listId]);
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
  await db.transaction(async (tx) => {
    await companyOf(tx, input.companyId);
    const list = await visibleList(tx, input.companyId, input.listId);
    const before = await isActive(tx, input.companyId, list.id);
    if (before === input.active) return;
    if (input.active) await tx.run('delete from list_switches where company_id = ? and list_id = ?', [input.companyId, list.id]);
    else
      await tx.run(
        `insert into list_switches (company_id, list_id, is_active, updated_at) values (?, ?, 0, ?)
         on conflict (company_id, list_id) do update set is_active = excluded.is_active, updated_at = excluded.updated_at`,
        [input.companyId, list.id, now],
      );
    await writeAudit(
      tx,
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

const isActive = async (q: Queries, companyId: number, listId: number): Promise<boolean> =>
  (await q.value<number>('select is_active from list_switches where company_id = ? and list_id = ?', [companyId, listId])) !== 0;

/** The names of the lists a number is on that this company sees. */
export function visibleListNames(q: Queries, companyId: number, numberId: number): Promise<string[]> {
  return q.column<string>(
    `select l.name from number_lists l
     where (l.company_id is null or l.company_id = ?)
       and (l.id = (select list_id from numbers where id = ?) or l.id in (select list_id from list_members where number_id = ?))
     order by l.id`,
    [companyId, numberId, numberId],
  );
}

const SLICE = 20_000;
type Counts = Pick<NumberListDto, 'size' | 'dialed' | 'recycled' | 'answered' | 'remaining'>;

// a slice of a list's members in id order, with the company's record of each
const countSql = (members: string) => `
  select count(*) as size, count(cc.number_id) as dialed, coalesce(sum(cc.attempts - 1), 0) as recycled,
    coalesce(sum(cc.answered), 0) as answered, coalesce(sum(case when cc.number_id is null and n.global_status = 'active' then 1 else 0 end), 0) as remaining,
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
  await companyOf(db, companyId);
  const rows = await db.all<ListRow>(
    'select id, company_id, name, created_at from number_lists where (company_id is null or company_id = ?) order by company_id is null, name, id',
    [companyId],
  );
  const lists: NumberListDto[] = [];
  for (const row of rows) {
    if (onlyListId !== undefined && row.id !== onlyListId) continue;
    const total: Counts = { size: 0, dialed: 0, recycled: 0, answered: 0, remaining: 0 };
    for (const sql of [HOME, EXTRA]) {
      let after = 0;
      for (;;) {
        const c = (await db.get<Counts & { last: number | null }>(sql, [row.id, after, SLICE, companyId]))!;
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
      active: await isActive(db, companyId, row.id),
      ...total,
      penetration: total.size === 0 ? 0 : Math.round((total.dialed / total.size) * 1000) / 10,
    });
  }
  return { companyId, lists, countedAt: toIso(core.clock()) };
}
