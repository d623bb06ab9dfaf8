import { describe, expect, it } from 'vitest';
import { importColourShapes } from './import/builtin';
import { makeColourShapes } from './colourShapes';

describe('the built-in colour set', () => {
  it('is seeded, balanced, 32×32×3 with 10 classes, and imports as data with a stable hash', () => {
    const a = makeColourShapes({ n: 200, seed: 3, difficulty: 0.5 });
    const b = makeColourShapes({ n: 200, seed: 3, difficulty: 0.5 });
    expect(a.pixels).toEqual(b.pixels);
    expect(a.pixels.length).toBe(200 * 32 * 32 * 3);
    const counts = new Array(10).fill(0);
    a.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(new Array(10).fill(20));
    expect(makeColourShapes({ n: 200, seed: 4, difficulty: 0.5 }).pixels).not.toEqual(a.pixels);
    const r = importColourShapes({ n: 200, seed: 3 });
    expect([r.train.shape, r.train.numClasses, r.train.labels.length + r.test.labels.length]).toEqual([
      [32, 32, 3],
      10,
      200,
    ]);
    expect(importColourShapes({ n: 200, seed: 3 }).report.hash).toBe(r.report.hash);
    expect(importColourShapes({ n: 200, seed: 3, difficulty: 0.9 }).report.hash).not.toBe(r.report.hash);
  });

  it('difficulty controls how far hue alone separates warm from cool classes', () => {
    // Mean of (R − B) per image: warm classes positive, cool negative; harder sets overlap more.
    const overlap = (difficulty: number) => {
      const { pixels, labels } = makeColourShapes({ n: 400, seed: 1, difficulty });
      let wrong = 0;
      for (let i = 0; i < labels.length; i++) {
        let rb = 0;
        for (let p = 0; p < 1024; p++) rb += pixels[i * 3072 + p * 3]! - pixels[i * 3072 + p * 3 + 2]!;
        if (rb > 0 !== labels[i]! < 5) wrong++;
      }
      return wrong / labels.length;
    };
    const easy = overlap(0);
    const hard = overlap(1);
    expect(easy).toBeLessThan(0.1);
    expect(hard).toBeGreaterThan(easy + 0.05);
  });

  it('refuses a difficulty outside 0–1', () => {
    expect(() => makeColourShapes({ n: 100, seed: 1, difficulty: 2 })).toThrow(
      /difficulty must be in 0–1, got 2/,
    );
  });
});
