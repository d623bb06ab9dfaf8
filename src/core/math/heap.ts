/**
 * Binary max-heap of (key, id) pairs on typed arrays, for lazy greedy and top-k searches.
 * Order is total: larger key first, and on equal keys the smaller id first. That tie rule is
 * what lets lazy greedy return exactly the set naive greedy returns (naive keeps the lowest
 * index among equal gains).
 */
export class MaxHeap {
  private readonly keys: Float64Array;
  private readonly ids: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  /** Key of the top entry (-Infinity when empty). */
  peekKey(): number {
    return this.count > 0 ? this.keys[0]! : -Infinity;
  }

  /** Id of the top entry (-1 when empty). */
  peekId(): number {
    return this.count > 0 ? this.ids[0]! : -1;
  }

  push(id: number, key: number): void {
    if (this.count === this.keys.length) throw new RangeError(`heap full (capacity ${this.keys.length})`);
    const keys = this.keys;
    const ids = this.ids;
    let i = this.count++;
    // Sift up with a hole instead of swaps.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      const pi = ids[parent]!;
      if (pk > key || (pk === key && pi < id)) break;
      keys[i] = pk;
      ids[i] = pi;
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** Removes the top entry and returns its id (-1 when empty); its key was peekKey(). */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.ids[0]!;
    const last = --this.count;
    if (last > 0) this.siftDown(this.ids[last]!, this.keys[last]!);
    return top;
  }

  /** Replaces the top entry (cheaper than pop + push). */
  replaceTop(id: number, key: number): void {
    if (this.count === 0) this.push(id, key);
    else this.siftDown(id, key);
  }

  private siftDown(id: number, key: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const n = this.count;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let ck = keys[l]!;
      let ci = ids[l]!;
      const r = l + 1;
      if (r < n) {
        const rk = keys[r]!;
        const ri = ids[r]!;
        if (rk > ck || (rk === ck && ri < ci)) {
          c = r;
          ck = rk;
          ci = ri;
        }
      }
      if (key > ck || (key === ck && id < ci)) break;
      keys[i] = ck;
      ids[i] = ci;
      i = c;
    }
    keys[i] = key;
    ids[i] = id;
  }
}
