import type { GlobalStatus } from '../../../src-shared/statuses';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { Bitset } from './bitset';
import { excludedFor, forgetListSets, newListSets, noteCompanyDnc, noteListed, type ListSets } from './list-cache';
import { wallClock } from '../time-zone';

/**
 * What the leasing scan keeps in memory so that its cost does not grow with what a company has
 * already dialed: per company, the set of number ids in company_calls and a scan cursor over
 * numbers.id; for the pool, the ids whose global status is not `active`.
 *
 * It is a hint, never the authority: the lease query re-checks every rule in SQL, so a stale entry
 * costs a wasted lookup, not a wrong lease. Entries are added only after the transaction that made
 * them true has committed (a rolled-back result must not hide a number from its company).
 *
 * What it must never do is hide a number the rules allow. So every writer of this connection tells it
 * what it committed through one hook (poolWritten), and writes from any other connection or process on
 * the file (a CLI import or do-not-call list beside a running serve) are noticed through SQLite's
 * data_version before each lease: then the sets that could hide a number are reread. With the cache
 * off (createCore's leasingCache: false, DIALDESK_LEASING_CACHE=off), the sets stay empty and SQL alone
 * decides; the tests run the leasing rules both ways.
 *
 * The sets belong to a connection (`db`, the key of everything here); inside a lease they are read
 * through the lease's transaction (`q`).
 */
export interface CompanyScan {
  /** false with the cache off: dialed stays empty and the exhausted shortcut is never taken */
  cached: boolean;
  dialed: Bitset;
  /** the last number id the scan looked at */
  cursor: number;
  /** a full lap found nothing: answer pool_exhausted without scanning until then (ms) or until the pool grows */
  exhaustedUntil: number;
  /** the pool size, cooldown and company rules that lap saw: any change means look again */
  exhaustedRules: string;
}

/** a set being filled by warmPoolCaches: the company's id, or the dead set */
type FillKey = number | 'dead';
interface PendingFill {
  /** reads one slice; true once the set is full */
  step: () => Promise<boolean>;
  done: Promise<void>;
  finish: () => void;
}

interface PoolCache {
  /** false: no sets, no shortcut; every id is asked of SQL */
  enabled: boolean;
  /** SQLite's data_version when this connection last looked: another connection's commit changes it */
  dataVersion: number | null;
  dead: Bitset | null;
  companies: Map<number, CompanyScan>;
  /** what the company's list and do-not-call rules rule out (list-cache.ts) */
  lists: ListSets;
  lastSweepAt: number;
  /** sets installed but not filled yet, in the order they will be filled */
  filling: Map<FillKey, PendingFill>;
  /** fills a lease is waiting for: done next */
  urgent: FillKey[];
  /** warmPoolCaches is reading which sets are large: a lease waits for that, then for its own set */
  installing: Promise<void> | null;
}

const caches = new WeakMap<Db, PoolCache>();

function poolCache(db: Db): PoolCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      enabled: true,
      dataVersion: null,
      dead: null,
      companies: new Map(),
      lists: newListSets(),
      lastSweepAt: 0,
      filling: new Map(),
      urgent: [],
      installing: null,
    };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Turns the leasing caches on or off for a connection (createCore does, before the first lease). On
 * PostgreSQL other desks write the pool and this process hears of none of it (SQLite's data_version has
 * no counterpart there), so SQL alone decides.
 */
export function setLeasingCache(db: Db, enabled: boolean): void {
  const cache = poolCache(db);
  cache.enabled = enabled && db.engine === 'sqlite';
  cache.dead = null;
  cache.companies.clear();
  forgetListSets(cache.lists);
}

const EMPTY = new Bitset(0);

/**
 * Before a lease: if another connection committed since this one last looked, its writes may have
 * made numbers dialable that the sets rule out (a number reset to active, leases released) or added
 * numbers while a scan thought the pool exhausted. Reread the dead set and look again everywhere.
 * (A company's dialed set can only lack rows written elsewhere, which costs a lookup, not a number.)
 */
export async function noticeOtherWriters(q: Queries, db: Db): Promise<void> {
  const cache = poolCache(db);
  if (!cache.enabled) return;
  const version = (await q.value<number>('pragma data_version'))!;
  if (cache.dataVersion === version) return;
  const first = cache.dataVersion === null;
  cache.dataVersion = version;
  if (first) return;
  cache.dead = null;
  // a number put on an open list elsewhere must not stay hidden behind its closed first list
  forgetListSets(cache.lists);
  for (const scan of cache.companies.values()) scan.exhaustedUntil = 0;
}

