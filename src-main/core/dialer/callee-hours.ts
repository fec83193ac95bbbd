import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { AmbiguousZones } from '../db/schema';
import { addDays, localTime } from '../schedule/local-time';
import { openStateOf, scheduleOf, type LoadedSchedule } from '../schedule/open';

/**
 * Callee-local hours (DESIGN.md §8): which of the pool's time-zone answers (phone_zones) are inside
 * the company's calling window on their own clock now. The lease query takes the answer as a list of
 * zone ids, so no number is looked up at lease time.
 *
 * A zone's answer holds until its window opens or closes (openStateOf says when), so it is kept until
 * then, per company and per version of its schedule: a lease costs a few map lookups, not a clock
 * reading per zone.
 */
interface ZoneRow {
  id: number;
  zones: string[];
}
interface CompanyZones {
  schedule: string;
  verdicts: Map<string, { open: boolean; until: number }>;
}

const rowsByDb = new WeakMap<Db, { count: number; rows: ZoneRow[] }>();
const companiesByDb = new WeakMap<Db, Map<number, CompanyZones>>();

async function zoneRows(q: Queries, db: Db): Promise<ZoneRow[]> {
  // rows are only ever added, so their count says whether ours are all of them
  const count = Number(await q.value<number>('select count(*) from phone_zones'));
  const cached = rowsByDb.get(db);
  if (cached && cached.count === count) return cached.rows;
  const rows = (await q.all<{ id: number; zones: string }>('select id, zones from phone_zones order by id')).map((r) => ({
    id: r.id,
    zones: r.zones.split('&'),
  }));
  rowsByDb.set(db, { count, rows });
  return rows;
}

/**
 * The ids of the zone answers inside the company's window now. A number with several zones follows
 * `ambiguous`: open only where every one of its zones is ('strictest'), or on the company's own clock
 * ('company', which the company-level check has already found open). `db` keys the caches; the zones
 * and the schedule are read through `q`.
 */
export async function openZoneIds(
  q: Queries,
  db: Db,
  company: { id: number; timezone: string },
  ambiguous: AmbiguousZones,
  now: number,
): Promise<number[]> {
  const schedule = await scheduleOf(q, company.id, addDays(localTime(now, company.timezone).date, -2));
  const fingerprint = JSON.stringify([schedule.week, [...schedule.exceptions]]);
  let companies = companiesByDb.get(db);
  if (!companies) companiesByDb.set(db, (companies = new Map()));
  let mine = companies.get(company.id);
  if (!mine || mine.schedule !== fingerprint) companies.set(company.id, (mine = { schedule: fingerprint, verdicts: new Map() }));
  const verdicts = mine.verdicts;
  const isOpen = (zone: string): boolean => {
    const known = verdicts.get(zone);
    if (known && now < known.until) return known.open;
    const verdict = judge(schedule, zone, now);
    verdicts.set(zone, verdict);
    return verdict.open;
  };
  const open: number[] = [];
  for (const row of await zoneRows(q, db)) {
    if (row.zones.length === 1 ? isOpen(row.zones[0]) : ambiguous === 'company' || row.zones.every(isOpen)) open.push(row.id);
  }
  return open;
}

function judge(schedule: LoadedSchedule, zone: string, now: number): { open: boolean; until: number } {
  try {
    const state = openStateOf(schedule, zone, now);
    return state.open ? { open: true, until: state.closesAt ?? Infinity } : { open: false, until: state.nextOpenAt ?? Infinity };
  } catch {
    // a zone this runtime's time-zone data does not know: the company's own hours decide, as for an unzoned number
    return { open: true, until: Infinity };
  }
}
