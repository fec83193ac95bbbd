import { createHash } from 'node:crypto';
import type { BillingMode } from '../../../src-shared/contract/companies';

/** What a generated data set is made of. The same parameters always give the same file. */
export interface DatasetParams {
  numbers: number;
  companies: number;
  results: number;
  days: number;
  seed: number;
  /** the bench's "now": history ends here, and the bench core's clock starts here */
  anchor: string;
}

export const FULL: DatasetParams = {
  numbers: 1_000_000,
  companies: 10,
  results: 10_000_000,
  days: 90,
  seed: 20260302,
  anchor: '2026-03-02T10:00:00.000Z',
};

export const QUICK: DatasetParams = { ...FULL, numbers: 100_000, results: 1_000_000 };

/** Bumped whenever the generator's output changes, so stale caches are not reused. */
export const GENERATOR_VERSION = 5;

export function datasetKey(params: DatasetParams, migrations: string[]): string {
  const text = JSON.stringify({ params, version: GENERATOR_VERSION, migrations });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface CompanyProfile {
  slug: string;
  name: string;
  timezone: string;
  /** fixed UTC offset of that zone in minutes (all of these zones keep no daylight saving time) */
  offsetMinutes: number;
  billingMode: BillingMode;
  costPerBillable: number;
  costPerMinute: number;
  /** share of the pool this company has already dialed by the anchor */
  dialedShare: number;
}

const ZONES: readonly [string, number][] = [
  ['Asia/Tehran', 210],
  ['Asia/Dubai', 240],
  ['Europe/Istanbul', 180],
  ['Asia/Kolkata', 330],
  ['UTC', 0],
  ['Asia/Karachi', 300],
  ['America/Sao_Paulo', -180],
  ['Africa/Lagos', 60],
  ['Asia/Tokyo', 540],
  ['Asia/Baku', 240],
];

/**
 * The first company has dialed 90% of the pool (the case where a leasing scan that walks past what a
 * company already called gets slow); the second is new (5%); the rest sit in between.
 */
const SHARES = [0.9, 0.05, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3];

export const HEAVY_COMPANY = 0;
export const FRESH_COMPANY = 1;

export function companyProfiles(count: number): CompanyProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const [timezone, offsetMinutes] = ZONES[i % ZONES.length];
    const perMinute = i % 4 === 3;
    return {
      slug: `co${String(i + 1).padStart(2, '0')}`,
      name: `Company ${i + 1}`,
      timezone,
      offsetMinutes,
      billingMode: perMinute ? 'per_minute' : 'per_call',
      costPerBillable: perMinute ? 0 : 50 + 10 * i,
      costPerMinute: perMinute ? 20 + i : 0,
      dialedShare: SHARES[i % SHARES.length],
    };
  });
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
