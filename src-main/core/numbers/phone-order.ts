/**
 * Writes a read list in phone order, in short transactions with the event loop free between them.
 *
 * Why: numbers.phone is a unique index, and a supplier's list is in no useful order. Written in file
 * order, every 2,000-row transaction lands on ~2,000 different leaves of that index, and each commit
 * writes all of them to the WAL (and a checkpoint back): measured on a 1M pool, a 1M-row list took
 * 22 s of CPU in 2,000-row transactions against 10 s for one transaction. In phone order a
 * transaction's rows sit on a few dozen neighbouring leaves: 8 s. New numbers therefore get their
 * ids in phone order, not file order (a list that fits one transaction keeps its file order).
 *
 * The list is held as numbers in a typed array (an E.164 phone is at most 15 digits: exact in a
 * double), not as a million strings: those survived young collections into the old generation, and
 * the collector's work landed in the dialers' requests (report-results of 100 at 30-45 ms of CPU
 * instead of ~10 during an import). Sorting it whole would hold the thread for most of a second, so it
 * is partitioned into ~4,000-number buckets by splitters sampled from it (in slices), and each bucket
 * is sorted on its own (well under a millisecond). For same-length phones numeric order is the
 * index's order; anything not plain E.164 is kept as text and written last.
 */
const SLICE_ROWS = 2000;
const SLICE_MS = 10;
const WRITE_MS = 6;
const BUCKET_ROWS = 4000;
const SAMPLE = 8192;
const E164 = /^\+[1-9]\d{0,14}$/;

/** A list of phones as read, compactly. */
export class PhoneList {
  private values = new Float64Array(1 << 14);
  private count = 0;
  /** phones that are not plain E.164 digits, kept as they are */
  readonly odd: string[] = [];

  push(phone: string): void {
    if (!E164.test(phone)) {
      this.odd.push(phone);
      return;
    }
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = Number(phone.slice(1));
  }

  get length(): number {
    return this.count + this.odd.length;
  }

  /** the E.164 phones, in the order they were pushed */
  digits(): Float64Array {
    return this.values.subarray(0, this.count);
  }
}

const decode = (value: number) => `+${value}`;

export async function writeInPhoneOrder(
  list: PhoneList,
  /** one short transaction; awaited, so the next starts once it has committed */
  write: (phones: string[]) => void | Promise<void>,
  progress: (written: number) => void,
  /** awaited between two writes: a writer that can wait asks the checkpointer for room */
  betweenWrites: () => Promise<void> = async () => undefined,
): Promise<void> {
  const values = list.digits();
  let written = 0;
  // each transaction sized to take about WRITE_MS, however fast this machine and this pool are:
  // the dialers' requests queue behind it, so its length adds straight to their waits
  let rows = 500;
  const writeRun = async (phones: (i: number) => string, length: number) => {
    for (let i = 0; i < length;) {
      const part: string[] = [];
      for (let j = i; j < Math.min(length, i + rows); j++) part.push(phones(j));
      const started = performance.now();
      await write(part);
      const ms = performance.now() - started;
      rows = Math.min(SLICE_ROWS, Math.max(100, Math.round((rows * WRITE_MS) / Math.max(ms, 0.5))));
      i += part.length;
      written += part.length;
      progress(written);
      await yieldToLoop();
      await betweenWrites();
    }
  };

  if (list.length <= SLICE_ROWS) {
    const phones = [...Array.from(values, decode), ...list.odd];
    if (phones.length) await write(phones);
    progress(phones.length);
    return;
  }

  const splitters = pickSplitters(values, Math.ceil(values.length / BUCKET_ROWS));
  const bucketOfEach = new Uint32Array(values.length);
  const starts = new Uint32Array(splitters.length + 2);
  let sliceStart = performance.now();
  const due = (i: number) => (i & 4095) === 4095 && performance.now() - sliceStart > SLICE_MS;
  for (let i = 0; i < values.length; i++) {
    const b = bucketOf(splitters, values[i]);
    bucketOfEach[i] = b;
    starts[b + 1]++;
    if (due(i)) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const ordered = new Float64Array(values.length);
  const next = starts.slice(0, -1);
  for (let i = 0; i < values.length; i++) {
    ordered[next[bucketOfEach[i]]++] = values[i];
    if (due(i)) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
  for (let b = 0; b + 1 < starts.length; b++) {
    const bucket = ordered.subarray(starts[b], starts[b + 1]);
    bucket.sort();
    await writeRun((i) => decode(bucket[i]), bucket.length);
  }
  const odd = [...list.odd].sort();
  await writeRun((i) => odd[i], odd.length);
}

function pickSplitters(values: Float64Array, buckets: number): Float64Array {
  const step = Math.max(1, Math.floor(values.length / SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(values[i]);
  sample.sort((a, b) => a - b);
  const splitters: number[] = [];
  for (let b = 1; b < buckets; b++) {
    const s = sample[Math.floor((b * sample.length) / buckets)];
    if (s !== splitters[splitters.length - 1]) splitters.push(s);
  }
  return Float64Array.from(splitters);
}

/** the first bucket whose splitter is above the value */
function bucketOf(splitters: Float64Array, value: number): number {
  let lo = 0;
  let hi = splitters.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (splitters[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
