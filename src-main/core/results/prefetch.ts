import type { GlobalStatus } from '../../../src-shared/statuses';
import { normalizePhone } from '../phone/phone';
import type { RecordContext } from './record-one';
import type { ResultReport } from './types';

/**
 * What a request's results read before they write, read for all of them at once: the earlier results
 * of their call_ids and their numbers with their leases. On PostgreSQL each statement is a round trip
 * (1.5-2 ms on a loaded machine) taken under the company's row lock, and these were two of the ~6 a
 * result sent; on SQLite a prepared point read costs microseconds, so it keeps reading one by one.
 *
 * A result that writes drops what it wrote from here (its call_id, its number by id and by phone), so
 * a later result of the same request with the same call_id or number reads the row as it is now, as
 * when every result read its own.
 */
export interface Prefetched {
  earlier: Map<string, Earlier | undefined>;
  byId: Map<number, LookedUp | undefined>;
  byPhone: Map<string, LookedUp | undefined>;
  /** the numbers read above, and those of them with a callback of the company's due by now (closeCallback) */
  callbacksChecked: Set<number>;
  callbacksDue: Set<number>;
}

export interface Earlier {
  id: number;
  request_hash: string;
  amount_charged: number;
  wallet_balance_after: number | null;
}

export interface PoolNumber {
  id: number;
  phone: string;
  global_status: GlobalStatus;
}

/** The number as the pool holds it, read with its lease row if it has one (one lookup, not two). */
export interface LookedUp extends PoolNumber {
  lease_company_id: number | null;
  lease_dialer_id: string | null;
  lease_leased_at: number | null;
  lease_expires_at: number | null;
  lease_callback_id: number | null;
}

const NUMBER_COLUMNS = `n.id, n.phone, n.global_status, l.company_id as lease_company_id, l.dialer_id as lease_dialer_id,
    l.leased_at as lease_leased_at, l.expires_at as lease_expires_at, l.callback_id as lease_callback_id
  from numbers n left join leases l on l.number_id = n.id`;
const NUMBER_WITH_LEASE = (by: 'id' | 'phone') => `select ${NUMBER_COLUMNS} where n.${by} = ?`;
const EARLIER = 'select id, request_hash, amount_charged, wallet_balance_after from call_results where company_id = ? and call_id = ?';

/** Reads the request's earlier results and numbers in three statements (PostgreSQL only; see above). */
export async function prefetch(ctx: RecordContext, reports: ResultReport[]): Promise<Prefetched | undefined> {
  const { q, company } = ctx;
  if (q.engine !== 'postgres' || reports.length < 2) return undefined;
  const callIds = [...new Set(reports.map((r) => r.callId))];
  const ids = [...new Set(reports.flatMap((r) => (r.numberId === undefined ? [] : [r.numberId])))];
  const phones = new Set<string>();
  for (const r of reports) {
    if (r.numberId !== undefined || r.phone === undefined) continue;
    const n = normalizePhone(r.phone, company.default_country);
    if (n.ok) phones.add(n.phone);
  }
  const found: Prefetched = {
    earlier: new Map(callIds.map((c) => [c, undefined])),
    byId: new Map(),
    byPhone: new Map(),
    callbacksChecked: new Set(),
    callbacksDue: new Set(),
  };
  const earlier = await q.all<Earlier & { call_id: string }>(
    'select call_id, id, request_hash, amount_charged, wallet_balance_after from call_results where company_id = ? and call_id = any(?::text[])',
    [company.id, callIds],
  );
  for (const { call_id, ...row } of earlier) found.earlier.set(call_id, row);
  const numbers = async (by: 'id' | 'phone', keys: unknown[], into: Map<unknown, LookedUp | undefined>) => {
    if (keys.length === 0) return;
    for (const k of keys) into.set(k, undefined);
    const cast = by === 'id' ? 'bigint' : 'text';
    for (const row of await q.all<LookedUp>(`select ${NUMBER_COLUMNS} where n.${by} = any(?::${cast}[])`, [keys])) into.set(row[by], row);
  };
  await numbers('id', ids, found.byId as Map<unknown, LookedUp | undefined>);
  await numbers('phone', [...phones], found.byPhone as Map<unknown, LookedUp | undefined>);
  for (const n of [...found.byId.values(), ...found.byPhone.values()]) if (n) found.callbacksChecked.add(n.id);
  if (found.callbacksChecked.size) {
    const due = await q.column<number>(
      "select number_id from callbacks where company_id = ? and state = 'pending' and due_at <= ? and number_id = any(?::bigint[])",
      [company.id, ctx.now, [...found.callbacksChecked]],
    );
    for (const id of due) found.callbacksDue.add(id);
  }
  return found;
}

export async function earlierResult(ctx: RecordContext, callId: string): Promise<Earlier | undefined> {
  const p = ctx.prefetched;
  if (p?.earlier.has(callId)) return p.earlier.get(callId);
  return ctx.q.get<Earlier>(EARLIER, [ctx.company.id, callId]);
}

export async function numberBy(ctx: RecordContext, by: 'id' | 'phone', key: number | string): Promise<LookedUp | undefined> {
  const known = by === 'id' ? ctx.prefetched?.byId : ctx.prefetched?.byPhone;
  if (known?.has(key as never)) return known.get(key as never);
  return ctx.q.get<LookedUp>(NUMBER_WITH_LEASE(by), [key]);
}

/** A result is about to write: what it touches is read afresh by any later result of the request. */
export function forgetTouched(ctx: RecordContext, callId: string, number: { id: number | null; phone: string } | null): void {
  const p = ctx.prefetched;
  if (!p) return;
  p.earlier.delete(callId);
  if (number === null) return;
  if (number.id !== null) p.byId.delete(number.id);
  p.byPhone.delete(number.phone);
}
