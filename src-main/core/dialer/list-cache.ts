import { dialectOf, type Queries } from '../db/engine/queries';
import { Bitset } from './bitset';

/**
 * Per company, the ids its lease scan need not ask SQL about because the company's list and
 * do-not-call rules rule them out: numbers whose first list is closed to it (another company's list,
 * or one it switched off) and that are on none of its open lists, and numbers on its own do-not-call
 * list. Without it a company would walk, id by id, through every number another company owns.
 *
 * Like the other leasing sets it is a hint in front of SQL that checks the same rules (eligible.ts).
 * The closed lists are read from SQL at every lease, so a list created or switched is seen at once
 * (the combined set is rebuilt from the per-list sets, a few word operations); numbers put on a list
 * or a do-not-call list by this connection are noted through poolWritten; anything written by another
 * connection drops every set (noticeOtherWriters).
 */
export interface ListSets {
  /** list id → the ids whose first list it is */
  home: Map<number, Bitset>;
  /** company id → the pool ids on its do-not-call list */
  dnc: Map<number, Bitset>;
  /** company id → the combined set, and the closed lists it was built for */
  excluded: Map<number, { closed: Set<number>; set: Bitset }>;
}

export const newListSets = (): ListSets => ({ home: new Map(), dnc: new Map(), excluded: new Map() });

export function forgetListSets(sets: ListSets): void {
  sets.home.clear();
  sets.dnc.clear();
  sets.excluded.clear();
}

const sameSet = (a: Set<number>, b: readonly number[]) => a.size === b.length && b.every((id) => a.has(id));

/** The company's combined set for these closed lists, built from the per-list sets when they changed. */
export async function excludedFor(q: Queries, sets: ListSets, companyId: number, closed: readonly number[]): Promise<Bitset> {
  const cached = sets.excluded.get(companyId);
  if (cached && sameSet(cached.closed, closed)) return cached.set;
  const set = new Bitset();
  if (closed.length) {
    for (const listId of closed) set.or(await homeOf(q, sets, listId));
    // a number also on a list the company may dial stays the company's to dial
    const d = dialectOf(q);
    const onOpenLists = await q.column<number>(`select number_id from list_members where not (${d.inIds('list_id')})`, [d.ids(closed)]);
    for (const id of onOpenLists) set.delete(id);
  }
  set.or(await dncOf(q, sets, companyId));
  sets.excluded.set(companyId, { closed: new Set(closed), set });
  return set;
}

async function homeOf(q: Queries, sets: ListSets, listId: number): Promise<Bitset> {
  let home = sets.home.get(listId);
  if (!home) {
    home = new Bitset();
    for (const id of await q.column<number>('select id from numbers where list_id = ?', [listId])) home.add(id);
    sets.home.set(listId, home);
  }
  return home;
}

async function dncOf(q: Queries, sets: ListSets, companyId: number): Promise<Bitset> {
  let dnc = sets.dnc.get(companyId);
  if (!dnc) {
    dnc = new Bitset();
    const ids = await q.column<number>(
      'select n.id from dnc_entries d join numbers n on n.phone = d.phone where coalesce(d.company_id, 0) = ?',
      [companyId],
    );
    for (const id of ids) dnc.add(id);
    sets.dnc.set(companyId, dnc);
  }
  return dnc;
}

/** Numbers put on a list: as their first list (closed to some companies), or besides it (open to some). */
export function noteListed(sets: ListSets, listId: number, homeIds: readonly number[], extraIds: readonly number[]): void {
  const home = sets.home.get(listId);
  if (home) for (const id of homeIds) home.add(id);
  for (const { closed, set } of sets.excluded.values()) {
    if (closed.has(listId)) for (const id of homeIds) set.add(id);
    else for (const id of extraIds) set.delete(id);
  }
}

/** Pool numbers a company put on its do-not-call list. */
export function noteCompanyDnc(sets: ListSets, companyId: number, ids: readonly number[]): void {
  const dnc = sets.dnc.get(companyId);
  if (dnc) for (const id of ids) dnc.add(id);
  const excluded = sets.excluded.get(companyId);
  if (excluded) for (const id of ids) excluded.set.add(id);
}
