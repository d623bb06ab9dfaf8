/**
 * Computes the signals a method needs, once per (dataset, model, training settings, seed), and
 * caches them so methods run side by side share one training-dynamics run (docs/design.md,
 * "Data flow": computed once, cached, and reused by every method that asks for it).
 *
 * - 'record': train spec.model for spec.epochs with the recorder (the shared run);
 * - 'inputGradNorms': the same run with input gradients on (it also serves 'record');
 * - 'embeddings': PCA-32 of pixels by default (training-free); toy data: the 2-D points;
 * - 'lastLayerGrads': closed-form gradient embeddings of the run's final model (rebuilt from the
 *   cached weights, so no retraining);
 * - 'hypersphere' and 'ssl' are trained by their methods themselves: accepted here, computed
 *   nothing;
 * - projection2d always: the toy points, or PCA-2 of the pixel PCA (the same map for every
 *   method, so picks of different methods can be compared on it).
 */
import * as tf from '@tensorflow/tfjs';
import { pointsOf, type Dataset } from '../core/data/dataset';
import { dataKeyOf, type PreparedData } from '../core/data/prepare';
import type { ExperimentSpec } from '../core/experiment/spec';
import { AbortError } from '../core/methods/types';
import type { Embeddings, SignalName, Signals } from '../core/signals/types';
import { DEFAULT_PCA_DIM, penultimateEmbeddings, pixelPcaEmbeddings, projection2d } from './embeddings';
import { lastLayerGradEmbeddings } from './lastLayer';
import { buildModel } from './models';
import { createRecorder } from './record';
import {
  createMemorySignalCache,
  type CachedSignal,
  type MemorySignalCache,
  type RecordedRun,
  type SignalCache,
  type WeightArray,
  verifiedSignalCache,
} from './signalCache';
import { nextMacrotask, train } from './train';

export type { CachedSignal, RecordedRun, SignalCache, WeightArray } from './signalCache';

export type SignalProgress = (done: number, message?: string) => void;

export const EMBEDDING_SOURCES = ['pixels', 'penultimate', 'lastLayerGrads', 'file'] as const;
export type EmbeddingSource = (typeof EMBEDDING_SOURCES)[number];

/**
 * A method picks its embeddings with an `embedding` enum param (options ⊆ EMBEDDING_SOURCES);
 * pixels (PCA of the inputs, training-free) otherwise.
 */
export function embeddingSourceOf(params: Readonly<Record<string, unknown>>): EmbeddingSource {
  const v = params.embedding;
  return typeof v === 'string' && (EMBEDDING_SOURCES as readonly string[]).includes(v)
    ? (v as EmbeddingSource)
    : 'pixels';
}

export interface ComputeSignalsOptions {
  /** Persistent layer behind the in-memory cache; defaults to setPersistentSignalCache's. */
  cache?: SignalCache;
  /** What 'embeddings' means (default 'pixels': PCA of the inputs, training-free). */
  embeddingSource?: EmbeddingSource;
  /** PCA dimensions for pixel embeddings (default 32). */
  pcaDim?: number;
  /** Rows per record / embedding batch (inference only). */
  evalBatchSize?: number;
  /** Embeddings / scores from the user's files, already mapped to the training rows. */
  imported?: ImportedForRun;
}

/** What `embedding: file` and the score-from-file method read (ml/imported.ts builds it). */
export interface ImportedForRun {
  embeddings?: Embeddings;
  scores?: { values: Float32Array; name: string };
}

export class MissingImportError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'MissingImportError';
  }
}

/**
 * Bump when a cached value's meaning changes, so stale disk entries are never read.
 * 2: checksummed payloads; pixel PCA of wide (colour) rows is randomized, large images downscaled.
 */
const CACHE_VERSION = 2;
const memory: MemorySignalCache = createMemorySignalCache();
let persistent: SignalCache | undefined;
/** Stored entries dropped as corrupt in this session (most recent last, at most 20): the UI says so. */
const dropped: string[] = [];
let reportCorrupt = (key: string, why: string) =>
  console.warn(`signal cache: a stored entry was corrupt (${why}); dropped, recomputing: ${key}`);
const onCorruptEntry = (key: string, why: string) => {
  dropped.push(why);
  if (dropped.length > 20) dropped.shift();
  reportCorrupt(key, why);
};
const verified = new WeakMap<SignalCache, SignalCache>();

