import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { syntheticSignals } from '../test/coreFixtures';
import { createRng } from '../core/math/rng';
import { auroc } from '../core/signals/auroc';
import { hyperCoreMethod } from '../core/methods/hypercore/hypercore';
import { methodParams } from '../core/methods/registry';
import type { HypersphereRequest } from '../core/methods/hypercore/hypersphereTrainer';
import type { SelectContext, Selection } from '../core/methods/types';
import { AbortError } from '../core/methods/types';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import { sampleNegatives, trainHyperspheres } from './hypersphere';
import { runSelection } from './pipeline';

const small = syntheticSignals({ n: 240, numClasses: 3, dim: 8, seed: 4 });

function request(over: Partial<HypersphereRequest> = {}): HypersphereRequest {
  return {
    features: small.embeddings!.data,
    dim: small.embeddings!.dim,
    labels: small.labels,
    numClasses: 3,
    epochs: 4,
    learningRate: 0.005,
    batchSize: 32,
    seed: 7,
    signal: { aborted: false },
    ...over,
  };
}

function ctx(budget: number, seed: number): SelectContext {
  return {
    fraction: budget / small.n,
    budget,
    rng: createRng(seed),
    onProgress: () => {},
    signal: new AbortController().signal,
    trainers: { hypersphere: trainHyperspheres },
  };
}

const params = (mode: string) => ({
  mode,
  embedding: 'pixels',
  sphereEpochs: 3,
  sphereLr: 0.005,
  sphereBatch: 32,
});

describe('hypersphere trainer (ml)', () => {
  it('own class lands near the centre, other classes far; no tensor leaks', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const r = await trainHyperspheres(request());
    expect(tf.memory().numTensors).toBe(before);
    expect(r.classes).toHaveLength(3);
    for (const c of r.classes) {
      expect(c.negatives.length).toBe(c.positives.length);
      expect(c.negatives.every((row) => small.labels[row] !== c.cls)).toBe(true);
      expect(c.epochLoss.at(-1)!).toBeLessThan(c.epochLoss[0]!);
      const scores = Float32Array.from([...c.positiveScores, ...c.negativeScores]);
      const isNeg = Uint8Array.from(scores, (_, i) => (i >= c.positives.length ? 1 : 0));
      expect(auroc(scores, isNeg)).toBeGreaterThan(0.95);
    }
  });

  it('same seed, same scores; another seed, other negatives', async () => {
    await useBackend('cpu');
    const a = await trainHyperspheres(request());
    const b = await trainHyperspheres(request());
    expect(a.classes.map((c) => Array.from(c.positiveScores))).toEqual(
      b.classes.map((c) => Array.from(c.positiveScores)),
    );
    const n1 = sampleNegatives(small.labels, 0, 50, createRng(1));
    const n2 = sampleNegatives(small.labels, 0, 50, createRng(2));
    expect(Array.from(n1)).not.toEqual(Array.from(n2));
  });

  it('cancel between steps throws AbortError and frees everything', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const run = trainHyperspheres(
      request({ epochs: 20, batchSize: 8, signal, onProgress: (d) => d > 0.3 && (signal.aborted = true) }),
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('HyperCore with the real trainer', () => {
  it('fixed mode: exactly the budget, class-proportional', async () => {
    await useBackend('cpu');
    const sel = (await hyperCoreMethod.select(small, params('fixed'), ctx(60, 1))) as Selection;
    expect(sel.indices.length).toBe(60);
    expect(new Set(sel.indices).size).toBe(60);
    const counts = [0, 1, 2].map((c) => small.labels.filter((l) => l === c).length);
    sel.perClassCounts.forEach((k, c) =>
      expect(Math.abs(k - (60 * counts[c]!) / small.n)).toBeLessThanOrEqual(1),
    );
  });

  it('adaptive mode: a subset of each class, size from the thresholds; same seed, same picks', async () => {
    await useBackend('cpu');
    const a = (await hyperCoreMethod.select(small, params('adaptive'), ctx(10, 3))) as Selection;
    const b = (await hyperCoreMethod.select(small, params('adaptive'), ctx(10, 3))) as Selection;
    expect(a.indices).toEqual(b.indices);
    expect(a.indices.length).toBeGreaterThan(10); // the requested budget is not what decides
    for (let c = 0; c < 3; c++) {
      const rows = Array.from(a.indices).filter((r) => small.labels[r] === c);
      expect(rows.length).toBe(a.perClassCounts[c]);
      expect(rows.length).toBeLessThanOrEqual(small.labels.filter((l) => l === c).length);
    }
    expect(a.scores!.every((s) => Number.isFinite(s))).toBe(true);
  });

  it('MNIST 2000 with 20 % symmetric label noise: kept set holds far fewer noisy than the injected rate', async () => {
    await useBackend('wasm');
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      trainSize: 2000,
      corruption: { noise: 0.2, noiseType: 'symmetric', imbalance: 1, ood: 0 },
      method: 'hypercore',
      params: methodParams('hypercore'), // the defaults: adaptive, pixel PCA, 10 epochs
      seed: 3,
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const mask = data.truth.noisyMask!;
    const injected = mask.reduce((a, b) => a + b, 0) / mask.length;
    const before = tf.memory().numTensors;
    const { selection } = await runSelection(data, spec);
    expect(tf.memory().numTensors).toBe(before);
    const noisyKept = selection.indices.reduce((a, r) => a + mask[r]!, 0);
    const cleanKept = selection.indices.length - noisyKept;
    const noisyShare = noisyKept / selection.indices.length;
    const noisyTotal = mask.reduce((a, b) => a + b, 0);
    console.info(
      `hypercore mnist-2000 noise 0.2: kept ${selection.indices.length}, noisy kept ${noisyKept}/${noisyTotal}, clean kept ${cleanKept}/${mask.length - noisyTotal}, noisy share ${(100 * noisyShare).toFixed(1)} %`,
    );
    expect(injected).toBeGreaterThan(0.15);
    expect(noisyShare).toBeLessThan(0.6 * injected);
    expect(cleanKept / (mask.length - noisyTotal)).toBeGreaterThan(2 * (noisyKept / noisyTotal));
    const table = selection.diagnostics.find((d) => d.kind === 'table' && d.title === 'kept: clean vs noisy');
    expect(table).toBeDefined();
  }, 60_000);
});
