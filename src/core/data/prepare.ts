/**
 * Turns a data spec into the train / test datasets a run uses, in one fixed order so the same
 * spec and seed give the same rows everywhere: subset → long-tail imbalance → OOD injection →
 * label noise. Ground truth (true labels, noisy and OOD masks, source rows) is kept.
 */
import { createRng } from '../math/rng';
import type { CorruptionSpec, DatasetChoice, ToySpec } from '../experiment/spec';
import { injectLabelNoise, injectOod, makeLongTail } from './corruptions';
import { subsetDataset, type Dataset } from './dataset';
import { loadImageSplit, type AssetLoader } from './sources';
import { stratifiedSubset } from './split';
import { makeToy } from './toy';
import { RADIO_TEST_SIZE, RADIO_VERSION, makeRadio } from './radio';

export interface DataSpec {
  dataset: DatasetChoice;
  trainSize: number;
  toy: ToySpec;
  corruption: CorruptionSpec;
  seed: number;
  /** dataset 'custom': which imported data (its content hash). */
  customId?: string;
}

/** Identifies a prepared dataset: the same key means the same rows, labels and masks. */
export function dataKeyOf(spec: DataSpec): string {
  const toy = spec.dataset === 'toy' ? spec.toy : undefined;
  const size = spec.dataset === 'toy' ? undefined : spec.trainSize;
  const key: unknown[] =
    spec.dataset === 'custom'
      ? [spec.dataset, spec.customId, spec.corruption, spec.seed]
      : [spec.dataset, size, toy, spec.corruption, spec.seed];
  // Generated data: the generator's version is part of what the rows are (stale caches miss).
  if (spec.dataset === 'radio') key.push(RADIO_VERSION);
  return JSON.stringify(key);
}

export interface GroundTruth {
  /** Labels before noise injection. */
  trueLabels: Uint8Array;
  noisyMask?: Uint8Array;
  oodMask?: Uint8Array;
  /** For each training row, its row in the standard training set (toy, radio: itself). */
  sourceRows: Int32Array;
  /** Rows in that numbering (the whole standard training file: 60,000 for MNIST). */
  sourceSize: number;
}

export interface PreparedData {
  train: Dataset;
  test: Dataset;
  truth: GroundTruth;
}

/** Full splits are cached by the caller; this only needs a way to read them. */
export interface SplitProvider {
  split(source: 'mnist' | 'fashion', which: 'train' | 'test'): Promise<Dataset>;
  /** The user's imported data by content hash, where the host keeps it (worker, CLI). */
  custom?(id: string): Promise<{ train: Dataset; test: Dataset }>;
}

export function providerFromLoader(load: AssetLoader): SplitProvider {
  const cache = new Map<string, Promise<Dataset>>();
  return {
    split(source, which) {
      const key = `${source}-${which}`;
      let p = cache.get(key);
      if (!p) {
        p = loadImageSplit(source, which, load);
        // A failed load must not poison the cache: the next call retries.
        p.catch(() => cache.delete(key));
        cache.set(key, p);
      }
      return p;
    },
  };
}

export async function prepareData(spec: DataSpec, provider: SplitProvider): Promise<PreparedData> {
  const rng = createRng(spec.seed);
  let train: Dataset;
  let test: Dataset;
  let sourceRows: Int32Array;
  let sourceSize: number;
  if (spec.dataset === 'toy') {
    train = makeToy({ ...spec.toy, seed: spec.seed });
    test = { ...makeToy({ ...spec.toy, seed: spec.seed + 7919 }), name: `${train.name} test` };
    sourceRows = Int32Array.from({ length: train.labels.length }, (_, i) => i);
    sourceSize = train.labels.length;
  } else if (spec.dataset === 'radio') {
    // Generated, not loaded: trainSize rows from the seed, the test split from another seed.
    train = makeRadio({ n: spec.trainSize, seed: spec.seed });
    test = makeRadio({ n: RADIO_TEST_SIZE, seed: spec.seed + 7919, name: 'radio I/Q test' });
    sourceRows = Int32Array.from({ length: train.labels.length }, (_, i) => i);
    sourceSize = train.labels.length;
  } else if (spec.dataset === 'custom') {
    // Imported data: every imported training row (its own split), corruptions as usual.
    const id = spec.customId ?? '';
    if (!provider.custom) throw new RangeError('imported data is not available here');
    ({ train, test } = await provider.custom(id));
    sourceRows = Int32Array.from({ length: train.labels.length }, (_, i) => i);
    sourceSize = train.labels.length;
  } else {
    const full = await provider.split(spec.dataset, 'train');
    test = await provider.split(spec.dataset, 'test');
    if (spec.trainSize > full.labels.length)
      throw new RangeError(
        `training subset of ${spec.trainSize} requested but ${full.name} has ${full.labels.length} images`,
      );
    sourceSize = full.labels.length;
    sourceRows = stratifiedSubset(full.labels, full.numClasses, spec.trainSize, rng.fork('subset'));
    train = subsetDataset(
      full,
      sourceRows,
      `${full.name.replace(/ train$/, '')} ${spec.trainSize.toLocaleString('en')}`,
    );
  }
  const c = spec.corruption;
  if (c.imbalance > 1) {
    const lt = makeLongTail(train, c.imbalance, rng.fork('imbalance'));
    train = lt.dataset;
    sourceRows = Int32Array.from(lt.sourceRows, (r) => sourceRows[r]!);
  }
  const truth: GroundTruth = { trueLabels: train.labels.slice(), sourceRows, sourceSize };
  if (c.ood > 0) {
    if (spec.dataset === 'toy' || spec.dataset === 'radio' || spec.dataset === 'custom')
      throw new RangeError(`OOD injection needs an image dataset, not ${spec.dataset}`);
    const other = await provider.split(spec.dataset === 'mnist' ? 'fashion' : 'mnist', 'train');
    const r = injectOod(train, other, c.ood, rng.fork('ood'));
    train = r.dataset;
    truth.oodMask = r.oodMask;
    truth.trueLabels = train.labels.slice();
  }
  if (c.noise > 0) {
    const r = injectLabelNoise(train, c.noise, c.noiseType, rng.fork('noise'));
    train = r.dataset;
    truth.noisyMask = r.noisyMask;
  }
  return { train, test, truth };
}
