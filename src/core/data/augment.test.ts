import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { augmentBatch } from './augment';

describe('crop-with-padding + flip augmentation', () => {
  // One 3×4 colour image whose every value says where it came from: 100·y + 10·x + channel.
  const h = 3;
  const w = 4;
  const img = Float32Array.from({ length: h * w * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    return 100 * Math.floor(p / w) + 10 * (p % w) + (i % 3) + 1;
  });
  it('each image is its own pixels shifted by at most pad (zeros coming in) and maybe mirrored', () => {
    const rng = createRng(5);
    for (let t = 0; t < 40; t++) {
      const out = augmentBatch(img, 1, h, w, 3, rng, 1);
      // Infer the shift and flip from a non-zero pixel, then check every pixel against them.
      let ok = false;
      for (const flip of [false, true])
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            let all = true;
            for (let y = 0; y < h && all; y++)
              for (let x = 0; x < w && all; x++) {
                const sy = y + dy;
                const sx = (flip ? w - 1 - x : x) + dx;
                for (let q = 0; q < 3; q++) {
                  const want = sy < 0 || sy >= h || sx < 0 || sx >= w ? 0 : img[(sy * w + sx) * 3 + q]!;
                  if (out[(y * w + x) * 3 + q] !== want) all = false;
                }
              }
            ok ||= all;
          }
      expect(ok).toBe(true);
    }
  });
  it('is seeded, and flips about half the time', () => {
    const a = augmentBatch(img, 1, h, w, 3, createRng(9), 0);
    expect(augmentBatch(img, 1, h, w, 3, createRng(9), 0)).toEqual(a);
    const rng = createRng(2);
    let flips = 0;
    for (let t = 0; t < 400; t++) if (augmentBatch(img, 1, h, w, 3, rng, 0)[0] !== img[0]) flips++;
    expect(flips).toBeGreaterThan(160);
    expect(flips).toBeLessThan(240);
  });
});
