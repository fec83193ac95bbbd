import { MAX_CALLBACK_DAYS, type CallbackCounts, type CallbackDto, type CallbackView } from '../../../src-shared/contract/lifecycle';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { CallbackState } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { badInput, conflict, notFound } from '../errors';
import { companyOf } from '../companies/companies';
import { CALLBACK_GRACE_MS } from '../dialer/lease-callbacks';
import { poolWritten } from '../dialer/pool-cache';
import { toIso } from '../time';

/**
 * The console's side of callbacks (DESIGN.md §8): a pending callback is upcoming until its time, due
 * (offered to the company's dialers first) for CALLBACK_GRACE_MINUTES after it, and missed after
 * that, waiting for a supervisor to move or cancel it. Results ask for them and close them
 * (results/lifecycle.ts); the lease hands them out (dialer/lease-callbacks.ts).
 */
interface CallbackRow {
  id: number;
  number_id: number;
  phone: string;
  due_at: number;
  agent_id: number | null;
  agent_name: string | null;
  agent_extension: string | null;
  state: CallbackState;
  created_at: number;
  updated_at: number;
  updated_by: string;
  leased: number;
}

const DAY_MS = 86_400_000;

function viewOf(r: { state: CallbackState; due_at: number }, now: number): CallbackView {
  if (r.state !== 'pending') return r.state;
  if (r.due_at > now) return 'upcoming';
  return r.due_at > now - CALLBACK_GRACE_MS ? 'due' : 'missed';
}

const toDto = (r: CallbackRow, now: number): CallbackDto => ({
  id: r.id,
  numberId: r.number_id,
  phone: r.phone,
  dueAt: toIso(r.due_at),
  agent: r.agent_id === null ? null : { id: r.agent_id, name: r.agent_name ?? '', extension: r.agent_extension ?? '' },
  state: r.state,
  view: viewOf(r, now),
  leasedNow: r.leased === 1,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
  updatedBy: r.updated_by,
});

// its one parameter: now
const SELECT = `
  select c.id, c.number_id, n.phone, c.due_at, c.agent_id, a.name as agent_name, a.extension as agent_extension, c.state,
    c.created_at, c.updated_at, c.updated_by,
    case when exists (select 1 from leases l where l.number_id = c.number_id and l.callback_id = c.id and l.expires_at > ?) then 1 else 0 end
      as leased
  from callbacks c join numbers n on n.id = c.number_id left join agents a on a.id = c.agent_id`;

/** each view's condition and order, and its parameters from now and the start of "missed" */
const VIEWS: Record<CallbackView, { sql: string; params: (now: number, missedBefore: number) => number[] }> = {
  due: { sql: "c.state = 'pending' and c.due_at <= ? and c.due_at > ? order by c.due_at, c.id", params: (now, missed) => [now, missed] },
  upcoming: { sql: "c.state = 'pending' and c.due_at > ? order by c.due_at, c.id", params: (now) => [now] },
  missed: { sql: "c.state = 'pending' and c.due_at <= ? order by c.due_at desc, c.id desc", params: (_now, missed) => [missed] },
  done: { sql: "c.state = 'done' order by c.updated_at desc, c.id desc", params: () => [] },
  cancelled: { sql: "c.state = 'cancelled' order by c.updated_at desc, c.id desc", params: () => [] },
};

export async function callbackCounts(q: Queries, companyId: number, now: number): Promise<CallbackCounts> {
  const missedBefore = now - CALLBACK_GRACE_MS;
  return (await q.get<CallbackCounts>(
    `select coalesce(sum(case when due_at <= ? and due_at > ? then 1 else 0 end), 0) as due,
       coalesce(sum(case when due_at > ? then 1 else 0 end), 0) as upcoming,
       coalesce(sum(case when due_at <= ? then 1 else 0 end), 0) as missed
     from callbacks where company_id = ? and state = 'pending'`,
    [now, missedBefore, now, missedBefore, companyId],
  ))!;
}

