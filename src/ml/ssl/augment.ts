/**
 * Image augmentations for the SSL trainers, in tfjs on [B, H, W, C] batches of [0, 1] pixels.
 * Every random draw comes from the caller's seeded Rng (turned into small parameter tensors), so
 * the same seed gives the same views on every backend.
 * - weak: random shift of up to ±2 px (zero padding, i.e. background);
 * - strong: the shift, then random erasing (one cutout box, side 6–14 px, filled with 0.5 grey as
 *   in FixMatch's Cutout) and contrast / brightness jitter (factor in [0.5, 1.5], offset in
 *   [−0.2, 0.2], around each image's mean), clipped to [0, 1].
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/math/rng';

export const MAX_SHIFT = 2;

/**
 * Random translation by whole pixels in [−maxShift, maxShift]² per image: zero padding, then one
 * gather with per-pixel source indices (exact on every backend; measured: tfjs-backend-wasm 4.22's
 * cropAndResize 'nearest' ignores the x offset and its 'bilinear' differs from cpu's).
 */
export function randomShift(x: tf.Tensor4D, rng: Rng, maxShift = MAX_SHIFT): tf.Tensor4D {
  return tf.tidy(() => {
    const [B, H, W, C] = x.shape;
    const m = maxShift;
    const Hp = H + 2 * m;
    const Wp = W + 2 * m;
    const padded = tf
      .pad(x, [
        [0, 0],
        [m, m],
        [m, m],
        [0, 0],
      ])
      .reshape([B * Hp * Wp, C]);
    const idx = new Int32Array(B * H * W);
    for (let b = 0; b < B; b++) {
      // Output pixel (r, c) reads padded (r + oy, c + ox): oy = m means no shift.
      const oy = rng.int(2 * m + 1);
      const ox = rng.int(2 * m + 1);
      for (let r = 0; r < H; r++)
        for (let c = 0; c < W; c++) idx[(b * H + r) * W + c] = b * Hp * Wp + (r + oy) * Wp + (c + ox);
    }
    return tf.gather(padded, tf.tensor1d(idx, 'int32')).reshape([B, H, W, C]) as tf.Tensor4D;
  });
}

/** One cutout box per image (side in [minSide, maxSide]), filled with `fill`. */
export function randomErase(x: tf.Tensor4D, rng: Rng, minSide = 6, maxSide = 14, fill = 0.5): tf.Tensor4D {
  return tf.tidy(() => {
    const [B, H, W] = x.shape;
    const y0 = new Float32Array(B);
    const y1 = new Float32Array(B);
    const x0 = new Float32Array(B);
    const x1 = new Float32Array(B);
    for (let b = 0; b < B; b++) {
      const h = minSide + rng.int(maxSide - minSide + 1);
      const w = minSide + rng.int(maxSide - minSide + 1);
      y0[b] = rng.int(H - h + 1);
      x0[b] = rng.int(W - w + 1);
      y1[b] = y0[b]! + h;
      x1[b] = x0[b]! + w;
    }
    const inside = (lo: Float32Array, hi: Float32Array, size: number) => {
      const pos = tf.range(0, size, 1, 'float32').reshape([1, size]);
      return tf
        .logicalAnd(tf.greaterEqual(pos, tf.tensor2d(lo, [B, 1])), tf.less(pos, tf.tensor2d(hi, [B, 1])))
        .cast('float32');
    };
    const rows = inside(y0, y1, H).reshape([B, H, 1, 1]);
    const cols = inside(x0, x1, W).reshape([B, 1, W, 1]);
    const box = tf.mul(rows, cols);
    return tf.add(tf.mul(x, tf.sub(1, box)), tf.mul(box, fill)) as tf.Tensor4D;
  });
}

/** Contrast factor in [1 − c, 1 + c] around each image's mean, then a brightness offset in [−b, b]. */
export function jitter(x: tf.Tensor4D, rng: Rng, contrast = 0.5, brightness = 0.2): tf.Tensor4D {
  return tf.tidy(() => {
    const B = x.shape[0];
    const f = Float32Array.from({ length: B }, () => 1 - contrast + 2 * contrast * rng.next());
    const o = Float32Array.from({ length: B }, () => (2 * rng.next() - 1) * brightness);
    const mean = tf.mean(x, [1, 2, 3], true);
    const out = tf.add(
      tf.add(tf.mul(tf.sub(x, mean), tf.tensor4d(f, [B, 1, 1, 1])), mean),
      tf.tensor4d(o, [B, 1, 1, 1]),
    );
    return tf.clipByValue(out, 0, 1) as tf.Tensor4D;
  });
}

export function weakAugment(x: tf.Tensor4D, rng: Rng): tf.Tensor4D {
  return randomShift(x, rng);
}

export function strongAugment(x: tf.Tensor4D, rng: Rng): tf.Tensor4D {
  return tf.tidy(() => jitter(randomErase(randomShift(x, rng), rng), rng));
}
