import { randomUUID } from 'node:crypto';
import { prepare, transaction, type Db } from '../db/connection';
import type { CompanyRow } from '../db/schema';
import type { Core } from '../core';
import { getCompany } from '../companies/companies';
import { getSiteSettings } from '../settings/site';
import { companyScan, deadNumbers, noticeOtherWriters, sweepExpiredLeases, type CompanyScan } from './pool-cache';
import { companyBlock, routingOf, type Blocked, type Routing } from './rules';
import { dialerRegistry } from './registry';
import { sawLeaseScan } from './state';

export const DAY_MS = 86_400_000;
/** ids checked in SQL per round trip */
const CHUNK = 1024;
/** ids checked per request at most, so one request never holds the thread for long */
const BUDGET = 16 * 1024;
/**
 * After a full lap found nothing, answer pool_exhausted without scanning for this long, or until
 * the next lease expires, whichever is first. (A cooldown ending is noticed up to this late.)
 */
const EXHAUSTED_RECHECK_MS = 2_000;

export interface NextBatchRequest {
  companyId: number;
  size: number;
  dialerId: string;
  /** the dialer's address, for the console's live list */
  address?: string;
}

export interface LeasedNumber {
  numberId: number;
  phone: string;
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
 * Hands a dialer up to `size` numbers the rules allow, each under a lease that expires. The check
 * and the leases happen in one IMMEDIATE transaction, so two dialers asking at once (on this
 * thread, or another process on the same file) never get one number.
 */
export function nextBatch(core: Core, req: NextBatchRequest): NextBatch {
  const { db } = core;
  const now = core.clock();
  const site = getSiteSettings(db);
  const result = transaction(db, (): NextBatch => {
    noticeOtherWriters(db);
    sweepExpiredLeases(db, now);
    const company = getCompany(db, req.companyId);
    const routing = routingOf(db, company.id);
    const blocked = companyBlock(db, company, routing, now);
    const empty = { company, batchId: null, leaseExpiresAt: null, numbers: [], routing };
    if (blocked) return { ...empty, blocked };
    const picked = pickNumbers(db, companyScan(db, company.id), company.id, req.size, now, site.callCooldownDays);
    if (picked.length === 0) return { ...empty, blocked: { reason: 'pool_exhausted', nextOpenAt: null } };
    const batchId = randomUUID();
    const expiresAt = now + site.leaseMinutes * 60_000;
    const numbers = insertLeases(db, picked, company.id, batchId, req.dialerId, now, expiresAt);
    return { company, batchId, leaseExpiresAt: expiresAt, numbers, blocked: null, routing };
  });
  // what the scan found, for the console's live blocked reason (state.ts); the company-level rules it reads afresh
  if (result.blocked === null || result.blocked.reason === 'pool_exhausted') {
    sawLeaseScan(core, result.company.id, result.blocked !== null);
  }
  dialerRegistry(core).sawBatch(result.company.id, req.dialerId, req.address ?? 'local', result.numbers.length);
  return result;
}

const LEASES_PER_INSERT = 50;
// an expired lease is no lease: the row is taken over in place
const leaseSql = (rows: number) => `
  insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at)
  values ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}
  on conflict (number_id) do update set company_id = excluded.company_id, batch_id = excluded.batch_id,
    dialer_id = excluded.dialer_id, leased_at = excluded.leased_at, expires_at = excluded.expires_at
  where leases.expires_at <= excluded.leased_at`;

/** Many leases a statement (the statement, not the row, is most of an insert's cost). */
function insertLeases(
  db: Db,
  picked: LeasedNumber[],
  companyId: number,
  batchId: string,
  dialerId: string,
  now: number,
  expiresAt: number,
): LeasedNumber[] {
  let written = 0;
  for (let i = 0; i < picked.length; i += LEASES_PER_INSERT) {
    const part = picked.slice(i, i + LEASES_PER_INSERT);
    const args: (string | number)[] = [];
    for (const n of part) args.push(n.numberId, companyId, batchId, dialerId, now, expiresAt);
    written += prepare(db.sqlite, leaseSql(part.length)).run(...args).changes;
  }
  if (written === picked.length) return picked;
  // a live lease appeared under us (another process on the file): hand out only what is ours
  const ours = new Set(
    prepare(db.sqlite, 'select number_id from leases indexed by leases_batch where batch_id = ?').pluck().all(batchId) as number[],
  );
  return picked.filter((n) => ours.has(n.numberId));
}

// every number-level rule, in SQL: the bitsets only decide which ids are worth asking about.
// `+n.global_status` keeps the planner on the primary key (one lookup an id) rather than the
// status index plus a second lookup for the row.
const ELIGIBLE = `
  select n.id as numberId, n.phone from numbers n
  where n.id in (select value from json_each(?))
    and +n.global_status = 'active'
    and (n.last_called_at is null or n.last_called_at <= ?)
    and not exists (select 1 from leases l where l.number_id = n.id and l.expires_at > ?)
    and not exists (select 1 from company_calls c where c.company_id = ? and c.number_id = n.id)
  order by n.id`;

/**
 * Walks numbers.id from the company's cursor, wrapping around once, asking SQL only about ids the
 * company has not dialed and that are not dead. Numbers skipped for a cooldown or another company's
 * lease are met again on the next lap.
 */
function pickNumbers(db: Db, scan: CompanyScan, companyId: number, size: number, now: number, cooldownDays: number): LeasedNumber[] {
  const cooldownCutoff = now - cooldownDays * DAY_MS;
  const maxId = (prepare(db.sqlite, 'select max(id) from numbers').pluck().get() as number | null) ?? 0;
  if (maxId === 0) return [];
  if (scan.cached && now < scan.exhaustedUntil && scan.exhaustedMaxId === maxId && scan.exhaustedCutoffDays === cooldownDays) return [];
  const dead = deadNumbers(db);
  const eligible = prepare(db.sqlite, ELIGIBLE);
  const picked: LeasedNumber[] = [];
  const lapStart = scan.cursor + 1;
  let pos = lapStart;
  let wrapped = false;
  let lapDone = false;
  let examined = 0;
  // with the cache off every id goes to SQL, so the budget would stop a lap short of the numbers left
  const budget = scan.cached ? BUDGET : Infinity;
  while (picked.length < size && examined < budget) {
    const end = wrapped ? lapStart - 1 : maxId;
    if (pos > end) {
      if (wrapped) {
        lapDone = true;
        break;
      }
      wrapped = true;
      pos = 1;
      continue;
    }
    const ids: number[] = [];
    const want = Math.min(CHUNK, budget - examined, Math.max(64, (size - picked.length) * 2));
    const last = scan.dialed.collectAbsent(dead, pos, end, want, ids);
    examined += ids.length;
    const rows = ids.length ? (eligible.all(JSON.stringify(ids), cooldownCutoff, now, companyId) as LeasedNumber[]) : [];
    const need = size - picked.length;
    if (rows.length > need) {
      picked.push(...rows.slice(0, need));
      scan.cursor = rows[need - 1].numberId;
      break;
    }
    picked.push(...rows);
    scan.cursor = last;
    pos = last + 1;
  }
  if (scan.cached && lapDone && picked.length === 0) {
    const nextExpiry = prepare(db.sqlite, 'select min(expires_at) from leases where expires_at > ?').pluck().get(now) as number | null;
    scan.exhaustedUntil = Math.min(now + EXHAUSTED_RECHECK_MS, nextExpiry ?? Infinity);
    scan.exhaustedMaxId = maxId;
    scan.exhaustedCutoffDays = cooldownDays;
  } else scan.exhaustedUntil = 0;
  return picked;
}
