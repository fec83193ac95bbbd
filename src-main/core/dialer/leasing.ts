import { randomUUID } from 'node:crypto';
import type { Queries } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import type { Core } from '../core';
import { lockedCompany } from '../companies/locked';
import { siteSettingsOf } from '../settings/site';
import { noticeOtherWriters, sweepExpiredLeases } from './pool-cache';
import { companyBlock, routingOf, type Blocked, type Routing } from './rules';
import { dialerRegistry } from './registry';
import { numberRulesFor } from './eligible';
import { dueCallbacks } from './lease-callbacks';
import { dueRecycled } from './lease-recycled';
import { freshNumbers } from './lease-fresh';
import { maxNumberId, sawLeaseScan } from './state';

export const DAY_MS = 86_400_000;

export interface NextBatchRequest {
  companyId: number;
  size: number;
  dialerId: string;
  /** the dialer's address, for the console's live list */
  address?: string;
}

export type LeaseKind = 'fresh' | 'recycled' | 'callback';

export interface LeasedNumber {
  numberId: number;
  phone: string;
  kind: LeaseKind;
  /** for a callback: which one, when it was due, and the agent it is for */
  callback?: { callbackId: number; dueAt: number; agent: { id: number; name: string; extension: string } | null };
}

export interface NextBatch {
  company: CompanyRow;
  batchId: string | null;
  leaseExpiresAt: number | null;
  numbers: LeasedNumber[];
  blocked: Blocked | null;
  routing: Routing;
}

/**
 * Hands a dialer up to `size` numbers the rules allow, each under a lease that expires: first the
 * company's callbacks that are due, then numbers due for a retry under its recycling rules, then
 * numbers it never called (DESIGN.md §3 and §8). The checks and the leases happen in one IMMEDIATE
 * transaction, so two dialers asking at once (on this thread, or another process on the same file)
 * never get one number; each phase leases before the next looks, so no number is handed out twice
 * in one batch either.
 */
export async function nextBatch(core: Core, req: NextBatchRequest): Promise<NextBatch> {
  const { db } = core;
  const now = core.clock();
  const site = await siteSettingsOf(db);
  // `db` below only keys the leasing caches: every statement goes through `tx`
  const { result, maxId } = await db.transaction(async (tx) => {
    await noticeOtherWriters(tx, db);
    await sweepExpiredLeases(tx, db, now);
    const company = await lockedCompany(tx, req.companyId);
    const routing = await routingOf(tx, company.id);
    const blocked = await companyBlock(tx, company, routing, now);
    const empty = { company, batchId: null, leaseExpiresAt: null, numbers: [], routing };
    if (blocked) return { result: { ...empty, blocked }, maxId: 0 };
    const rules = await numberRulesFor(tx, db, company, now, now - site.callCooldownDays * DAY_MS);
    const batchId = randomUUID();
    const expiresAt = now + site.leaseMinutes * 60_000;
    const lease = (picked: LeasedNumber[]) => insertLeases(tx, picked, company.id, batchId, req.dialerId, now, expiresAt);

    const numbers: LeasedNumber[] = [];
    // each phase leases what it picked before the next looks; one that lost numbers to another desk asks again
    const phase = async (pick: (want: number) => Promise<LeasedNumber[]>) => {
      for (let round = 0; round < PICK_ROUNDS && numbers.length < req.size; round++) {
        const picked = await pick(req.size - numbers.length);
        const got = await lease(picked);
        numbers.push(...got);
        if (got.length === picked.length) return;
      }
    };
    await phase(async (want) =>
      (await dueCallbacks(tx, rules, want)).map((c) => ({
        numberId: c.numberId,
        phone: c.phone,
        kind: 'callback' as const,
        callback: {
          callbackId: c.callbackId,
          dueAt: c.dueAt,
          agent: c.agentId === null ? null : { id: c.agentId, name: c.agentName ?? '', extension: c.agentExtension ?? '' },
        },
      })),
    );
    await phase(async (want) => (await dueRecycled(tx, rules, want)).map((n) => ({ ...n, kind: 'recycled' as const })));
    await phase(async (want) =>
      (await freshNumbers(tx, db, rules, want, site.callCooldownDays)).map((n) => ({ ...n, kind: 'fresh' as const })),
    );
    if (numbers.length === 0) {
      // the pool as this scan saw it: the console shows pool_exhausted until it grows
      const exhausted: NextBatch = { ...empty, blocked: { reason: 'pool_exhausted', nextOpenAt: null } };
      return { result: exhausted, maxId: await maxNumberId(tx) };
    }
    const leased: NextBatch = { company, batchId, leaseExpiresAt: expiresAt, numbers, blocked: null, routing };
    return { result: leased, maxId: 0 };
  });
  // what the scan found, for the console's live blocked reason (state.ts); the company-level rules it reads afresh
  if (result.blocked === null || result.blocked.reason === 'pool_exhausted') {
    sawLeaseScan(core, result.company.id, result.blocked !== null, maxId);
  }
  dialerRegistry(core).sawBatch(result.company.id, req.dialerId, req.address ?? 'local', result.numbers.length);
  return result;
}

