/**
 * Times one warm training step of a workload (model kind on an input shape) on each backend that
 * started at the matMul probe, switches to the fastest (ml/workloadPick.ts) and caches the
 * figures per device and workload. A forced backend (`?backend=`, no probe figures) is kept.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import type { ModelKind } from '../core/experiment/spec';
import { createRng } from '../core/math/rng';
import {
  deviceKey,
  switchBackend,
  type BackendChoice,
  type BackendName,
  type BackendOptions,
} from './backend';
import { buildModel } from './models';
import { train } from './train';
import {
  WORKLOAD_BATCH,
  describeWorkloadProbes,
  pickForWorkload,
  workloadName,
  type WorkloadChoice,
  type WorkloadProbe,
} from './workloadPick';

export interface Workload {
  kind: ModelKind;
  /** The loaded data's input shape ([h, w, c], [length, channels] or [d]). */
  shape: readonly number[];
  numClasses: number;
}

/** Where workload figures are kept per device (worker: IndexedDB). */
export interface WorkloadCache {
  get(key: string): Promise<WorkloadProbe[] | undefined>;
  set(key: string, probes: WorkloadProbe[]): Promise<void>;
}

/** Steps per pass: one pass warms up (kernels compiled, weights placed), the next is timed. */
const STEPS = 2;

/** Random inputs of the workload's shape: bytes for images and sequences' stand-ins, floats for vectors. */
function probeData(w: Workload): Dataset {
  const n = STEPS * WORKLOAD_BATCH;
  const dim = w.shape.reduce((a, b) => a * b, 1);
  const rng = createRng(7);
  const vector = w.shape.length === 1;
  const x = vector
    ? Float32Array.from({ length: n * dim }, () => rng.next() * 2 - 1)
    : Uint8Array.from({ length: n * dim }, () => Math.floor(rng.next() * 256));
  return {
    id: 'custom',
    name: 'workload probe',
    x,
    scale: vector ? 1 : 1 / 255,
    shape: [...w.shape],
    labels: Uint8Array.from({ length: n }, (_, i) => i % w.numClasses),
    numClasses: w.numClasses,
    classNames: Array.from({ length: w.numClasses }, (_, c) => String(c)),
  };
}

/**
 * Milliseconds per warm training step (batch 64, Adam, the lab's own loop) on the active
 * backend. Throws when warm-up and timing together run past `budgetMs` (a backend that slow is
 * not a candidate, and the page should not wait for it).
 */
export async function measureTrainingStep(
  w: Workload,
  budgetMs = 4000,
  stop?: () => boolean,
): Promise<number> {
  const model = buildModel(w.kind, { inputShape: [...w.shape], numClasses: w.numClasses }, 1);
  const t0 = performance.now();
  const signal = {
    get aborted() {
      return performance.now() - t0 > budgetMs || stop?.() === true;
    },
  };
  try {
    const r = await train(model, probeData(w), {
      epochs: 2,
      batchSize: WORKLOAD_BATCH,
      learningRate: 1e-3,
      seed: 1,
      signal,
    });
    return r.epochs[1]!.ms / STEPS;
  } catch (e) {
    if (stop?.()) throw new Error('stopped');
    if (signal.aborted) throw new Error(`over ${(budgetMs / 1000).toFixed(1)} s`);
    throw e;
  } finally {
    model.dispose();
  }
}

/**
 * Multiply-adds × 2 of one training step (batch `WORKLOAD_BATCH`): dense and convolution layers,
 * forward pass × 3 (the backward pass costs about twice the forward one). A floor for the step
 * on a backend that multiplies at a known GFLOP/s: compute-heavy steps are no faster than that.
 */
export function trainingStepFlops(w: Workload): number {
  const model = buildModel(w.kind, { inputShape: [...w.shape], numClasses: w.numClasses }, 1);
  try {
    let flops = 0;
    for (const layer of model.layers) {
      const out = (layer.outputShape as number[]).slice(1);
      const inC = (layer.input as tf.SymbolicTensor).shape.at(-1)!;
      const name = layer.getClassName();
      if (name === 'Dense') flops += 2 * inC * out.at(-1)!;
      else if (name === 'Conv2D' || name === 'Conv1D') {
        const k = (layer.getConfig().kernelSize as number[]).reduce((a, b) => a * b, 1);
        flops += 2 * k * inC * out.reduce((a, b) => a * b, 1);
      }
    }
    return 3 * flops * WORKLOAD_BATCH;
  } finally {
    model.dispose();
  }
}