/** Ids whose global status rules them out for everyone (complained, power_off, invalid). */
export async function deadNumbers(q: Queries, db: Db): Promise<Bitset> {
  const cache = poolCache(db);
  if (!cache.enabled) return EMPTY;
  if (!cache.dead) {
    const dead = new Bitset();
    const ids = await q.column<number>("select id from numbers where global_status in ('complained', 'power_off', 'invalid')");
    for (const id of ids) dead.add(id);
    cache.dead = dead;
  }
  return cache.dead;
}

/** Ids the company's list and do-not-call rules rule out, given the lists closed to it now (read from SQL). */
export async function excludedNumbers(q: Queries, db: Db, companyId: number, closedLists: readonly number[]): Promise<Bitset> {
  const cache = poolCache(db);
  return cache.enabled ? excludedFor(q, cache.lists, companyId, closedLists) : EMPTY;
}

export async function companyScan(q: Queries, db: Db, companyId: number): Promise<CompanyScan> {
  const cache = poolCache(db);
  let scan = cache.companies.get(companyId);
  if (!scan) {
    const dialed = new Bitset();
    if (cache.enabled) {
      for (const id of await q.column<number>('select number_id from company_calls where company_id = ?', [companyId])) dialed.add(id);
    }
    scan = { cached: cache.enabled, dialed, cursor: 0, exhaustedUntil: 0, exhaustedRules: '' };
    cache.companies.set(companyId, scan);
  }
  return scan;
}

/** a set up to this size is built on demand in a few ms (and checking for it is cheap); larger ones are built by warmPoolCaches */
const WARM_ABOVE = 5_000;

/**
 * Builds the large sets (the dead set, and each active company's dialed set when it holds more than
 * WARM_ABOVE numbers) in slices, with the event loop free between them, when the port starts. Built on
 * demand instead, the first next-batch of such a company after start read its whole company_calls on
 * the serving thread: measured 220-320 ms of CPU for a company that had dialed 500k-900k of a 1M pool
 * (DESIGN.md §2 allows 50 ms). Each set is installed empty at once and filled in place, so results
 * recorded meanwhile land in it (poolWritten); a lease that asks while the sets are being chosen waits
 * for that first (leasingReady).
 */
export async function warmPoolCaches(db: Db, sliceRows = 5_000, warmAbove = WARM_ABOVE): Promise<void> {
  const cache = poolCache(db);
  if (!cache.enabled) return;
  const large = async (sql: string, ...args: unknown[]) => (await db.value(`${sql} limit 1 offset ${warmAbove}`, args)) !== undefined;
  // a slice is read and added in one transaction: a commit that revives a dead number then comes either
  // before the read (which sees it) or after the add (and poolWritten takes it out again), never between
  const slices = (sql: string, args: unknown[], add: (id: number) => void) => {
    let after = 0;
    return (): Promise<boolean> =>
      db.transaction(async (tx) => {
        const ids = await tx.column<number>(sql, [...args, after, sliceRows]);
        for (const id of ids) add(id);
        after = ids[ids.length - 1];
        return ids.length < sliceRows;
      });
  };
  // every large set installed before any is filled, and a lease for a company whose set is not full
  // yet waits for it (see leasingReady), filled next, instead of scanning a half-filled one
  const pending = (key: FillKey, step: () => Promise<boolean>) => {
    let finish = () => undefined as void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    cache.filling.set(key, { step, done, finish });
  };
  let installed = () => undefined as void;
  cache.installing = new Promise<void>((resolve) => (installed = resolve));
  try {
    await installAndFill();
  } catch (err) {
    // the connection closed, or a read failed: the half-filled sets go (built on demand again) and no lease waits for them
    for (const [key, fill] of cache.filling) {
      if (key === 'dead') cache.dead = null;
      else cache.companies.delete(key);
      fill.finish();
    }
    cache.filling.clear();
    throw err;
  } finally {
    cache.installing = null;
    installed();
    cache.urgent.length = 0;
  }

  async function installAndFill(): Promise<void> {
    // what is large is read first, then every set installed at once: a lease asking meanwhile builds its own
    const deadIsLarge = await large("select id from numbers where global_status in ('complained', 'power_off', 'invalid')");
    const active = await db.all<{ id: number; timezone: string }>('select id, timezone from companies where is_active = 1 order by id');
    const largeCompanies: number[] = [];
    for (const { id } of active) if (await large('select number_id from company_calls where company_id = ?', id)) largeCompanies.push(id);
    if (!cache.dead && deadIsLarge) {
      const dead = (cache.dead = new Bitset());
      const steps = ['complained', 'power_off', 'invalid'].map((status) =>
        slices('select id from numbers where global_status = ? and id > ? order by id limit ?', [status], (id) => dead.add(id)),
      );
      pending('dead', async () => {
        while (steps.length && (await steps[0]())) steps.shift();
        return steps.length === 0;
      });
    }
    for (const companyId of largeCompanies) {
      if (cache.companies.has(companyId)) continue;
      const scan: CompanyScan = {
        cached: true,
        dialed: new Bitset(),
        cursor: 0,
        exhaustedUntil: 0,
        exhaustedRules: '',
      };
      cache.companies.set(companyId, scan);
      pending(
        companyId,
        slices('select number_id from company_calls where company_id = ? and number_id > ? order by number_id limit ?', [companyId], (id) =>
          scan.dialed.add(id),
        ),
      );
    }
    cache.installing = null;
    installed();
    // a zone's first clock reading builds its Intl formatter (~14 ms for the first): one a turn, not in a lease
    for (const tz of new Set(active.map((c) => c.timezone))) {
      await new Promise((resolve) => setImmediate(resolve));
      wallClock(Date.now(), tz);
    }
    while (cache.filling.size) {
      await new Promise((resolve) => setImmediate(resolve));
      const key = cache.urgent.find((k) => cache.filling.has(k)) ?? (cache.filling.keys().next().value as FillKey);
      const fill = cache.filling.get(key)!;
      if (await fill.step()) {
        cache.filling.delete(key);
        fill.finish();
      }
    }
  }
}

