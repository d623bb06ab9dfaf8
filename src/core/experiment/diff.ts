/**
 * Two coresets side by side: how much they share (Jaccard overlap), which rows only one of them
 * kept, and how those differences fall across classes. Pure: the UI draws it, the CLI can print it.
 */

export interface SelectionDiff {
  sizeA: number;
  sizeB: number;
  /** Rows both kept. */
  both: number;
  union: number;
  /** |A ∩ B| / |A ∪ B|; 1 when both are empty (they agree). */
  jaccard: number;
  /** Rows only A kept, ascending. */
  onlyA: Int32Array;
  /** Rows only B kept, ascending. */
  onlyB: Int32Array;
  perClass: { onlyA: number[]; onlyB: number[]; both: number[] };
}

function sortedUnique(rows: ArrayLike<number>): Int32Array {
  const s = Int32Array.from(rows).sort();
  let w = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[w - 1]) s[w++] = s[i]!;
  return s.subarray(0, w);
}

/**
 * `labelOf(row)` gives a row's class (in [0, numClasses)); rows whose class is outside that range
 * are counted in the totals but not in the per-class bars.
 */
export function diffSelections(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  labelOf: (row: number) => number,
  numClasses: number,
): SelectionDiff {
  const sa = sortedUnique(a);
  const sb = sortedUnique(b);
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  const perClass = {
    onlyA: new Array<number>(numClasses).fill(0),
    onlyB: new Array<number>(numClasses).fill(0),
    both: new Array<number>(numClasses).fill(0),
  };
  const bump = (bars: number[], row: number) => {
    const c = labelOf(row);
    if (c >= 0 && c < numClasses) bars[c]!++;
  };
  let i = 0;
  let j = 0;
  let both = 0;
  // Merge of two ascending lists: one pass, no hash sets (coresets reach 60k rows).
  while (i < sa.length || j < sb.length) {
    const x = i < sa.length ? sa[i]! : Infinity;
    const y = j < sb.length ? sb[j]! : Infinity;
    if (x === y) {
      both++;
      bump(perClass.both, x);
      i++;
      j++;
    } else if (x < y) {
      onlyA.push(x);
      bump(perClass.onlyA, x);
      i++;
    } else {
      onlyB.push(y);
      bump(perClass.onlyB, y);
      j++;
    }
  }
  const union = both + onlyA.length + onlyB.length;
  return {
    sizeA: sa.length,
    sizeB: sb.length,
    both,
    union,
    jaccard: union === 0 ? 1 : both / union,
    onlyA: Int32Array.from(onlyA),
    onlyB: Int32Array.from(onlyB),
    perClass,
  };
}

/** A row → class lookup from runs that each stored the labels of the rows they kept. */
export function labelLookup(
  ...runs: { indices: ArrayLike<number>; labels: ArrayLike<number> }[]
): (row: number) => number {
  const map = new Map<number, number>();
  for (const r of runs) for (let i = 0; i < r.indices.length; i++) map.set(r.indices[i]!, r.labels[i]!);
  return (row) => map.get(row) ?? -1;
}
