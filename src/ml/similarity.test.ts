import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { asMatrix, gramMatrix, l2Normalize } from '../core/math/distances';
import { coverageFor } from '../core/math/coverage';
import { facilityLocation } from '../core/math/facility';
import { createRng } from '../core/math/rng';
import { tfSimilarityBlock } from './similarity';

function randomMatrix(rows: number, dim: number, seed: number) {
  const rng = createRng(seed);
  return asMatrix(
    Float32Array.from({ length: rows * dim }, () => rng.normal()),
    dim,
  );
}

describe('tfjs similarity block', () => {
  it('matches core reference Gram matrix on wasm, leak-free', async () => {
    await useBackend('wasm');
    const block = tfSimilarityBlock();
    expect(block).toBeDefined();
    const m = randomMatrix(300, 17, 1);
    const before = tf.memory().numTensors;
    const ours = gramMatrix(m, { block, tileRows: 64 });
    expect(tf.memory().numTensors).toBe(before);
    const ref = gramMatrix(m, { tileRows: 64 });
    await useBackend('cpu');
    let maxErr = 0;
    for (let i = 0; i < ref.length; i++) maxErr = Math.max(maxErr, Math.abs(ref[i]! - ours[i]!));
    expect(maxErr).toBeLessThan(1e-4);
  });

  it('facility location picks the same coreset with either block', async () => {
    await useBackend('wasm');
    const m = l2Normalize(randomMatrix(400, 8, 2));
    const pick = (block?: ReturnType<typeof tfSimilarityBlock>) =>
      Array.from(
        facilityLocation(coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0, block }), 40, {
          optimizer: 'lazy',
        }).picks,
      );
    expect(pick(tfSimilarityBlock())).toEqual(pick(undefined));
    await useBackend('cpu');
  });

  it('is offered on the cpu backend too (synchronous reads are safe there)', async () => {
    await useBackend('cpu');
    expect(tfSimilarityBlock()).toBeDefined();
  });
});
