/** A min-heap of (key, id) pairs in growable typed arrays: the generator keeps millions of them. */
export class MinHeap {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024);
  size = 0;

  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, id, this.keys[parent], this.ids[parent])) break;
      this.keys[i] = this.keys[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.ids[i] = id;
  }

  peekKey(): number {
    return this.size ? this.keys[0] : Infinity;
  }

  peekId(): number {
    return this.ids[0];
  }

  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const key = this.keys[last];
    const id = this.ids[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.less(this.keys[child + 1], this.ids[child + 1], this.keys[child], this.ids[child])) child++;
      if (!this.less(this.keys[child], this.ids[child], key, id)) break;
      this.keys[i] = this.keys[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.keys[i] = key;
    this.ids[i] = id;
  }

  private less(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka < kb || (ka === kb && ia < ib);
  }
}
