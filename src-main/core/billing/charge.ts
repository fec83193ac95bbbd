import { isBillable, type CallStatus } from '../../../src-shared/statuses';
import type { CompanyRow } from '../db/schema';

type Pricing = Pick<CompanyRow, 'billing_mode' | 'cost_per_billable' | 'cost_per_minute'>;

/**
 * What one result costs: nothing unless billable; per_call a fixed price; per_minute the price of
 * every started minute (61 s is two minutes, 0 s is none).
 */
export function chargeFor(company: Pricing, status: CallStatus, durationS: number): number {
  if (!isBillable(status)) return 0;
  if (company.billing_mode === 'per_minute') return company.cost_per_minute * Math.ceil(durationS / 60);
  return company.cost_per_billable;
}

/** What the wallet must hold before a dialer gets numbers: one billable call (per_minute: one minute). */
export function costOfOneCall(company: Pricing): number {
  return company.billing_mode === 'per_minute' ? company.cost_per_minute : company.cost_per_billable;
}
