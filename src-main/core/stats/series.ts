import {
  MAX_HOURLY_DAYS,
  daysBetween,
  type StatsBucket,
  type StatsGranularity,
  type StatsRangeInput,
  type StatsSeries,
} from '../../../src-shared/contract/stats';
import type { Db } from '../db/connection';
import { companyOf } from '../companies/companies';
import { badInput } from '../errors';
import { toIso } from '../time';
import { addCounts, emptyCounts, finishCounts } from './counts';
import { resolveRange, toResolvedRange } from './range';
import { addDays, DAY_MS, HOUR_MS, isoDate, MINUTE_MS, offsetSegments, startOfLocalDay, type OffsetSegment } from '../time-zone';

interface KeyRow {
  k: number;
  status: string;
  calls: number;
  cost: number;
  duration_s: number;
}

/**
 * Calls per local hour or day, stacked by status, read from the dimensionless 15-minute rollup.
 * Within a stretch of constant UTC offset, local hour h and day d are plain arithmetic on the bucket
 * ((bucket + offset) / unit); a DST change splits the range into such stretches. A fall-back night
 * has two 02:00 hours (told apart by their offsets); a spring-forward night has no 02:00 at all.
 */
export async function statsSeries(
  db: Db,
  input: { companyId: number; range: StatsRangeInput; granularity: StatsGranularity },
  now: number,
): Promise<StatsSeries> {
  const company = await companyOf(db, input.companyId);
  const range = resolveRange(input.range, company.timezone, now);
  if (input.granularity === 'hour' && daysBetween(range.from, range.to) >= MAX_HOURLY_DAYS) {
    throw badInput(`an hourly chart covers at most ${MAX_HOURLY_DAYS} days; choose "day" for a longer range`);
  }
  const segments = offsetSegments(range.startMs, range.endMs, company.timezone);
  const buckets = input.granularity === 'hour' ? hourBuckets(segments) : dayBuckets(range.from, range.to, company.timezone, segments);

  const unit = input.granularity === 'hour' ? HOUR_MS : DAY_MS;
  for (const seg of segments) {
    const rows = await db.all<KeyRow>(
      `select cast((bucket + ?) / ? as integer) as k, status, sum(calls) as calls, sum(cost) as cost, sum(duration_s) as duration_s
       from call_stats_by_status where company_id = ? and bucket >= ? and bucket < ? group by k, status`,
      [seg.offset, unit, company.id, seg.start, seg.end],
    );
    for (const r of rows) {
      const key = input.granularity === 'hour' ? hourKey(r.k * HOUR_MS, seg.offset) : isoDate(r.k * DAY_MS);
      const bucket = buckets.get(key);
      // a key outside the zero-filled list would mean the two disagree about the zone: never drop calls silently
      if (!bucket) throw new Error(`stats series: no bucket for ${key}`);
      addCounts(bucket, r.status, r.calls, r.cost, r.duration_s);
    }
  }
  return {
    companyId: company.id,
    granularity: input.granularity,
    range: toResolvedRange(range),
    buckets: [...buckets.values()].map(finishCounts),
  };
}

const hourKey = (wall: number, offset: number) => `${wall}|${offset}`;

function bucket(start: number, wall: number, offset: number): StatsBucket {
  const iso = new Date(wall).toISOString();
  return {
    start: toIso(start),
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    utcOffsetMinutes: Math.round(offset / MINUTE_MS),
    ...emptyCounts(),
  };
}

function hourBuckets(segments: OffsetSegment[]): Map<string, StatsBucket> {
  const out = new Map<string, StatsBucket>();
  for (const seg of segments) {
    for (let wall = Math.floor((seg.start + seg.offset) / HOUR_MS) * HOUR_MS; wall < seg.end + seg.offset; wall += HOUR_MS) {
      out.set(hourKey(wall, seg.offset), bucket(Math.max(seg.start, wall - seg.offset), wall, seg.offset));
    }
  }
  return out;
}

function dayBuckets(from: string, to: string, tz: string, segments: OffsetSegment[]): Map<string, StatsBucket> {
  const out = new Map<string, StatsBucket>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const start = startOfLocalDay(date, tz);
    const seg = segments.find((s) => start >= s.start && start < s.end) ?? segments[0]!;
    out.set(date, bucket(start, Date.parse(`${date}T00:00:00Z`), seg.offset));
  }
  return out;
}
