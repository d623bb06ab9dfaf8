/**
 * The training loop reads loss and accuracy back in groups, never once per batch (each read-back
 * stalls a GPU backend's queue: issue 21's "no per-batch read-back" on webgpu). Counted through
 * the backend's read / readSync with the clock pinned, so the count does not depend on speed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import type { Dataset } from '../core/data/dataset';
import type { ModelKind } from '../core/experiment/specTypes';
import { buildModel } from './models';
import { train } from './train';

function images(n: number, shape: [number, number, number], seed: number): Dataset {
  const x = new Uint8Array(n * shape[0] * shape[1] * shape[2]);
  let s = seed;
  for (let i = 0; i < x.length; i++) x[i] = (s = (s * 1103515245 + 12345) % 2147483648) % 256;
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 3);
  return { x, labels, shape, numClasses: 3, classNames: ['a', 'b', 'c'] } as unknown as Dataset;
}

/** Reads of device memory during `run`, with performance.now advancing `msPerCall` per call. */
async function countReads(run: () => Promise<unknown>, msPerCall: number): Promise<number> {
  const backend = tf.backend();
  const read = vi.spyOn(backend, 'read');
  const readSync = vi.spyOn(backend, 'readSync');
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += msPerCall));
  try {
    await run();
    // The cpu backend's read() is readSync() inside: count a read once, and any other sync read.
    return read.mock.calls.length + (readSync.mock.calls.length - read.mock.calls.length);
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('training read-back', () => {
  const cases: [ModelKind, () => Dataset][] = [
    ['mlp', () => makeToy({ shape: 'blobs', n: 320, noise: 0.1, seed: 1 })],
    ['cnn', () => images(64, [28, 28, 1], 3)],
    ['cnn', () => images(64, [32, 32, 3], 5)],
  ];
  for (const [kind, data] of cases)
    it(`${kind} on ${data().shape.join('×')}: one read-back per epoch while batches are quick, every batch still reported`, async () => {
      // wasm: the conv nets' steps take seconds on cpu. Its read() is readSync() inside, as cpu's.
      await useBackend('wasm');
      const ds = data();
      const model = buildModel(kind, { inputShape: ds.shape, numClasses: ds.numClasses }, 1);
      const batchSize = 16;
      const epochs = 2;
      const batches = Math.ceil(ds.labels.length / batchSize) * epochs;
      let reported = 0;
      const reads = await countReads(
        () => train(model, ds, { epochs, batchSize, learningRate: 0.01, seed: 1, onBatch: () => reported++ }),
        1,
      );
      model.dispose();
      expect(batches).toBeGreaterThanOrEqual(8);
      expect(reads).toBe(epochs);
      expect(reported).toBe(batches);
    });

  it('steps slower than 200 ms each are read on their own (live progress), one read per step, not more', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'blobs', n: 160, noise: 0.1, seed: 1 });
    const model = buildModel('mlp', { inputShape: ds.shape, numClasses: ds.numClasses }, 1);
    const reads = await countReads(
      () => train(model, ds, { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 1 }),
      300,
    );
    model.dispose();
    expect(reads).toBe(10);
  });
});
