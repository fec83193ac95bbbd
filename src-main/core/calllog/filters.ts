import type { CallFiltersParsed } from '../../../src-shared/contract/calls';
import { dialectOf, type Queries } from '../db/engine/queries';
import { badInput } from '../errors';
import { cleanPhone, phoneSearch } from '../phone/phone';
import { countryOf } from '../companies/companies';
import { inTexts, texts } from '../numbers/in-texts';
import { localDays } from '../stats/range';
import { addDays, startOfLocalDay } from '../time-zone';

/** How a phone filter is applied: one known number, a short list of numbers, a prefix, or nothing can match. */
export type PhoneMatch = { kind: 'numbers'; ids: number[] } | { kind: 'prefix'; low: string; high: string } | { kind: 'none' };

/** A prefix that matches more pool numbers than this is matched on the result's phone instead of by id. */
const MAX_PREFIX_NUMBERS = 500;

/**
 * What the phone box holds, read by the one phone module with the company's default country: a whole
 * number the pool knows → exactly that number (through the pool's unique phone index); anything else →
 * a prefix of the international form ("0912" → "+98912" with IR; "4917" → "+4917").
 */
export async function phoneMatch(q: Queries, raw: string, region?: string | null): Promise<PhoneMatch> {
  const typed = phoneSearch(raw, region);
  if (!typed) throw badInput('phone: type at least one digit');
  // "0912…" is a national number: without the company's country it would be searched as "+0912…" and find nothing
  if (!region && /^0(?!0)/.test(cleanPhone(raw))) {
    throw badInput(
      "phone: a number without its country code needs the company's default country (set it on the Companies page), or type it with its code, such as +98 912…",
    );
  }
  if (typed.exact) {
    // some plans (Germany's) have numbers of many lengths, so a "valid" number may still be meant as a prefix
    const row = await q.get<{ id: number }>('select id from numbers where phone = ?', [typed.exact]);
    if (row) return { kind: 'numbers', ids: [row.id] };
  }
  const low = typed.prefix;
  const high = low.slice(0, -1) + String.fromCharCode(low.charCodeAt(low.length - 1) + 1);
  const ids = await q.column<number>('select id from numbers where phone >= ? and phone < ? limit ?', [low, high, MAX_PREFIX_NUMBERS + 1]);
  if (ids.length === 0) return { kind: 'none' };
  if (ids.length <= MAX_PREFIX_NUMBERS) return { kind: 'numbers', ids };
  return { kind: 'prefix', low, high };
}

/** [start, end) of the filter's local dates; open ends stay open. */
export function dateBounds(f: Pick<CallFiltersParsed, 'from' | 'to'>, timezone: string): { start: number | null; end: number | null } {
  if (f.from && f.to) {
    const r = localDays(f.from, f.to, timezone);
    return { start: r.startMs, end: r.endMs };
  }
  return {
    start: f.from ? startOfLocalDay(f.from, timezone) : null,
    end: f.to ? startOfLocalDay(addDays(f.to, 1), timezone) : null,
  };
}

/** The WHERE clause of a filter set over `call_results r`, with its parameters; null when nothing can match. */
export interface ResultWhere {
  sql: string;
  params: unknown[];
}

export async function filterWhere(q: Queries, f: CallFiltersParsed, timezone: string): Promise<ResultWhere | null> {
  const parts = ['r.company_id = ?'];
  const params: unknown[] = [f.companyId];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const { start, end } = dateBounds(f, timezone);
  if (start !== null) add('r.started_at >= ?', start);
  if (end !== null) add('r.started_at < ?', end);
  // one status is an equality, so the (company_id, status, started_at) index serves it; a list as one
  // parameter keeps one cached statement whatever a longer list's length
  if (f.status?.length === 1) add('r.status = ?', f.status[0]);
  else if (f.status) add(inTexts(q, 'r.status'), texts(q, f.status));
  if (f.direction) add('r.direction = ?', f.direction);
  const dims = [
    ['r.scenario_id', f.scenarioId],
    ['r.outbound_line_id', f.outboundLineId],
    ['r.agent_id', f.agentId],
  ] as const;
  for (const [column, id] of dims) {
    if (id === undefined) continue;
    if (id === 0) add(`${column} is null`);
    else add(`${column} = ?`, id);
  }
  if (f.phone) {
    const match = await phoneMatch(q, f.phone, await countryOf(q, f.companyId));
    if (match.kind === 'none') return null;
    if (match.kind === 'prefix') add('r.phone >= ? and r.phone < ?', match.low, match.high);
    else if (match.ids.length === 1) add('r.number_id = ?', match.ids[0]);
    else add(dialectOf(q).inIds('r.number_id'), dialectOf(q).ids(match.ids));
  }
  return { sql: parts.join(' and '), params };
}
