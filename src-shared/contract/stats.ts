import { z } from 'zod';
import type { CallStatus } from '../statuses';
import { channel } from './define';
import { Id } from './common';

/**
 * The dashboard: a matrix of calls by status per scenario, line or agent, and a time series, both
 * read from the 15-minute rollup (never from the call log), over a range of local dates in the
 * company's time zone.
 */

/** A calendar date in the company's time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(isRealDate, 'not a calendar date (or before 2000 / after 2199)');

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (y < 2000 || y > 2199) return false;
  const ms = Date.UTC(y, m - 1, d);
  return new Date(ms).toISOString().slice(0, 10) === value;
}

export const RANGE_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The longest custom range, in days, that the dashboard and the call log accept. */
export const MAX_RANGE_DAYS = 366;
/** Hourly series are limited to this many days (at most ~1,500 points). */
export const MAX_HOURLY_DAYS = 62;

/**
 * A range of whole local days: a preset (today, yesterday, the last 7 days including today, this month
 * up to and including today), or `from`..`to` inclusive. Resolved in the company's IANA time zone, so a
 * day may last 23 or 25 hours around a DST change.
 */
export const StatsRange = z.union([
  z.object({ preset: z.enum(RANGE_PRESETS) }).strict(),
  z
    .object({ from: LocalDate, to: LocalDate })
    .strict()
    .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] })
    .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
      message: `a range is at most ${MAX_RANGE_DAYS} days`,
      path: ['to'],
    }),
]);
export type StatsRangeInput = z.output<typeof StatsRange>;

/** Whole days from a to b (dates YYYY-MM-DD); 0 for the same day. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** What a range turned into: the local dates and the UTC instants [startAt, endAt). */
export interface ResolvedRange {
  from: string;
  to: string;
  timezone: string;
  startAt: string;
  /** exclusive */
  endAt: string;
}

export const STATS_GROUP_BY = ['scenario', 'line', 'agent'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

/**
 * Counts of one cell group. `outbound` is every status but INBOUND_CALL. `answerRate` is
 * billable / outbound (the share of dialed calls that reached a person: ANSWERED, INTERESTED,
 * NOT_INTERESTED, CALLBACK, HANGUP, COMPLAINED), null when nothing was dialed. FAILED counts as
 * dialed. `cost` is the amount charged, in the company's minor units.
 */
export interface StatsCounts {
  counts: Record<CallStatus, number>;
  total: number;
  billable: number;
  inbound: number;
  outbound: number;
  answerRate: number | null;
  cost: number;
  durationS: number;
}

export interface StatsRow extends StatsCounts {
  /** the scenario, line or agent id */
  id: number;
  /** its name; a line shows "name (phone)" */
  name: string;
}

export interface StatsMatrix {
  companyId: number;
  groupBy: StatsGroupBy;
  currency: string;
  range: ResolvedRange;
  /** the scenarios, lines or agents that had calls in the range, most calls first */
  rows: StatsRow[];
  /**
   * The calls that had no scenario, line or agent (null when there were none). Not a row among the
   * others: by agent, these are the calls no agent took (a dialer hands an agent only calls that were
   * answered), so they are no one's answer rate or talk time.
   */
  none: StatsCounts | null;
  /** every call of the range, with or without a scenario, line or agent */
  totals: StatsCounts;
}

export const STATS_GRANULARITIES = ['hour', 'day'] as const;
export type StatsGranularity = (typeof STATS_GRANULARITIES)[number];

export interface StatsBucket extends StatsCounts {
  /** UTC instant the bucket starts at */
  start: string;
  /** local date of the bucket, YYYY-MM-DD */
  date: string;
  /** local start time "HH:MM" (hour buckets); "00:00" for day buckets */
  time: string;
  /** the zone's UTC offset in minutes at the bucket's start (tells the two 02:00 hours of a DST night apart) */
  utcOffsetMinutes: number;
}

export interface StatsSeries {
  companyId: number;
  granularity: StatsGranularity;
  range: ResolvedRange;
  /** every hour or day of the range, in order, zero-filled */
  buckets: StatsBucket[];
}

export const StatsMatrixInput = z.object({ companyId: Id, range: StatsRange, groupBy: z.enum(STATS_GROUP_BY) }).strict();

export const StatsSeriesInput = z.object({ companyId: Id, range: StatsRange, granularity: z.enum(STATS_GRANULARITIES) }).strict();

export const statsChannels = {
  'stats.matrix': channel<StatsMatrix>()(StatsMatrixInput),
  'stats.series': channel<StatsSeries>()(StatsSeriesInput),
};
