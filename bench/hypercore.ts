/**
 * HyperCore benchmark: where the time goes (pixel-PCA embeddings, hypersphere training per
 * class, scoring, Youden thresholds) and peak memory, on MNIST 10k and 60k with 20 % symmetric
 * label noise, default parameters (10 epochs, batch 128, lr 1e-3), wasm backend in Node.
 * Peak memory is the process RSS sampled every 20 ms and the tfjs backend's peak bytes.
 * Run: npx tsx bench/hypercore.ts [--sizes=10000,60000]   (or npm run bench -- hypercore)
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { prepareData } from '../src/core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../src/core/experiment/spec';
import { createRng } from '../src/core/math/rng';
import { classThreshold, pickClass } from '../src/core/methods/hypercore/hypercoreClass';
import { tieKeys } from '../src/core/methods/ranking';
import { nodeSplitProvider } from '../src/cli/nodeData';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { pixelPcaEmbeddings } from '../src/ml/embeddings';
import { trainHyperspheres } from '../src/ml/hypersphere';

const MB = 1024 * 1024;

function memorySampler() {
  let rss = process.memoryUsage().rss;
  let tfBytes = tf.memory().numBytes;
  const timer = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
    tfBytes = Math.max(tfBytes, tf.memory().numBytes);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return { rssMb: Math.max(rss, process.memoryUsage().rss) / MB, tfMb: tfBytes / MB };
    },
  };
}

async function benchSize(n: number): Promise<string[]> {
  const spec: ExperimentSpec = {
    ...DEFAULT_SPEC,
    trainSize: n,
    corruption: { noise: 0.2, noiseType: 'symmetric', imbalance: 1, ood: 0 },
    method: 'hypercore',
    seed: 1,
  };
  const data = await prepareData(spec, nodeSplitProvider());
  const mem = memorySampler();
  const t0 = performance.now();
  const emb = pixelPcaEmbeddings(data.train, { k: 32, seed: spec.seed });
  const t1 = performance.now();
  const trained = await trainHyperspheres({
    features: emb.data,
    dim: emb.dim,
    labels: data.train.labels,
    numClasses: data.train.numClasses,
    epochs: 10,
    learningRate: 0.001,
    batchSize: 128,
    seed: 1,
    signal: { aborted: false },
  });
  const t2 = performance.now();
  const ties = tieKeys(n, createRng(1));
  let kept = 0;
  let noisyKept = 0;
  const mask = data.truth.noisyMask!;
  for (const c of trained.classes) {
    const t = classThreshold(c.cls, c.positiveScores, c.negativeScores);
    const p = pickClass(c, t.threshold, 'adaptive', 0, ties);
    kept += p.kept.length;
    for (const r of p.kept) noisyKept += mask[r]!;
  }
  const t3 = performance.now();
  const peak = mem.stop();
  const perClass = trained.classes.map((c) => c.ms);
  const noisy = mask.reduce((a, b) => a + b, 0);
  return [
    `${n}`,
    (t1 - t0).toFixed(0),
    (trained.timings.trainMs / 1000).toFixed(1),
    `${Math.min(...perClass).toFixed(0)}–${Math.max(...perClass).toFixed(0)}`,
    trained.timings.scoreMs.toFixed(0),
    (t3 - t2).toFixed(0),
    ((t3 - t0) / 1000).toFixed(1),
    peak.rssMb.toFixed(0),
    peak.tfMb.toFixed(1),
    `${kept} (${noisyKept}/${noisy} noisy)`,
  ];
}

export async function runHyperCoreBench(sizes: number[] = [10000, 60000]): Promise<void> {
  const backend = await initNodeBackend('wasm');
  console.log(
    `HyperCore phases — MNIST, 20 % symmetric noise, pixel PCA-32, 10 epochs, batch 128, ${backend.name} backend in Node`,
  );
  const rows: string[][] = [
    [
      'N',
      'PCA ms',
      'train s',
      'per class ms',
      'score ms',
      'Youden ms',
      'total s',
      'peak RSS MB',
      'peak tf MB',
      'kept',
    ],
  ];
  for (const n of sizes) rows.push(await benchSize(n));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c]!)).join('  '));
  console.log(`(tensors alive at the end: ${tf.memory().numTensors})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  await runHyperCoreBench(arg ? arg.slice(8).split(',').map(Number) : undefined);
}
