/**
 * The CPU half of the GPU kNN: each GPU thread returns the best k of one segment of columns,
 * sorted (key descending, index ascending on ties; index −1 marks an empty slot), and this merge
 * keeps the best k of all segments per row — the order core's knn uses (math/knn.ts: larger key
 * nearer, ties to the lower index).
 */

/** True when (va, ia) ranks before (vb, ib). */
function before(va: number, ia: number, vb: number, ib: number): boolean {
  return va > vb || (va === vb && ia < ib);
}

/**
 * For rows [0, rows) of the candidate block (`perRow` slots per row, in lists of `k` sorted
 * slots), writes the best k keys and indices of row r to outV / outI at (outRow + r)·k.
 * Returns nothing; rows with fewer than k valid candidates keep −1 / −Infinity in the tail.
 */
export function mergeTopK(
  candV: Float32Array,
  candI: Int32Array,
  rows: number,
  perRow: number,
  k: number,
  outV: Float32Array,
  outI: Int32Array,
  outRow: number,
): void {
  if (perRow % k !== 0) throw new RangeError(`${perRow} candidate slots do not split into lists of ${k}`);
  const bestV = new Float32Array(k);
  const bestI = new Int32Array(k);
  for (let r = 0; r < rows; r++) {
    bestV.fill(-Infinity);
    bestI.fill(-1);
    let filled = 0;
    const base = r * perRow;
    for (let s = 0; s < perRow; s += k) {
      for (let q = 0; q < k; q++) {
        const idx = candI[base + s + q]!;
        if (idx < 0) break;
        const v = candV[base + s + q]!;
        // A list is sorted: once one entry misses the bar, the rest of the list does too.
        if (filled === k && !before(v, idx, bestV[k - 1]!, bestI[k - 1]!)) break;
        let p = filled < k ? filled++ : k - 1;
        while (p > 0 && before(v, idx, bestV[p - 1]!, bestI[p - 1]!)) {
          bestV[p] = bestV[p - 1]!;
          bestI[p] = bestI[p - 1]!;
          p--;
        }
        bestV[p] = v;
        bestI[p] = idx;
      }
    }
    outV.set(bestV, (outRow + r) * k);
    outI.set(bestI, (outRow + r) * k);
  }
}