/** Every persistent read and write goes through the checksum layer (once per cache object). */
function checked(cache: SignalCache | undefined): SignalCache | undefined {
  if (!cache) return undefined;
  let v = verified.get(cache);
  if (!v) verified.set(cache, (v = verifiedSignalCache(cache, onCorruptEntry)));
  return v;
}
const inFlight = new Map<string, Promise<CachedSignal>>();

/** The CLI installs its file cache here; the browser its IndexedDB store. */
export function setPersistentSignalCache(
  cache: SignalCache | undefined,
  onCorrupt?: (key: string, why: string) => void,
): void {
  persistent = checked(cache);
  if (onCorrupt) reportCorrupt = onCorrupt;
}

/** Drops the in-memory layer (tests, or a UI "forget signals" action). */
export function clearSignalMemory(): void {
  memory.clear();
}

export function runKey(spec: ExperimentSpec, inputGrads: boolean): string {
  return JSON.stringify([
    'run',
    CACHE_VERSION,
    dataKeyOf(spec),
    spec.model,
    spec.epochs,
    spec.batchSize,
    spec.learningRate,
    spec.seed,
    inputGrads,
  ]);
}

export type CacheWhere = 'memory' | 'stored' | 'none';

export interface SignalCacheState {
  pixelPca: CacheWhere;
  record: CacheWhere;
  recordWithInputGrads: CacheWhere;
  /** Why stored entries were dropped as corrupt this session (each recomputed when next needed). */
  dropped: string[];
}

/** Where the shared signals for `spec` are now, so the UI can say what a run will reuse. */
export async function signalCacheState(spec: ExperimentSpec): Promise<SignalCacheState> {
  const where = async (key: string): Promise<CacheWhere> => {
    if (await memory.get(key)) return 'memory';
    const stored = await persistent?.get(key).catch(() => undefined);
    return stored ? 'stored' : 'none';
  };
  const grads = await where(runKey(spec, true));
  return {
    pixelPca: await where(pixelKey(spec, DEFAULT_PCA_DIM)),
    // A record with input gradients also serves a request without them.
    record: grads !== 'none' ? grads : await where(runKey(spec, false)),
    recordWithInputGrads: grads,
    dropped: [...dropped],
  };
}

function pixelKey(spec: ExperimentSpec, k: number): string {
  return JSON.stringify(['pixel-pca', CACHE_VERSION, dataKeyOf(spec), k]);
}

/**
 * Memory first, then the persistent layer, then `compute` (shared by concurrent callers).
 * `persist: false` keeps large, cheap-to-redo values (gradient embeddings) out of the store.
 */
async function cached(
  key: string,
  store: SignalCache | undefined,
  compute: () => Promise<CachedSignal>,
  persist = true,
  signal?: AbortSignal,
): Promise<{ value: CachedSignal; hit: boolean }> {
  const hit = (await memory.get(key)) ?? (persist ? await store?.get(key) : undefined);
  if (hit) {
    await memory.set(key, hit);
    return { value: hit, hit: true };
  }
  let p = inFlight.get(key);
  const shared = p !== undefined;
  if (!p) {
    p = compute();
    inFlight.set(key, p);
    p.finally(() => inFlight.delete(key)).catch(() => {});
  }
  let value: CachedSignal;
  try {
    value = await p;
  } catch (e) {
    // Another caller's cancel must not cancel us: compute again under our own signal.
    if (shared && e instanceof AbortError && !signal?.aborted)
      return cached(key, store, compute, persist, signal);
    throw e;
  }
  await memory.set(key, value);
  if (persist && store) {
    // The store is an optimisation: a full disk or a blocked IndexedDB must not fail the run.
    await store
      .set(key, value)
      .catch((e: unknown) => console.warn(`signal cache: could not store ${key}: ${String(e)}`));
  }
  return { value, hit: false };
}

async function readWeights(model: tf.LayersModel): Promise<WeightArray[]> {
  // getWeights() returns the live variables: read them, never dispose them.
  const out: WeightArray[] = [];
  for (const w of model.getWeights())
    out.push({ shape: [...w.shape], data: Float32Array.from(await w.data()) });
  return out;
}

/** The spec's model with the run's final weights; the caller disposes it. */
export function modelFromRun(run: RecordedRun, ds: Dataset, spec: ExperimentSpec): tf.LayersModel {
  const model = buildModel(spec.model, { inputShape: ds.shape, numClasses: ds.numClasses }, spec.seed);
  const tensors = run.weights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
  try {
    model.setWeights(tensors);
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(tensors);
  }
  return model;
}