/**
 * How often a phase asks again when its upsert kept another desk's lease. On PostgreSQL a candidate
 * query skips the numbers other desks' leases hold (claimRows), but one that commits between this
 * statement's snapshot and its reaching the row is neither held nor seen: its lease wins, and the
 * numbers it took are asked for again (the next statement sees that lease). On SQLite nothing is lost.
 * A round that loses nothing, or finds nothing, ends the phase, so more rounds cost only under such a
 * race: with two companies' desks walking the same free numbers in step, 3 rounds once lost all three
 * and a batch of 100 came back pool_exhausted with most of the pool free (leasing-desks.test.ts, in CI).
 */
const PICK_ROUNDS = 10;
/**
 * Leases a statement. On SQLite a statement costs microseconds and 50 rows is where its prepared
 * inserts were tuned. On PostgreSQL each statement is a round trip (1.5-2 ms on a loaded machine), so a
 * batch goes in one, its numbers and callbacks as two arrays: one text for every batch size, planned
 * once, instead of a VALUES list of 3,500 parameters parsed and planned for each size.
 */
const SQLITE_LEASES_PER_INSERT = 50;
// an expired lease is no lease: the row is taken over in place
const TAKE_OVER_EXPIRED = `
  on conflict (number_id) do update set company_id = excluded.company_id, batch_id = excluded.batch_id,
    dialer_id = excluded.dialer_id, leased_at = excluded.leased_at, expires_at = excluded.expires_at,
    callback_id = excluded.callback_id
  where leases.expires_at <= excluded.leased_at`;
const LEASE_COLUMNS = 'leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at, callback_id)';
const leaseSql = (rows: number) => `insert into ${LEASE_COLUMNS}
  values ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')} ${TAKE_OVER_EXPIRED}`;
const LEASE_ARRAYS_SQL = `insert into ${LEASE_COLUMNS}
  select u.number_id, ?::bigint, ?::text, ?::text, ?::bigint, ?::bigint, u.callback_id
  from unnest(?::bigint[], ?::bigint[]) as u(number_id, callback_id) ${TAKE_OVER_EXPIRED}`;

/** Many leases a statement (the statement, not the row, is most of an insert's cost). */
async function insertLeases(
  q: Queries,
  picked: LeasedNumber[],
  companyId: number,
  batchId: string,
  dialerId: string,
  now: number,
  expiresAt: number,
): Promise<LeasedNumber[]> {
  if (picked.length === 0) return [];
  let written = 0;
  if (q.engine === 'postgres') {
    const ids = picked.map((n) => n.numberId);
    const callbacks = picked.map((n) => n.callback?.callbackId ?? null);
    written = await q.run(LEASE_ARRAYS_SQL, [companyId, batchId, dialerId, now, expiresAt, ids, callbacks]);
  } else {
    for (let i = 0; i < picked.length; i += SQLITE_LEASES_PER_INSERT) {
      const part = picked.slice(i, i + SQLITE_LEASES_PER_INSERT);
      const args: (string | number | null)[] = [];
      for (const n of part) args.push(n.numberId, companyId, batchId, dialerId, now, expiresAt, n.callback?.callbackId ?? null);
      written += await q.run(leaseSql(part.length), args);
    }
  }
  if (written === picked.length) return picked;
  // a live lease appeared under us (another process on the file): hand out only what is ours
  const byBatch = q.engine === 'sqlite' ? 'indexed by leases_batch' : '';
  const ours = new Set(await q.column<number>(`select number_id from leases ${byBatch} where batch_id = ?`, [batchId]));
  return picked.filter((n) => ours.has(n.numberId));
}
