/**
 * The standard augmentation of the CIFAR papers, for colour image batches: a random crop of the
 * image padded by `pad` zero pixels on every side (a shift of up to ±pad) and a horizontal flip
 * with probability ½. Seeded: the same rng stream gives the same batch. Works on the scaled
 * float batch the trainer builds, [count, h, w, c] row-major.
 */
import type { Rng } from '../math/rng';

export const AUGMENT_PAD = 4;

export function augmentBatch(
  x: Float32Array,
  count: number,
  h: number,
  w: number,
  c: number,
  rng: Rng,
  pad = AUGMENT_PAD,
): Float32Array {
  const size = h * w * c;
  const out = new Float32Array(x.length);
  for (let i = 0; i < count; i++) {
    const dy = rng.int(2 * pad + 1) - pad;
    const dx = rng.int(2 * pad + 1) - pad;
    const flip = rng.next() < 0.5;
    const base = i * size;
    for (let y = 0; y < h; y++) {
      const sy = y + dy;
      if (sy < 0 || sy >= h) continue; // padding: zeros
      for (let x0 = 0; x0 < w; x0++) {
        const sx = (flip ? w - 1 - x0 : x0) + dx;
        if (sx < 0 || sx >= w) continue;
        const o = base + (y * w + x0) * c;
        const s = base + (sy * w + sx) * c;
        for (let q = 0; q < c; q++) out[o + q] = x[s + q]!;
      }
    }
  }
  return out;
}