export interface RunOptions {
  inputGrads: boolean;
  signal?: AbortSignal;
  progress?: SignalProgress;
  cache?: SignalCache;
  evalBatchSize?: number;
}

async function trainWithRecorder(
  data: PreparedData,
  spec: ExperimentSpec,
  opts: RunOptions,
): Promise<RecordedRun> {
  const ds = data.train;
  const model = buildModel(spec.model, { inputShape: ds.shape, numClasses: ds.numClasses }, spec.seed);
  // An epoch unit is training plus its record pass; the pass costs about a third of the
  // training step, or as much again with input gradients (bench/record.ts).
  const recordShare = opts.inputGrads ? 0.5 : 0.25;
  const T = spec.epochs;
  let epoch = 0;
  const report = (within: number, what: string) =>
    opts.progress?.((epoch + within) / T, `training-dynamics run: epoch ${epoch + 1}/${T} (${what})`);
  try {
    const recorder = createRecorder(ds, undefined, {
      inputGrads: opts.inputGrads,
      batchSize: opts.evalBatchSize ?? 512,
      signal: opts.signal,
      onProgress: (d) => report(1 - recordShare + recordShare * d, 'record pass'),
    });
    const result = await train(model, ds, {
      epochs: T,
      batchSize: spec.batchSize,
      learningRate: spec.learningRate,
      seed: spec.seed,
      signal: opts.signal,
      onBatch: (r) => report((1 - recordShare) * ((r.batch + 1) / r.batchesPerEpoch), 'training'),
      onEpoch: async (r, m) => {
        await recorder.onEpoch(r, m);
        epoch++;
      },
    });
    return {
      record: recorder.result(),
      weights: await readWeights(model),
      inputGrads: opts.inputGrads,
      epochs: result.epochs,
      trainMs: result.ms - recorder.ms,
      recordMs: recorder.ms,
    };
  } finally {
    model.dispose();
  }
}

/**
 * The shared training-dynamics run for `spec`: from memory, the persistent cache, or trained now.
 * A run recorded with input gradients also serves a request without them (training is the same:
 * the recorder only reads the model).
 */
export async function getRecordedRun(
  data: PreparedData,
  spec: ExperimentSpec,
  opts: RunOptions,
): Promise<{ run: RecordedRun; cached: boolean }> {
  const store = checked(opts.cache) ?? persistent;
  if (!opts.inputGrads) {
    const richer = runKey(spec, true);
    const hit = (await memory.get(richer)) ?? (await store?.get(richer));
    if (hit?.kind === 'run') {
      await memory.set(richer, hit);
      return { run: hit.run, cached: true };
    }
  }
  const key = runKey(spec, opts.inputGrads);
  const { value, hit } = await cached(
    key,
    store,
    async () => ({ kind: 'run', run: await trainWithRecorder(data, spec, opts) }),
    true,
    opts.signal,
  );
  if (value.kind !== 'run') throw new Error(`signal cache: ${key} holds ${value.kind}, expected a run`);
  return { run: value.run, cached: hit };
}

async function pixelEmbeddings(
  data: PreparedData,
  spec: ExperimentSpec,
  k: number,
  store: SignalCache | undefined,
  signal: AbortSignal,
  progress: SignalProgress,
): Promise<Embeddings> {
  const points = pointsOf(data.train);
  if (points) return { data: points, dim: 2, source: 'toy 2-D points' };
  const { value } = await cached(
    pixelKey(spec, k),
    store,
    async () => {
      // Let a queued cancel or progress message through before the synchronous PCA.
      await nextMacrotask();
      if (signal.aborted) throw new AbortError();
      progress(0, `pixel PCA to ${k} dimensions`);
      return {
        kind: 'embeddings',
        embeddings: pixelPcaEmbeddings(data.train, { k, seed: spec.seed, signal, onProgress: progress }),
      };
    },
    true,
    signal,
  );
  if (value.kind !== 'embeddings') throw new Error('signal cache: pixel PCA entry is not embeddings');
  return value.embeddings;
}

