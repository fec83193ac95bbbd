import { CALLS_COUNT_CAP, type CallFiltersParsed, type CallListItem, type CallsCount } from '../../../src-shared/contract/calls';
import type { Page } from '../../../src-shared/contract/common';
import { isBillable, type CallStatus } from '../../../src-shared/statuses';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { companyOf } from '../companies/companies';
import { badInput } from '../errors';
import { toIso } from '../time';
import { filterWhere } from './filters';

/** Columns of a call-log row: the result and the names of what it points at. */
export const ITEM_COLUMNS = `
  r.id, r.started_at, r.phone, r.number_id, r.status, r.direction, r.duration_s, r.amount_charged,
  r.scenario_id, s.key as scenario_key, s.name as scenario_name,
  r.outbound_line_id, l.name as line_name, l.phone as line_phone,
  r.agent_id, a.name as agent_name, r.call_id,
  case when r.recording_url is not null then 1 else 0 end as has_recording,
  case when r.transcript is not null and r.transcript <> '' then 1 else 0 end as has_transcript`;

export const ITEM_JOINS = `
  left join scenarios s on s.id = r.scenario_id
  left join outbound_lines l on l.id = r.outbound_line_id
  left join agents a on a.id = r.agent_id`;

export interface ItemRow {
  id: number;
  started_at: number;
  phone: string;
  number_id: number | null;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  duration_s: number;
  amount_charged: number;
  scenario_id: number | null;
  scenario_key: string | null;
  scenario_name: string | null;
  outbound_line_id: number | null;
  line_name: string | null;
  line_phone: string | null;
  agent_id: number | null;
  agent_name: string | null;
  call_id: string;
  has_recording: number;
  has_transcript: number;
}

export function toListItem(r: ItemRow): CallListItem {
  return {
    id: r.id,
    startedAt: toIso(r.started_at),
    phone: r.phone,
    numberId: r.number_id,
    status: r.status,
    direction: r.direction,
    billable: isBillable(r.status),
    durationS: r.duration_s,
    amountCharged: r.amount_charged,
    scenarioId: r.scenario_id,
    scenarioKey: r.scenario_key,
    scenarioName: r.scenario_name,
    outboundLineId: r.outbound_line_id,
    outboundLineName: r.line_name,
    outboundLinePhone: r.line_phone,
    agentId: r.agent_id,
    agentName: r.agent_name,
    callId: r.call_id,
    hasRecording: r.has_recording === 1,
    hasTranscript: r.has_transcript === 1,
  };
}

/** Where a page ended: the last row's (started_at, id). Opaque to the console. */
export interface Keyset {
  startedAt: number;
  id: number;
}

export const encodeCursor = (k: Keyset): string => Buffer.from(`${k.startedAt}.${k.id}`).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('cursor: not a cursor this list gave out; start again from the first page');
  return { startedAt: Number(m[1]), id: Number(m[2]) };
}

/**
 * One page of rows matching the filters, newest first, strictly after `after` in (started_at desc,
 * id desc) order. Equal start times are ordered by id, so paging never skips nor repeats a row. The
 * (company_id, started_at, id) index serves both the order and the keyset bound.
 */
export async function selectPage<R extends ItemRow = ItemRow>(
  q: Queries,
  f: CallFiltersParsed,
  timezone: string,
  after: Keyset | null,
  limit: number,
  /** more columns of `r` for callers that need them (", r.transcript") */
  extraColumns = '',
): Promise<R[]> {
  if (f.status && f.status.length > 1) {
    // one index walk per status, merged: a rare status never scans the whole log
    const pages: R[] = [];
    for (const status of f.status)
      pages.push(...(await selectPage<R>(q, { ...f, status: [status] }, timezone, after, limit, extraColumns)));
    return pages.sort((x, y) => y.started_at - x.started_at || y.id - x.id).slice(0, limit);
  }
  const where = await filterWhere(q, f, timezone);
  if (!where) return [];
  const keyset = after ? ' and (r.started_at, r.id) < (?, ?)' : '';
  // Without statistics SQLite walks the log index for a status filter too, reading every call's row
  // to test it (one agent's BUSY calls over 90 days of 10M results: 7 s). The status index is in log
  // order after (company_id, status) and carries the dimension ids (migration 0004): < 1 ms. A phone
  // filter is left to the planner: the number's own index is narrower still.
  const hint = statusHint(q, f);
  const sql = `select ${ITEM_COLUMNS}${extraColumns} from call_results r${hint} ${ITEM_JOINS}
    where ${where.sql}${keyset} order by r.started_at desc, r.id desc limit ?`;
  const params = after ? [...where.params, after.startedAt, after.id, limit] : [...where.params, limit];
  return q.all<R>(sql, params);
}

/** SQLite's hint for a one-status filter (see selectPage); PostgreSQL's planner has statistics. */
const statusHint = (q: Queries, f: CallFiltersParsed): string =>
  q.engine === 'sqlite' && f.status?.length === 1 && !f.phone ? ' indexed by call_results_status' : '';

/**
 * How many rows match the filters, counted up to CALLS_COUNT_CAP: beyond it the log says "more than",
 * since counting millions of rows would hold the thread that serves the port (a capped count walks
 * the same index as the page, ~10 ms per 100,000 rows).
 */
export async function countCalls(db: Db, f: CallFiltersParsed, cap = CALLS_COUNT_CAP): Promise<CallsCount> {
  const company = await companyOf(db, f.companyId);
  if (f.status && f.status.length > 1) {
    let total = 0;
    for (const status of f.status) {
      const one = await countCalls(db, { ...f, status: [status] }, cap);
      total += one.total;
      if (one.capped || total > cap) return { total: cap, capped: true };
    }
    return { total, capped: false };
  }
  const where = await filterWhere(db, f, company.timezone);
  if (!where) return { total: 0, capped: false };
  const hint = statusHint(db, f);
  // the subquery's name: PostgreSQL requires one
  const n = (await db.value<number>(`select count(*) from (select 1 from call_results r${hint} where ${where.sql} limit ?) as capped`, [
    ...where.params,
    cap + 1,
  ]))!;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

export async function listCalls(db: Db, input: CallFiltersParsed & { cursor?: string; limit: number }): Promise<Page<CallListItem>> {
  const company = await companyOf(db, input.companyId);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await selectPage(db, input, company.timezone, after, input.limit + 1);
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toListItem),
    next: more && last ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null,
  };
}