export async function listCallbacks(
  db: Db,
  input: { companyId: number; view: CallbackView; limit: number },
  now: number,
): Promise<{ callbacks: CallbackDto[]; counts: CallbackCounts }> {
  await companyOf(db, input.companyId);
  const view = VIEWS[input.view];
  const rows = await db.all<CallbackRow>(`${SELECT} where c.company_id = ? and ${view.sql} limit ?`, [
    now,
    input.companyId,
    ...view.params(now, now - CALLBACK_GRACE_MS),
    input.limit,
  ]);
  return { callbacks: rows.map((r) => toDto(r, now)), counts: await callbackCounts(db, input.companyId, now) };
}

async function pendingCallback(q: Queries, companyId: number, id: number, now: number): Promise<CallbackRow> {
  const row = await q.get<CallbackRow>(`${SELECT} where c.id = ? and c.company_id = ?`, [now, id, companyId]);
  if (!row) throw notFound(`callback ${id} does not exist in this company`);
  if (row.state !== 'pending') throw conflict(`callback ${id} is ${row.state} already; only a pending callback can be moved or cancelled`);
  return row;
}

/** Moves a pending callback (a missed one included) to another time to come, within 90 days. */
export async function moveCallback(
  db: Db,
  actor: Actor,
  input: { companyId: number; id: number; dueAt: string },
  now: number,
): Promise<CallbackDto> {
  const dueAt = Date.parse(input.dueAt);
  if (dueAt < now) throw badInput(`dueAt ${input.dueAt} is in the past; move a callback to a time to come`);
  if (dueAt > now + MAX_CALLBACK_DAYS * DAY_MS) throw badInput(`dueAt ${input.dueAt} is more than ${MAX_CALLBACK_DAYS} days ahead`);
  const row = await db.transaction(async (tx) => {
    const before = await pendingCallback(tx, input.companyId, input.id, now);
    await tx.run('update callbacks set due_at = ?, updated_at = ?, updated_by = ? where id = ?', [dueAt, now, actor.name, input.id]);
    await writeAudit(
      tx,
      actor,
      {
        companyId: input.companyId,
        entity: 'callback',
        entityId: input.id,
        action: 'move',
        before: { dueAt: toIso(before.due_at) },
        after: { dueAt: toIso(dueAt) },
      },
      now,
    );
    return pendingCallback(tx, input.companyId, input.id, now);
  });
  poolWritten(db, { poolGrew: true });
  return toDto(row, now);
}

export function cancelCallback(db: Db, actor: Actor, input: { companyId: number; id: number }, now: number): Promise<CallbackDto> {
  return db.transaction(async (tx) => {
    await pendingCallback(tx, input.companyId, input.id, now);
    await tx.run("update callbacks set state = 'cancelled', updated_at = ?, updated_by = ? where id = ?", [now, actor.name, input.id]);
    await writeAudit(tx, actor, { companyId: input.companyId, entity: 'callback', entityId: input.id, action: 'cancel' }, now);
    const row = (await tx.get<CallbackRow>(`${SELECT} where c.id = ?`, [now, input.id]))!;
    return toDto(row, now);
  });
}

export interface DueCallbacksOfCompany {
  companyId: number;
  /** due now and being offered to the company's dialers */
  due: number;
  /** past their grace and no longer dialed: a supervisor should move or cancel them */
  missed: number;
  /** the oldest due-or-missed callback's time (epoch ms), null when none */
  oldestDueAt: number | null;
}

/**
 * Per company with any, the callbacks that are due or missed now: what a "callbacks due" alert needs.
 * One grouped read of the pending index, cheap enough to run every few seconds.
 */
export function dueCallbacksByCompany(q: Queries, now: number): Promise<DueCallbacksOfCompany[]> {
  const missedBefore = now - CALLBACK_GRACE_MS;
  return q.all<DueCallbacksOfCompany>(
    `select company_id as "companyId", sum(case when due_at > ? then 1 else 0 end) as due,
       sum(case when due_at <= ? then 1 else 0 end) as missed, min(due_at) as "oldestDueAt"
     from callbacks where state = 'pending' and due_at <= ? group by company_id order by company_id`,
    [missedBefore, missedBefore, now],
  );
}
