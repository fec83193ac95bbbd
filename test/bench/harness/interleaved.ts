import type { BenchContext } from '../context';
import type { CompanyInfo } from '../generate';
import { JsonClient } from './http';
import { nowMs } from './stats';

export const SIZE = 500;
/** live batches kept per company, as if ten dialers each held one */
const LIVE_BATCHES = 10;

/** One company's dialer in an interleaved run: its timings, its live batches, and what it was given. */
export interface Dialing {
  company: CompanyInfo;
  client: JsonClient;
  samples: number[];
  /** batch ids still leased, oldest first */
  live: string[];
  byBatch: Map<string, number[]>;
  leased: Set<number>;
  /** numbers leased by kind (fresh, recycled, callback) */
  kinds: Record<string, number>;
  /** batches that came back short of SIZE */
  short: number;
}

export function dialingFor(ctx: BenchContext, company: CompanyInfo): Dialing {
  return { company, client: ctx.client(company.slug), samples: [], live: [], byBatch: new Map(), leased: new Set(), kinds: {}, short: 0 };
}

/**
 * next-batch of SIZE for each company in turn, then the bare SELECT … LIMIT SIZE, then the bare lease
 * (that SELECT and SIZE lease rows in one transaction, released untimed), request by request, so
 * machine noise hits them alike. Ten batches stay leased per company (the oldest is released,
 * untimed) so each request leases past other dialers' live leases; a number handed out twice while
 * leased stops the run. Answers the bare server's samples; each dialing keeps its own.
 */
export async function interleavedLeases(ctx: BenchContext, dialings: Dialing[], iterations: number, tag: string): Promise<Baselines> {
  const bare = new JsonClient(ctx.bare.url);
  const bareSamples: number[] = [];
  const floorSamples: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      for (const d of dialings) {
        const t = nowMs();
        await lease(d, `${tag}-${i % LIVE_BATCHES}`);
        d.samples.push(nowMs() - t);
        if (d.live.length > LIVE_BATCHES) await release(d, d.live.shift()!);
      }
      const t = nowMs();
      await bare.ok('GET', `/bare/numbers?size=${SIZE}`);
      bareSamples.push(nowMs() - t);
      const f = nowMs();
      const floor = await bare.ok<{ batch_id: string }>('GET', `/bare/lease?size=${SIZE}`);
      floorSamples.push(nowMs() - f);
      await bare.ok('POST', '/bare/release', { batch_id: floor.batch_id });
    }
  } finally {
    bare.close();
    for (const d of dialings) while (d.live.length) await release(d, d.live.shift()!);
  }
  return { select: bareSamples, leaseFloor: floorSamples };
}

/** What the bare server answered in the same rounds: its plain SELECT, and the SELECT plus lease rows. */
export interface Baselines {
  select: number[];
  /** the SELECT (skipping live leases) and SIZE lease rows written in one IMMEDIATE transaction */
  leaseFloor: number[];
}

/** one next-batch of SIZE, checked against what this dialing holds */
export async function lease(d: Dialing, dialer: string): Promise<void> {
  const answer = await d.client.ok<{ batch_id: string | null; numbers: { number_id: number; kind: string }[] }>(
    'GET',
    `/api/v1/dialer/next-batch?company=${d.company.slug}&size=${SIZE}&dialer=${dialer}`,
  );
  if (answer.numbers.length < SIZE) d.short++;
  for (const n of answer.numbers) {
    if (d.leased.has(n.number_id)) throw new Error(`number ${n.number_id} leased twice to ${d.company.slug} while live`);
    d.leased.add(n.number_id);
    d.kinds[n.kind] = (d.kinds[n.kind] ?? 0) + 1;
  }
  if (answer.batch_id) {
    d.live.push(answer.batch_id);
    d.byBatch.set(
      answer.batch_id,
      answer.numbers.map((n) => n.number_id),
    );
  }
}

async function release(d: Dialing, batchId: string): Promise<void> {
  await d.client.ok('POST', '/api/v1/dialer/release', { company: d.company.slug, batch_id: batchId });
  for (const id of d.byBatch.get(batchId) ?? []) d.leased.delete(id);
  d.byBatch.delete(batchId);
}
