import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { diffSelections, labelLookup } from './diff';

describe('diffSelections', () => {
  const labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
  const labelOf = (r: number) => labels[r]!;

  it('counts the overlap, the rows only one side kept, and splits them by class', () => {
    const d = diffSelections([0, 1, 2, 3, 4], [3, 4, 5, 6], labelOf, 3);
    expect(d.both).toBe(2);
    expect(d.union).toBe(7);
    expect(d.jaccard).toBeCloseTo(2 / 7, 12);
    expect([...d.onlyA]).toEqual([0, 1, 2]);
    expect([...d.onlyB]).toEqual([5, 6]);
    expect(d.perClass.both).toEqual([1, 1, 0]); // rows 3 (class 0), 4 (class 1)
    expect(d.perClass.onlyA).toEqual([1, 1, 1]);
    expect(d.perClass.onlyB).toEqual([1, 0, 1]); // rows 6 (class 0), 5 (class 2)
  });

  it('is order-insensitive, ignores duplicates, and is symmetric in its overlap', () => {
    const ab = diffSelections([4, 1, 1, 9], [9, 2, 4], labelOf, 3);
    const ba = diffSelections([2, 4, 9], [1, 9, 4], labelOf, 3);
    expect(ab.sizeA).toBe(3);
    expect(ab.jaccard).toBe(ba.jaccard);
    expect([...ab.onlyA]).toEqual([...ba.onlyB]);
    expect([...ab.onlyB]).toEqual([...ba.onlyA]);
  });

  it('gives 1 for identical or both-empty selections and 0 for disjoint ones', () => {
    expect(diffSelections([1, 2], [2, 1], labelOf, 3).jaccard).toBe(1);
    expect(diffSelections([], [], labelOf, 3).jaccard).toBe(1);
    const disjoint = diffSelections([0, 2], [1, 3], labelOf, 3);
    expect(disjoint.jaccard).toBe(0);
    expect(disjoint.both).toBe(0);
  });

  it('matches a set-based reference on random selections, per class too', () => {
    const rng = createRng(7);
    const n = 500;
    const lab = Array.from({ length: n }, () => Math.floor(rng.next() * 4));
    const pick = () => Array.from({ length: n }, (_, i) => i).filter(() => rng.next() < 0.3);
    const a = pick();
    const b = pick();
    const d = diffSelections(a, b, (r) => lab[r]!, 4);
    const sb = new Set(b);
    const sa = new Set(a);
    const inter = a.filter((r) => sb.has(r));
    expect(d.both).toBe(inter.length);
    expect(d.jaccard).toBeCloseTo(inter.length / new Set([...a, ...b]).size, 12);
    expect([...d.onlyA]).toEqual(a.filter((r) => !sb.has(r)));
    expect([...d.onlyB]).toEqual(b.filter((r) => !sa.has(r)));
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(d.perClass.onlyA) + sum(d.perClass.both)).toBe(a.length);
    expect(sum(d.perClass.onlyB) + sum(d.perClass.both)).toBe(b.length);
  });

  it('labelLookup maps rows to the labels the runs stored, -1 when unknown', () => {
    const of = labelLookup({ indices: [3, 5], labels: [1, 2] }, { indices: [7], labels: [0] });
    expect([of(3), of(5), of(7), of(4)]).toEqual([1, 2, 0, -1]);
    // Unknown rows count in the totals but not in the bars.
    const d = diffSelections([3, 4], [5], of, 3);
    expect(d.perClass.onlyA).toEqual([0, 1, 0]);
    expect(d.onlyA.length).toBe(2);
  });
});
