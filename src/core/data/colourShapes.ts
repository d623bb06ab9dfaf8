/**
 * A built-in colour dataset that needs no download: 32×32×3 images of 10 classes, generated from
 * a seed, so colour runs work out of the box and in tests. Class = one of five shapes (disk,
 * square, triangle, ring, cross) × a warm or a cool hue. `difficulty` (0–1) widens the jitter of
 * size and place, lets the two hue families overlap, adds background clutter and pixel noise;
 * at 0 a linear model separates the classes, near 1 a CNN is needed and still errs.
 */
import { createRng, type Rng } from '../math/rng';

export const COLOUR_SHAPES_CLASSES = [
  'warm disk',
  'warm square',
  'warm triangle',
  'warm ring',
  'warm cross',
  'cool disk',
  'cool square',
  'cool triangle',
  'cool ring',
  'cool cross',
];
export const COLOUR_SHAPES_VERSION = 1;

export interface ColourShapesSpec {
  /** Images in all (train + test). */
  n: number;
  seed: number;
  /** 0 (easy) to 1 (hard). */
  difficulty: number;
}

export interface ColourShapes {
  pixels: Uint8Array;
  labels: Uint8Array;
}

const S = 32;

/** HSV (h in [0, 1)) to RGB bytes. */
function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return Math.round(255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}

function inside(shape: number, dx: number, dy: number, r: number): boolean {
  const d = Math.sqrt(dx * dx + dy * dy);
  switch (shape) {
    case 0:
      return d <= r;
    case 1:
      return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
    case 2:
      return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / (1.8 * r)) * r;
    case 3:
      return d <= r && d >= r * 0.55;
    default:
      return (Math.abs(dx) <= r * 0.3 && Math.abs(dy) <= r) || (Math.abs(dy) <= r * 0.3 && Math.abs(dx) <= r);
  }
}

function drawOne(out: Uint8Array, at: number, label: number, d: number, rng: Rng): void {
  const shape = label % 5;
  const warm = label < 5;
  // Warm hues around 0.05 (orange-red), cool around 0.58 (blue); spread grows with difficulty.
  const spread = 0.06 + 0.22 * d;
  const hue = ((warm ? 0.05 : 0.58) + (rng.next() * 2 - 1) * spread + 1) % 1;
  const fg = hsv(hue, 0.55 + 0.4 * rng.next(), 0.6 + 0.4 * rng.next());
  const bgHue = rng.next();
  const bg = hsv(bgHue, 0.15 + 0.5 * d * rng.next(), 0.15 + 0.35 * rng.next());
  const r = 8 + (rng.next() * 2 - 1) * (1 + 4 * d);
  const cx = S / 2 + (rng.next() * 2 - 1) * (1 + 8 * d);
  const cy = S / 2 + (rng.next() * 2 - 1) * (1 + 8 * d);
  // Clutter: a few blobs of random colour behind the shape.
  const blobs = Math.round(5 * d * rng.next() + 2 * d);
  const clutter = Array.from({ length: blobs }, () => ({
    x: rng.next() * S,
    y: rng.next() * S,
    r: 2 + 4 * rng.next(),
    c: hsv(rng.next(), 0.6, 0.7),
  }));
  const noise = 6 + 40 * d;
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      let c = bg;
      for (const b of clutter) if ((x - b.x) ** 2 + (y - b.y) ** 2 <= b.r * b.r) c = b.c;
      if (inside(shape, x + 0.5 - cx, y + 0.5 - cy, r)) c = fg;
      const o = at + (y * S + x) * 3;
      for (let q = 0; q < 3; q++)
        out[o + q] = Math.max(0, Math.min(255, Math.round(c[q]! + noise * (rng.next() - 0.5))));
    }
}

/** Balanced labels (i mod 10, then shuffled), each image from its own forked stream. */
export function makeColourShapes(spec: ColourShapesSpec): ColourShapes {
  if (!(spec.difficulty >= 0 && spec.difficulty <= 1))
    throw new RangeError(`difficulty must be in 0–1, got ${spec.difficulty}`);
  if (!(Number.isInteger(spec.n) && spec.n >= 20))
    throw new RangeError(`the colour set needs at least 20 images, got ${spec.n}`);
  const rng = createRng(spec.seed).fork('colour-shapes');
  const order = rng.fork('labels').sample(spec.n, spec.n);
  const labels = Uint8Array.from(order, (i) => i % 10);
  const pixels = new Uint8Array(spec.n * S * S * 3);
  for (let i = 0; i < spec.n; i++)
    drawOne(pixels, i * S * S * 3, labels[i]!, spec.difficulty, rng.fork(`image-${i}`));
  return { pixels, labels };
}