/**
 * Picks the backend for a workload from `base` (the start's matMul choice): the cached figures
 * for this device and workload, or one timed step per started backend; then switches to the
 * pick. Returns `base` unchanged (on `base`'s backend) when it was forced, nothing measured,
 * `cachedOnly` found no figures, or `stop()` cut the probe short (nothing is cached then).
 */
export async function tuneForWorkload(
  base: BackendChoice,
  w: Workload,
  opts: BackendOptions & {
    cache?: WorkloadCache;
    measure?: (w: Workload, budgetMs: number, stop?: () => boolean) => Promise<number>;
    /** Only the cached figures: a run that finds none trains on `base` (the idle probe measures). */
    cachedOnly?: boolean;
    /** Asked before each backend and between training steps: true gives the worker back now. */
    stop?: () => boolean;
  },
): Promise<BackendChoice> {
  const keep = async () => {
    if (tf.getBackend() !== base.name) await switchBackend(base.name, opts);
    return base;
  };
  // Fastest matMul first: the likely winner sets the budget the others must beat.
  const started: BackendName[] = (base.probes ?? [])
    .filter((p) => p.gflops !== undefined)
    .sort((a, b) => b.gflops! - a.gflops!)
    .map((p) => p.name);
  if (started.length < 2) return base;
  const name = workloadName(w.kind, w.shape);
  const key = JSON.stringify(['workload', 1, deviceKey(base.adapter), name, w.numClasses]);
  let probes = await opts.cache?.get(key).catch(() => undefined);
  const cached = probes !== undefined && started.every((s) => probes!.some((p) => p.name === s));
  if (!cached && opts.cachedOnly) return keep();
  if (!cached) {
    probes = [];
    let best = Infinity;
    let flops: number | undefined;
    for (const b of started) {
      if (opts.stop?.()) return keep();
      if (!(await switchBackend(b, opts))) {
        probes.push({ name: b, error: 'failed to start' });
        continue;
      }
      // A backend three times slower than the best so far (warm-up included) is cut short, and
      // one whose matMul rate alone cannot beat that is not started on it (a software GPU would
      // spend ~45 s on one colour CNN step before the budget could stop it).
      const budget = Number.isFinite(best) ? Math.max(1500, 3 * 2 * STEPS * best) : 30_000;
      const gflops = base.probes?.find((p) => p.name === b)?.gflops;
      const floor = gflops ? (flops ??= trainingStepFlops(w)) / (gflops * 1e6) : 0;
      if (Number.isFinite(best) && floor > 3 * best) {
        probes.push({ name: b, error: `≥ ${floor.toFixed(0)} ms a step at its matMul rate` });
        continue;
      }
      try {
        const ms = await (opts.measure ?? measureTrainingStep)(w, budget, opts.stop);
        best = Math.min(best, ms);
        probes.push({ name: b, msPerStep: ms });
      } catch (e) {
        probes.push({ name: b, error: (e as Error).message });
      }
    }
    if (opts.stop?.()) return keep();
  }
  const usable = probes!.filter((p) => started.includes(p.name));
  const first = pickForWorkload(usable, base.adapter.startsWith('hardware'));
  const ranked = [...usable].sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity));
  if (first) ranked.unshift(first);
  for (const p of ranked) {
    if (p.msPerStep === undefined || !(await switchBackend(p.name, opts))) continue;
    if (!cached) await opts.cache?.set(key, probes!).catch(() => {});
    const workload: WorkloadChoice = { workload: name, pick: p.name, probes: usable, cached };
    return {
      ...base,
      name: p.name,
      gflops: base.probes?.find((q) => q.name === p.name)?.gflops ?? base.gflops,
      reason: `fastest training step for ${name} (ms/step, batch ${WORKLOAD_BATCH}: ${describeWorkloadProbes(usable)}${cached ? ', from this device’s cache' : ''}); at start: ${base.reason}`,
      workload,
    };
  }
  return keep();
}
