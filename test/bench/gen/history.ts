import type { CallStatus } from '../../../src-shared/statuses';
import { MinHeap } from './heap';
import { DAY_MS, HOUR_MS, type CompanyProfile, type DatasetParams } from './params';
import { Rng, phoneAt } from './random';
import { describeCall, FAILED, FIRST, INBOUND, CALLBACK, repeatKind } from './calls';

/** What the history needs to know about a company that already exists in the file. */
export interface CompanySetup {
  id: number;
  profile: CompanyProfile;
  scenarios: number[];
  lines: number[];
  outboundAgents: number[];
  inboundAgents: number[];
  balance: number;
}

/** Where rows go. Arrays are reused between calls: copy nothing out of them. */
export interface HistoryWriter {
  /** id, company_id, number_id, phone, scenario_id, outbound_line_id, agent_id, status, direction, started_at,
   *  duration_s, call_id, request_hash, amount_charged, recording_url, data, dialer_id, batch_id, created_at */
  result(row: unknown[]): void;
  companyCall(companyId: number, numberId: number, at: number): void;
  /** company_id, amount, call_result_id, balance_after, created_at */
  charge(row: unknown[]): void;
  /** end of one simulated day: a good place to commit */
  dayDone(day: number): void;
}

/** Per-number state the numbers table is written from once the history is done. */
export interface PoolState {
  lastCalledAt: Float64Array; // 0 = never
  lastCompany: Int32Array;
  globalStatus: Uint8Array; // index into GLOBAL
}
export const GLOBAL = ['active', 'complained', 'power_off', 'invalid'] as const;
const GLOBAL_AFTER: Partial<Record<CallStatus, number>> = { COMPLAINED: 1, POWER_OFF: 2, INVALID: 3 };

const COOLDOWN_MS = 3 * DAY_MS;
const CALLBACK_WINDOW_DAYS = 14;
/** events of one day are sorted as (ms into the day) * 2^20 + index: exact in a double */
const INDEX_BITS = 1_048_576;

/** n spread over `days` so the parts sum to exactly n */
const share = (n: number, day: number, days: number) => Math.floor((n * (day + 1)) / days) - Math.floor((n * day) / days);

export interface HistoryTotals {
  results: number;
  charges: number;
  companyCalls: number[];
  frontier: number[];
  /** numbers below the frontier each company skipped and has not come back to yet */
  holes: number[];
}

/**
 * Simulates `days` of a site dialing its pool, all companies interleaved in time order, under the
 * dialing rules: a company calls each number once (company_calls) and takes the lowest id that is
 * active and nobody called in the last 3 days, coming back later to the ones it had to skip; FAILED
 * attempts return the number to the pool; callbacks and inbound calls come back to numbers already
 * dialed. So each company's dialed set is, as under an engine leasing in id order, a prefix of the
 * pool with a few holes.
 */
