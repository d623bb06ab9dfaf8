/**
 * Record overhead benchmark (issue "Signals"): how much one record pass per epoch adds to the
 * training step itself, with and without input gradients, for the MLP and the CNN on MNIST 5k
 * with the wasm backend in Node. Epoch 1 is warm-up; the figures are means over later epochs.
 * Run: npx tsx bench/record.ts
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { subsetDataset, type Dataset } from '../src/core/data/dataset';
import { loadImageSplit } from '../src/core/data/sources';
import { stratifiedSubset } from '../src/core/data/split';
import type { ModelKind } from '../src/core/experiment/spec';
import { createRng } from '../src/core/math/rng';
import { nodeAssetLoader } from '../src/cli/nodeData';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { buildModel } from '../src/ml/models';
import { createRecorder } from '../src/ml/record';
import { train } from '../src/ml/train';

interface Timing {
  trainMs: number;
  recordMs: number;
}

/** Mean training and record time per epoch over epochs 2..E (epoch 1 warms kernels up). */
async function timeRun(
  kind: ModelKind,
  ds: Dataset,
  epochs: number,
  mode: 'off' | 'record' | 'grads',
): Promise<Timing> {
  const model = buildModel(kind, { inputShape: ds.shape, numClasses: ds.numClasses }, 1);
  const recorder =
    mode === 'off'
      ? undefined
      : createRecorder(ds, undefined, { inputGrads: mode === 'grads', batchSize: 512 });
  const trainMs: number[] = [];
  const recordMs: number[] = [];
  try {
    await train(model, ds, {
      epochs,
      batchSize: 64,
      learningRate: 0.001,
      seed: 1,
      onEpoch: async (r, m) => {
        trainMs.push(r.ms);
        const before = recorder?.ms ?? 0;
        await recorder?.onEpoch(r, m);
        recordMs.push((recorder?.ms ?? 0) - before);
      },
    });
  } finally {
    model.dispose();
  }
  const mean = (a: number[]) => a.slice(1).reduce((s, v) => s + v, 0) / Math.max(1, a.length - 1);
  return { trainMs: mean(trainMs), recordMs: mean(recordMs) };
}

export async function runRecordBench(): Promise<void> {
  const backend = await initNodeBackend('wasm');
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const n = 5000;
  const ds = subsetDataset(full, stratifiedSubset(full.labels, 10, n, createRng(1)));
  const epochs = 3;
  console.log(
    `Record overhead per epoch — MNIST ${n}, batch 64 (train) / 512 (record), ${backend.name} backend in Node, mean of epochs 2–${epochs}`,
  );
  const rows: string[][] = [['model', 'train ms/epoch', 'record ms', 'overhead', 'record+∇x ms', 'overhead']];
  for (const kind of ['mlp', 'cnn'] as const) {
    const off = await timeRun(kind, ds, epochs, 'off');
    const rec = await timeRun(kind, ds, epochs, 'record');
    const grads = await timeRun(kind, ds, epochs, 'grads');
    const base = off.trainMs;
    const pct = (ms: number) => `${((100 * ms) / base).toFixed(0)} %`;
    rows.push([
      kind,
      base.toFixed(0),
      rec.recordMs.toFixed(0),
      pct(rec.recordMs),
      grads.recordMs.toFixed(0),
      pct(grads.recordMs),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '));
  console.log(`(tensors alive at the end: ${tf.memory().numTensors})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRecordBench();
}
