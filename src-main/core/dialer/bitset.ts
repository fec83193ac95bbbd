/** A growable set of small non-negative integers (number ids), one bit each. */
export class Bitset {
  private words: Uint32Array;

  constructor(capacity = 1024) {
    this.words = new Uint32Array(Math.ceil((capacity + 1) / 32));
  }

  has(i: number): boolean {
    const w = i >>> 5;
    return w < this.words.length && (this.words[w] & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    const w = i >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    this.words[w] |= 1 << (i & 31);
  }

  delete(i: number): void {
    const w = i >>> 5;
    if (w < this.words.length) this.words[w] &= ~(1 << (i & 31));
  }

  /** Adds every member of `other`. */
  or(other: Bitset): this {
    if (other.words.length > this.words.length) this.grow(other.words.length);
    for (let w = 0; w < other.words.length; w++) this.words[w] |= other.words[w];
    return this;
  }

  /** Removes every member of `other`. */
  andNot(other: Bitset): this {
    const n = Math.min(this.words.length, other.words.length);
    for (let w = 0; w < n; w++) this.words[w] &= ~other.words[w];
    return this;
  }

  /**
   * Appends to `out` the ids in [from, to] that are in neither this set nor any of `others`, stopping
   * after `limit` ids; answers the last id looked at. Skips 32 ids a step where the sets are full.
   */
  collectAbsent(others: readonly Bitset[], from: number, to: number, limit: number, out: number[]): number {
    const a = this.words;
    const b = others[0]?.words ?? EMPTY;
    const c = others[1]?.words ?? EMPTY;
    let i = from;
    while (i <= to && out.length < limit) {
      const w = i >>> 5;
      const taken = (w < a.length ? a[w] : 0) | (w < b.length ? b[w] : 0) | (w < c.length ? c[w] : 0);
      let free = ~taken >>> 0;
      free &= (0xffffffff << (i & 31)) >>> 0; // ids below i in this word are behind us
      const wordEnd = (w << 5) + 31;
      if (to < wordEnd) free &= 0xffffffff >>> (31 - (to & 31)); // ids past `to`
      while (free !== 0 && out.length < limit) {
        const low = free & -free;
        const id = (w << 5) + (31 - Math.clz32(low));
        out.push(id);
        free = (free & ~low) >>> 0;
        i = id + 1;
      }
      if (out.length >= limit) return i - 1;
      i = wordEnd + 1;
    }
    return Math.min(i - 1, to);
  }

  private grow(minWords: number): void {
    const next = new Uint32Array(Math.max(minWords, this.words.length * 2));
    next.set(this.words);
    this.words = next;
  }
}

const EMPTY = new Uint32Array(0);
