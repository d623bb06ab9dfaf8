/**
 * What `npm run bench -- gpu` measures, wherever WebGPU comes from: the page in Chromium
 * (bench/gpu/page.ts) or Node with Dawn, the WebGPU engine inside Chromium, from the `webgpu`
 * package (bench/gpu/node.ts: no browser needed, so a GPU machine without a desktop can run it).
 * Per backend (webgpu, wasm) it times a warm training step of the MLP, the grey CNN and the
 * colour CNN with the lab's loop (ml/workloadProbe.ts) and a selection kernel block — the
 * clipped cosine Gram of 2,000 × 64 embeddings as tfjs ops — and, for reference, the same Gram
 * with the SIMD kernel selection uses today (core, no tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import { median } from '../stats';
import { asMatrix, gramMatrix, l2Normalize } from '../../src/core/math/distances';
import { createRng } from '../../src/core/math/rng';
import { initBackend, probeWebGpuAdapter, switchBackend, type BackendName } from '../../src/ml/backend';
import { measureTrainingStep, type Workload } from '../../src/ml/workloadProbe';
import { wgslRows } from './wgsl';

export interface GpuBenchConfig {
  backends: BackendName[];
  rounds: number;
  /** Rounds on a software adapter (SwiftShader: a colour CNN step takes ~45 s there). */
  softwareRounds: number;
  gramRows: number;
  gramDim: number;
  /** Rows of the WGSL kNN row (a software adapter gets gramRows: SwiftShader is slow). */
  knnRows: number;
}

export interface GpuBenchRow {
  what: string;
  /** Median ms per backend (undefined where it failed), and the rounds behind it. */
  ms: Partial<Record<BackendName | 'simd', number>>;
  rounds: Partial<Record<BackendName | 'simd', number[]>>;
  errors: Partial<Record<BackendName, string>>;
  /** What the two sides agree on (WGSL rows). */
  note?: string;
}

export interface GpuBenchResult {
  adapter: string;
  rounds: number;
  runtime: string;
  rows: GpuBenchRow[];
}

const WORKLOADS: [string, Workload][] = [
  ['mlp step (28×28×1, batch 64)', { kind: 'mlp', shape: [28, 28, 1], numClasses: 10 }],
  ['cnn step (28×28×1, batch 64)', { kind: 'cnn', shape: [28, 28, 1], numClasses: 10 }],
  ['colour cnn step (32×32×3, batch 64)', { kind: 'cnn', shape: [32, 32, 3], numClasses: 10 }],
];

/** Clustered rows (20 centres + noise), like selection's embeddings. */
function embeddings(n: number, d: number): Float32Array {
  const rng = createRng(3);
  const centres = Float32Array.from({ length: 20 * d }, () => rng.next() * 2 - 1);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % 20;
    for (let j = 0; j < d; j++) x[i * d + j] = centres[c * d + j]! + 0.3 * (rng.next() - 0.5);
  }
  return x;
}

/** Clipped cosine Gram as tfjs ops on the active backend, read back (what selection needs on the host). */
async function tfGramMs(x: Float32Array, n: number, d: number): Promise<number> {
  const once = async () => {
    const g = tf.tidy(() => {
      const a = tf.tensor2d(x, [n, d]);
      const u = tf.div(a, tf.maximum(tf.norm(a, 'euclidean', 1, true), 1e-12));
      return tf.relu(tf.matMul(u, u, false, true));
    });
    await g.data();
    g.dispose();
  };
  await once();
  const t0 = performance.now();
  await once();
  return performance.now() - t0;
}

function simdGramMs(x: Float32Array, n: number, d: number): number {
  const once = () => gramMatrix(l2Normalize(asMatrix(x, d)), { clipNegative: true });
  once();
  const t0 = performance.now();
  once();
  return performance.now() - t0;
}

/** Where the tfjs wasm binaries are (URLs in the browser, a folder in Node), and who runs it. */
export interface GpuBenchHost {
  wasmPaths: string | Record<string, string>;
  /** The browser's user agent, or Node's and Dawn's versions. */
  runtime: string;
  /** Told each figure as it is measured (a long run that is cut off still leaves its figures). */
  onFigure?: (what: string, backend: BackendName | 'simd', ms: number) => void;
}

export async function runGpuBench(cfg: GpuBenchConfig, host: GpuBenchHost): Promise<GpuBenchResult> {
  const { wasmPaths } = host;
  const probe = await probeWebGpuAdapter();
  const adapter = probe.available
    ? `${probe.software ? 'software' : 'hardware'} (${probe.description})`
    : probe.description;
  const gram = `cosine Gram ${cfg.gramRows.toLocaleString('en')}×${cfg.gramDim} (clipped, read back)`;
  const rows: GpuBenchRow[] = [
    ...WORKLOADS.map(([what]) => what),
    gram,
    `${gram}, SIMD kernel (no tfjs)`,
  ].map((what) => ({ what, ms: {}, rounds: {}, errors: {} }));
  const x = embeddings(cfg.gramRows, cfg.gramDim);
  let first = true;
  const rounds = probe.available && !probe.software ? cfg.rounds : cfg.softwareRounds;
  for (let r = 0; r < rounds; r++) {
    // Alternate the order so a slow spell of a shared machine does not land on one backend.
    const order = r % 2 === 0 ? cfg.backends : [...cfg.backends].reverse();
    for (const b of order) {
      const ok = first
        ? (await initBackend({ override: b, wasmPaths })).name === b
        : await switchBackend(b, { wasmPaths });
      first = false;
      const tasks: (() => Promise<number>)[] = [
        ...WORKLOADS.map(
          ([, w]) =>
            () =>
              measureTrainingStep(w, 300_000),
        ),
        () => tfGramMs(x, cfg.gramRows, cfg.gramDim),
      ];
      for (const [i, task] of tasks.entries()) {
        const row = rows[i]!;
        if (!ok || tf.getBackend() !== b) {
          row.errors[b] = 'failed to start';
          continue;
        }
        try {
          const ms = await task();
          (row.rounds[b] ??= []).push(ms);
          host.onFigure?.(row.what, b, ms);
        } catch (e) {
          row.errors[b] = (e as Error).message;
        }
      }
    }
    const simdMs = simdGramMs(x, cfg.gramRows, cfg.gramDim);
    (rows.at(-1)!.rounds.simd ??= []).push(simdMs);
    host.onFigure?.(rows.at(-1)!.what, 'simd', simdMs);
  }
  for (const row of rows)
    for (const [k, v] of Object.entries(row.rounds)) row.ms[k as BackendName | 'simd'] = median(v);
  const wgsl = await wgslRows(
    embeddings,
    {
      gramRows: cfg.gramRows,
      knnRows: probe.software ? cfg.gramRows : cfg.knnRows,
      dim: cfg.gramDim,
      k: 10,
      rounds,
    },
    host.onFigure,
  );
  return { adapter, rounds, runtime: host.runtime, rows: [...rows, ...wgsl] };
}
