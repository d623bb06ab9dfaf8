import { describe, expect, it } from 'vitest';
import { mergeTopK } from './topk';

/** Sorted lists of k per segment, as the GPU kernel writes them, from raw (key, index) pairs. */
function segmentLists(pairs: [number, number][], segLen: number, k: number): { v: number[]; i: number[] } {
  const v: number[] = [];
  const i: number[] = [];
  for (let s = 0; s < pairs.length; s += segLen) {
    const seg = pairs
      .slice(s, s + segLen)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, k);
    for (let q = 0; q < k; q++) {
      v.push(seg[q]?.[0] ?? -3.4e38);
      i.push(seg[q]?.[1] ?? -1);
    }
  }
  return { v, i };
}

describe('top-K merge of per-segment candidate lists', () => {
  it('keeps the best k of all segments, ties to the lower index', () => {
    const keys = [0.5, 0.9, 0.1, 0.9, 0.7, 0.3, 0.9, 0.2, 0.8, 0.6, 0.4];
    const pairs = keys.map((v, j) => [v, j] as [number, number]);
    const k = 4;
    const { v, i } = segmentLists(pairs, 3, k);
    const outV = new Float32Array(k);
    const outI = new Int32Array(k);
    mergeTopK(Float32Array.from(v), Int32Array.from(i), 1, v.length, k, outV, outI, 0);
    expect(Array.from(outI)).toEqual([1, 3, 6, 8]);
    expect(Array.from(outV)).toEqual(Array.from(Float32Array.from([0.9, 0.9, 0.9, 0.8])));
  });

  it('matches a full sort on random rows, writing at the block offset', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = 5;
    const n = 300;
    const k = 7;
    const perRow = Math.ceil(n / 32) * k;
    const candV: number[] = [];
    const candI: number[] = [];
    const want: number[][] = [];
    for (let r = 0; r < rows; r++) {
      // Coarse keys so ties happen.
      const pairs = Array.from({ length: n }, (_, j) => [Math.round(rnd() * 40) / 40, j] as [number, number]);
      const { v, i } = segmentLists(pairs, 32, k);
      candV.push(...v);
      candI.push(...i);
      want.push(
        [...pairs]
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, k)
          .map((p) => p[1]),
      );
    }
    const outV = new Float32Array((rows + 2) * k);
    const outI = new Int32Array((rows + 2) * k).fill(-7);
    mergeTopK(Float32Array.from(candV), Int32Array.from(candI), rows, perRow, k, outV, outI, 2);
    expect(Array.from(outI.subarray(0, 2 * k))).toEqual(new Array(2 * k).fill(-7));
    for (let r = 0; r < rows; r++)
      expect(Array.from(outI.subarray((r + 2) * k, (r + 3) * k))).toEqual(want[r]);
  });

  it('skips empty slots (−1) of short segments', () => {
    const outV = new Float32Array(2);
    const outI = new Int32Array(2);
    mergeTopK(
      Float32Array.from([0.3, -3.4e38, 0.5, 0.1]),
      Int32Array.from([4, -1, 9, 2]),
      1,
      4,
      2,
      outV,
      outI,
      0,
    );
    expect(Array.from(outI)).toEqual([9, 4]);
  });

  it('rejects a candidate count that is not whole lists', () => {
    expect(() =>
      mergeTopK(new Float32Array(5), new Int32Array(5), 1, 5, 2, new Float32Array(2), new Int32Array(2), 0),
    ).toThrow(/do not split into lists of 2/);
  });
});