/**
 * When the sets a lease for this company needs are still being filled after start, a promise of
 * them (filled next, ahead of the others); null when they are ready. The port awaits it before
 * leasing, so the first dialer to ask waits a moment without holding the thread.
 */
export function leasingReady(db: Db, companyId: number): Promise<void> | null {
  const cache = caches.get(db);
  if (!cache?.enabled) return null;
  if (cache.installing) return cache.installing.then(() => leasingReady(db, companyId) ?? undefined);
  if (cache.filling.size === 0) return null;
  const keys = (['dead', companyId] as FillKey[]).filter((k) => cache.filling.has(k));
  if (keys.length === 0) return null;
  cache.urgent.unshift(...keys);
  return Promise.all(keys.map((k) => cache.filling.get(k)!.done)).then(() => undefined);
}

/** What a committed write did to the pool: the one hook every writer of numbers, company_calls and leases calls. */
export interface PoolWrites {
  /** (company, number) pairs added to company_calls */
  dialed?: { companyId: number; numberIds: number[] };
  /** numbers whose global status changed, one by one */
  statuses?: { id: number; status: GlobalStatus }[];
  /** many statuses changed at once (a do-not-call list): reread them on the next lease */
  statusesRewritten?: boolean;
  /** numbers added, leases ended, or a status made active: scans that found nothing look again */
  poolGrew?: boolean;
  /** numbers put on a list: as their first list, or besides it */
  listed?: { listId: number; homeIds: number[]; extraIds: number[] };
  /** pool numbers a company put on its own do-not-call list */
  companyDnc?: { companyId: number; numberIds: number[] };
}

export function poolWritten(db: Db, writes: PoolWrites): void {
  const cache = caches.get(db);
  if (!cache?.enabled) return;
  if (writes.dialed) {
    const scan = cache.companies.get(writes.dialed.companyId);
    if (scan) for (const id of writes.dialed.numberIds) scan.dialed.add(id);
  }
  if (writes.statusesRewritten) cache.dead = null;
  else if (writes.statuses && cache.dead) {
    for (const c of writes.statuses) {
      if (c.status === 'active') cache.dead.delete(c.id);
      else cache.dead.add(c.id);
    }
  }
  if (writes.listed) noteListed(cache.lists, writes.listed.listId, writes.listed.homeIds, writes.listed.extraIds);
  if (writes.companyDnc) noteCompanyDnc(cache.lists, writes.companyDnc.companyId, writes.companyDnc.numberIds);
  if (writes.poolGrew || writes.statuses?.some((c) => c.status === 'active')) {
    for (const scan of cache.companies.values()) scan.exhaustedUntil = 0;
  }
}

/**
 * Expired leases are ignored by every query and taken over in place when their number is leased
 * again; the rest are swept now and then, in bites small enough not to show in next-batch's p99.
 */
export async function sweepExpiredLeases(q: Queries, db: Db, now: number, everyMs = 5_000): Promise<number> {
  const cache = poolCache(db);
  if (now - cache.lastSweepAt < everyMs) return 0;
  cache.lastSweepAt = now;
  // the outer test too: on PostgreSQL a row the inner select found may be taken over before the delete reaches it
  return q.run(
    'delete from leases where number_id in (select number_id from leases where expires_at <= ? order by expires_at limit 500) and expires_at <= ?',
    [now, now],
  );
}