/** Phase weights for progress: a rough share of the wall time each phase takes. */
function phasePlan(needs: ReadonlySet<SignalName>, source: EmbeddingSource, image: boolean) {
  const run =
    needs.has('record') ||
    needs.has('inputGradNorms') ||
    needs.has('lastLayerGrads') ||
    (needs.has('embeddings') && source !== 'pixels' && source !== 'file');
  const w = {
    pixels: image ? 0.1 : 0,
    run: run ? 0.8 : 0,
    model:
      needs.has('lastLayerGrads') || (needs.has('embeddings') && source !== 'pixels' && source !== 'file')
        ? 0.1
        : 0,
  };
  const total = w.pixels + w.run + w.model || 1;
  return { run, pixels: w.pixels / total, runShare: w.run / total, model: w.model / total };
}

export async function computeSignals(
  needs: readonly SignalName[],
  data: PreparedData,
  spec: ExperimentSpec,
  progress: SignalProgress,
  signal: AbortSignal,
  options: ComputeSignalsOptions = {},
): Promise<Signals> {
  const ds = data.train;
  const want = new Set(needs);
  const store = checked(options.cache) ?? persistent;
  const source = options.embeddingSource ?? 'pixels';
  const k = options.pcaDim ?? DEFAULT_PCA_DIM;
  const plan = phasePlan(want, source, pointsOf(ds) === undefined);
  const signals: Signals = {
    n: ds.labels.length,
    numClasses: ds.numClasses,
    labels: ds.labels,
    classNames: ds.classNames,
  };
  if (data.truth.noisyMask) signals.noisyMask = data.truth.noisyMask;
  if (data.truth.oodMask) signals.oodMask = data.truth.oodMask;
  if (ds.strata) signals.strata = ds.strata;
  const phase =
    (from: number, share: number): SignalProgress =>
    (d, m) =>
      progress(from + share * Math.min(1, d), m);

  // Pixel PCA first: it is cheap, training-free and gives the projection every method draws on.
  const pixels = await pixelEmbeddings(data, spec, k, store, signal, phase(0, plan.pixels));
  signals.projection2d = pointsOf(ds) ?? projection2d(pixels, spec.seed);
  if (want.has('embeddings') && source === 'pixels') signals.embeddings = pixels;
  if (want.has('embeddings') && source === 'file') {
    if (!options.imported?.embeddings)
      throw new MissingImportError(
        'embedding = file, but no embeddings file is loaded: pass --embeddings FILE (CLI) or import one beside the data (app)',
      );
    signals.embeddings = options.imported.embeddings;
  }
  if (options.imported?.scores) signals.fileScores = options.imported.scores;

  let done = plan.pixels;
  if (plan.run) {
    const inputGrads = want.has('inputGradNorms');
    const { run } = await getRecordedRun(data, spec, {
      inputGrads,
      signal,
      cache: store,
      evalBatchSize: options.evalBatchSize,
      progress: phase(done, plan.runShare),
    });
    done += plan.runShare;
    if (want.has('record') || want.has('inputGradNorms')) signals.record = run.record;
    const modelNeeds =
      want.has('lastLayerGrads') || (want.has('embeddings') && source !== 'pixels' && source !== 'file');
    if (modelNeeds) {
      const prefix = runKey(spec, run.inputGrads);
      const fromModel = async (what: 'llg' | 'penultimate') => {
        const { value } = await cached(
          JSON.stringify([what, prefix]),
          store,
          async () => {
            const model = modelFromRun(run, ds, spec);
            try {
              const o = {
                batchSize: options.evalBatchSize ?? 512,
                signal,
                onProgress: phase(done, plan.model),
              };
              const embeddings =
                what === 'llg'
                  ? await lastLayerGradEmbeddings(model, ds, o)
                  : await penultimateEmbeddings(model, ds, { ...o, label: spec.model });
              return { kind: 'embeddings', embeddings };
            } finally {
              model.dispose();
            }
          },
          // One inference pass recomputes these from the cached weights: not worth disk space.
          false,
          signal,
        );
        if (value.kind !== 'embeddings') throw new Error(`signal cache: ${what} entry is not embeddings`);
        return value.embeddings;
      };
      if (want.has('lastLayerGrads')) signals.lastLayerGrads = await fromModel('llg');
      if (want.has('embeddings') && source === 'lastLayerGrads')
        signals.embeddings = signals.lastLayerGrads ?? (await fromModel('llg'));
      if (want.has('embeddings') && source === 'penultimate')
        signals.embeddings = await fromModel('penultimate');
    }
  }
  // 'hypersphere' and 'ssl' are trained inside their methods (HyperCore, RETRIEVE): nothing here.
  progress(1);
  return signals;
}
