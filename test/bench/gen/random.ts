/**
 * A seeded PRNG (mulberry32) so the same parameters always generate the same data set, byte for byte,
 * whatever machine runs it. Math.random is never used by the generator.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** uniform integer in [lo, hi] */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** an exponential-ish duration: most calls short, a long tail */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** A weighted choice table built once, drawn many times. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];

  constructor(weights: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [item, weight] of weights) {
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= sum;
  }

  draw(rng: Rng): T {
    const u = rng.next();
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]) return this.items[i];
    return this.items[this.items.length - 1];
  }
}

/**
 * Iranian mobile numbers +98912xxxxxxx, valid for libphonenumber. Index i maps through a bijection of
 * [0, 10^7) so neighbouring ids get scattered phones (the unique index sees random inserts, as in life).
 * The pool uses indexes [0, numbers); the import CSV draws new phones from indexes above it.
 */
const PHONE_SPACE = 10_000_000;
export const MAX_PHONES = PHONE_SPACE;
export function phoneAt(index: number): string {
  const scrambled = (index * 5_764_801 + 1_234_567) % PHONE_SPACE; // 7^8 is coprime with 10^7
  return `+98912${String(scrambled).padStart(7, '0')}`;
}
