import { describe, it, expect } from 'vitest';
import { MaxHeap } from './heap';
import { createRng } from './rng';

describe('MaxHeap', () => {
  it('pops keys in decreasing order, equal keys by increasing id', () => {
    const rng = createRng(3);
    const h = new MaxHeap(500);
    const items: [number, number][] = [];
    for (let id = 0; id < 500; id++) {
      const key = rng.int(20); // many ties
      items.push([key, id]);
      h.push(id, key);
    }
    items.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const got: number[] = [];
    while (h.size > 0) got.push(h.pop());
    expect(got).toEqual(items.map((x) => x[1]));
    expect(h.pop()).toBe(-1);
    expect(h.peekKey()).toBe(-Infinity);
  });

  it('replaceTop keeps the heap ordered', () => {
    const h = new MaxHeap(4);
    h.push(0, 5);
    h.push(1, 9);
    h.push(2, 7);
    expect(h.peekId()).toBe(1);
    h.replaceTop(1, 1);
    expect(h.peekId()).toBe(2);
    expect(h.peekKey()).toBe(7);
    expect([h.pop(), h.pop(), h.pop()]).toEqual([2, 0, 1]);
  });

  it('refuses to grow past its capacity', () => {
    const h = new MaxHeap(1);
    h.push(0, 1);
    expect(() => h.push(1, 2)).toThrow(/full/);
  });
});
