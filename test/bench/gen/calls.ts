import { isBillable, type CallStatus } from '../../../src-shared/statuses';
import type { CompanySetup } from './history';
import { Rng, Weighted } from './random';

/** What an event of the history is. */
export const FIRST = 0; // the company dials a number for the first time
export const FAILED = 1; // a technical failure: the number goes back to the pool
export const CALLBACK = 2; // the company calls a number it dialed before
export const INBOUND = 3; // someone the company called calls in

export const repeatKind = new Weighted<number>([
  [FAILED, 20],
  [CALLBACK, 60],
  [INBOUND, 20],
]);

const firstCallMix = new Weighted<CallStatus>([
  ['NO_ANSWER', 36],
  ['BUSY', 8],
  ['ANSWERED', 18],
  ['NOT_INTERESTED', 15],
  ['INTERESTED', 5],
  ['CALLBACK', 7],
  ['HANGUP', 9.9],
  ['POWER_OFF', 0.8],
  ['INVALID', 0.3],
]);
const callbackMix = new Weighted<CallStatus>([
  ['ANSWERED', 40],
  ['NOT_INTERESTED', 20],
  ['INTERESTED', 12],
  ['CALLBACK', 8],
  ['HANGUP', 9.5],
  ['NO_ANSWER', 10],
  ['COMPLAINED', 0.5],
]);

let hashes: string[] | null = null;
/** request hashes look like the real ones (64 hex digits); 4,096 distinct ones are plenty */
function requestHash(rng: Rng, n: number): string {
  hashes ??= Array.from({ length: 4096 }, () =>
    Array.from({ length: 8 }, () =>
      Math.floor(rng.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join(''),
  );
  return hashes[n & 4095];
}

/**
 * Fills row[4..18] of a call_results row (scenario_id .. created_at) for an event of `kind`:
 * status, duration and charge by the company's billing mode, recording, captured lead data.
 */
export function describeCall(
  rng: Rng,
  c: CompanySetup,
  kind: number,
  resultId: number,
  t: number,
  row: unknown[],
): { status: CallStatus; amount: number } {
  const status: CallStatus =
    kind === FIRST ? firstCallMix.draw(rng) : kind === CALLBACK ? callbackMix.draw(rng) : kind === FAILED ? 'FAILED' : 'INBOUND_CALL';
  const billable = isBillable(status);
  const duration =
    status === 'HANGUP'
      ? rng.between(1, 15)
      : billable
        ? Math.min(1800, 5 + Math.round(rng.exp(90)))
        : status === 'INBOUND_CALL'
          ? 20 + Math.round(rng.exp(120))
          : 0;
  const p = c.profile;
  const amount = !billable ? 0 : p.billingMode === 'per_call' ? p.costPerBillable : Math.max(1, Math.ceil(duration / 60)) * p.costPerMinute;
  const inbound = kind === INBOUND;
  const callId = `${Math.floor(t / 1000)}.${resultId}`;
  row[4] = inbound ? null : rng.next() < 0.6 ? c.scenarios[0] : rng.pick(c.scenarios);
  row[5] = inbound ? null : rng.pick(c.lines);
  row[6] = inbound ? rng.pick(c.inboundAgents) : billable ? rng.pick(c.outboundAgents) : null;
  row[7] = status;
  row[8] = inbound ? 'inbound' : 'outbound';
  row[9] = t;
  row[10] = duration;
  row[11] = callId;
  row[12] = requestHash(rng, resultId);
  row[13] = amount;
  row[14] = billable && !inbound ? `https://recordings.local/${p.slug}/${callId}.wav` : null;
  row[15] = status === 'INTERESTED' ? `{"lead":{"name":"Lead ${resultId}","product":"plan-${resultId % 3}"}}` : null;
  row[16] = inbound ? null : `dialer-${p.slug}-${1 + (resultId % 3)}`;
  row[17] = inbound ? null : `b-${p.slug}-${Math.floor(t / 900_000)}`;
  row[18] = t + duration * 1000 + 2000;
  return { status, amount };
}
