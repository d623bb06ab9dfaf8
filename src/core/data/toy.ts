/**
 * 2-D teaching datasets: blobs (3 Gaussian clusters), moons (two interleaved half circles) and
 * circles (a ring around a disc). Seeded; `noise` is the Gaussian jitter's standard deviation
 * relative to the shape's scale, so the slider means the same thing for every shape.
 */
import { createRng } from '../math/rng';
import type { Dataset } from './dataset';

export type ToyShape = 'blobs' | 'moons' | 'circles';
export const TOY_SHAPES: readonly ToyShape[] = ['blobs', 'moons', 'circles'];

export interface ToyOptions {
  shape: ToyShape;
  n: number;
  noise: number;
  seed: number;
}

export function makeToy({ shape, n, noise, seed }: ToyOptions): Dataset {
  if (!TOY_SHAPES.includes(shape))
    throw new RangeError(`unknown toy shape "${shape}"; use ${TOY_SHAPES.join(', ')}`);
  if (!Number.isInteger(n) || n < 10 || n > 20000)
    throw new RangeError(`toy size must be an integer in 10..20000, got ${n}`);
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`toy noise must be in [0, 1], got ${noise}`);
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  const numClasses = shape === 'blobs' ? 3 : 2;
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    let px: number;
    let py: number;
    if (shape === 'blobs') {
      const angle = (2 * Math.PI * c) / 3 + Math.PI / 2;
      px = Math.cos(angle) + rng.normal() * (0.15 + noise);
      py = Math.sin(angle) + rng.normal() * (0.15 + noise);
    } else if (shape === 'moons') {
      const t = Math.PI * rng.next();
      px = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
      py = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      px = px - 0.5 + rng.normal() * noise * 0.5;
      py = py - 0.25 + rng.normal() * noise * 0.5;
    } else {
      const t = 2 * Math.PI * rng.next();
      const r = c === 0 ? 1 : 0.45;
      px = r * Math.cos(t) + rng.normal() * noise * 0.4;
      py = r * Math.sin(t) + rng.normal() * noise * 0.4;
    }
    x[2 * i] = px;
    x[2 * i + 1] = py;
    labels[i] = c;
  }
  const classNames =
    shape === 'blobs'
      ? ['A', 'B', 'C']
      : shape === 'moons'
        ? ['upper moon', 'lower moon']
        : ['outer ring', 'inner disc'];
  return { id: 'toy', name: `toy ${shape}`, x, scale: 1, shape: [2], labels, numClasses, classNames };
}