export function writeHistory(params: DatasetParams, companies: CompanySetup[], writer: HistoryWriter, pool: PoolState): HistoryTotals {
  const rng = new Rng(params.seed ^ 0x5eed);
  const start = Date.parse(params.anchor) - params.days * DAY_MS;
  const N = params.numbers;
  const K = companies.length;
  const pairs = companies.map((c) => Math.round(c.profile.dialedShare * N));
  const pairSum = pairs.reduce((a, b) => a + b, 0);
  const totalResults = companies.map((_, k) => Math.round((params.results * pairs[k]) / pairSum));
  const callbackWindow = pairs.map((p) => Math.max(1, Math.round((p * CALLBACK_WINDOW_DAYS) / params.days)));
  const frontier = new Array<number>(K).fill(0);
  const dialed = new Array<number>(K).fill(0);
  const dialedBits = companies.map(() => new Uint8Array((N >> 3) + 1));
  const hasDialed = (k: number, id: number) => (dialedBits[k][id >> 3] & (1 << (id & 7))) !== 0;
  const { lastCalledAt, lastCompany, globalStatus } = pool;

  // numbers a company skipped because someone called them in the last 3 days, by when they cool down
  const holes = companies.map(() => new MinHeap());
  const nextEligible = (k: number, t: number): number => {
    const heap = holes[k];
    while (heap.size && heap.peekKey() <= t) {
      const id = heap.peekId();
      heap.pop();
      if (globalStatus[id - 1] !== 0) continue; // dead for everyone
      if (lastCalledAt[id - 1] + COOLDOWN_MS <= t) return id;
      heap.push(lastCalledAt[id - 1] + COOLDOWN_MS, id); // called again meanwhile
    }
    while (frontier[k] < N) {
      const id = ++frontier[k];
      if (globalStatus[id - 1] !== 0) continue;
      if (lastCalledAt[id - 1] + COOLDOWN_MS <= t) return id;
      heap.push(lastCalledAt[id - 1] + COOLDOWN_MS, id);
    }
    return 0;
  };

  const row: unknown[] = new Array(19);
  const chargeRow: unknown[] = new Array(5);
  let resultId = 0;
  let charges = 0;

  for (let day = 0; day < params.days; day++) {
    const dayStart = start + day * DAY_MS;
    const counts = companies.map((_, k) => share(totalResults[k], day, params.days));
    const total = counts.reduce((a, b) => a + b, 0);
    const owners = new Uint8Array(total);
    const kinds = new Uint8Array(total);
    const keys = new Float64Array(total);
    let e = 0;
    for (let k = 0; k < K; k++) {
      const firsts = Math.min(counts[k], share(pairs[k], day, params.days));
      const offset = companies[k].profile.offsetMinutes * 60_000;
      for (let j = 0; j < counts[k]; j++, e++) {
        // call centers dial 08:00-20:00 local time
        let ms: number;
        do ms = Math.floor(rng.next() * DAY_MS);
        while (!workingHour(dayStart + ms + offset));
        owners[e] = k;
        kinds[e] = j < firsts ? FIRST : repeatKind.draw(rng);
        keys[e] = ms * INDEX_BITS + e;
      }
    }
    keys.sort();

    for (let i = 0; i < total; i++) {
      const e = keys[i] % INDEX_BITS;
      const t = dayStart + (keys[i] - e) / INDEX_BITS;
      const k = owners[e];
      const c = companies[k];
      let kind = kinds[e];
      let numberId = 0;
      if (kind === FIRST) {
        numberId = nextEligible(k, t);
        if (numberId === 0) kind = CALLBACK; // nothing left this company may dial
      }
      if (kind !== FIRST && kind !== FAILED && frontier[k] === 0) kind = FAILED;
      if (kind === FAILED) {
        // a failed attempt on a number about to be dialed: it went back to the pool
        numberId = Math.min(N, frontier[k] + 1 + rng.int(50));
      } else if (kind === CALLBACK) {
        numberId = Math.max(1, frontier[k] - rng.int(Math.min(callbackWindow[k], frontier[k])));
        // a hole was never dialed by this company; a dead number is dialed by nobody. Either may still call in.
        if (!hasDialed(k, numberId) || globalStatus[numberId - 1] !== 0) kind = INBOUND;
      } else if (kind === INBOUND) {
        numberId = 1 + rng.int(frontier[k]);
      }

      resultId++;
      const call = describeCall(rng, c, kind, resultId, t, row);
      row[0] = resultId;
      row[1] = c.id;
      row[2] = numberId;
      row[3] = phoneAt(numberId - 1);
      writer.result(row);

      if (kind === FIRST) {
        writer.companyCall(c.id, numberId, t);
        dialedBits[k][numberId >> 3] |= 1 << (numberId & 7);
        dialed[k]++;
      }
      if (kind !== INBOUND && kind !== FAILED) {
        lastCalledAt[numberId - 1] = t;
        lastCompany[numberId - 1] = c.id;
        globalStatus[numberId - 1] = GLOBAL_AFTER[call.status] ?? globalStatus[numberId - 1];
      }
      if (call.amount > 0) {
        c.balance -= call.amount;
        chargeRow[0] = c.id;
        chargeRow[1] = -call.amount;
        chargeRow[2] = resultId;
        chargeRow[3] = c.balance;
        chargeRow[4] = row[18];
        writer.charge(chargeRow);
        charges++;
      }
    }
    writer.dayDone(day);
  }
  return { results: resultId, charges, companyCalls: dialed, frontier, holes: holes.map((h) => h.size) };
}

function workingHour(localMs: number): boolean {
  const hour = (localMs % DAY_MS) / HOUR_MS;
  return hour >= 8 && hour < 20;
}
