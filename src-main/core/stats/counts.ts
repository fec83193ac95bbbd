import type { StatsCounts } from '../../../src-shared/contract/stats';
import { CALL_STATUSES, isBillable, type CallStatus } from '../../../src-shared/statuses';

const KNOWN = new Set<string>(CALL_STATUSES);

export function emptyCounts(): StatsCounts {
  return {
    counts: Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>,
    total: 0,
    billable: 0,
    inbound: 0,
    outbound: 0,
    answerRate: null,
    cost: 0,
    durationS: 0,
  };
}

/** Adds one rollup row's counters. Statuses the contract does not know are ignored, never guessed at. */
export function addCounts(c: StatsCounts, status: string, calls: number, cost: number, durationS: number): void {
  if (!KNOWN.has(status)) return;
  const s = status as CallStatus;
  c.counts[s] += calls;
  c.total += calls;
  if (isBillable(s)) c.billable += calls;
  if (s === 'INBOUND_CALL') c.inbound += calls;
  else c.outbound += calls;
  c.cost += cost;
  c.durationS += durationS;
}

/** answerRate = billable / outbound: the share of dialed calls that reached a person. */
export function finishCounts<T extends StatsCounts>(c: T): T {
  c.answerRate = c.outbound > 0 ? c.billable / c.outbound : null;
  return c;
}
