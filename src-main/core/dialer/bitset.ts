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

  /**
   * Appends to `out` the ids in [from, to] that are in neither this set nor `other`, stopping after
   * `limit` ids; answers the last id looked at. Skips 32 ids a step where both sets are full.
   */
  collectAbsent(other: Bitset, from: number, to: number, limit: number, out: number[]): number {
    let i = from;
    while (i <= to && out.length < limit) {
      const w = i >>> 5;
      const taken = (w < this.words.length ? this.words[w] : 0) | (w < other.words.length ? other.words[w] : 0);
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
