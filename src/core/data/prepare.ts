/**
 * Turns a data spec into the train / test datasets a run uses, in one fixed order so the same
 * spec and seed give the same rows everywhere: subset → long-tail imbalance → OOD injection →
 * label noise. Ground truth (true labels, noisy and OOD masks, source rows) is kept.
 */
import { createRng } from '../math/rng';
import type { CorruptionSpec, DatasetChoice, ToySpec } from '../experiment/spec';
import { injectLabelNoise, injectOod, makeLongTail } from './corruptions';
import { subsetDataset, type Dataset } from './dataset';
import { loadImageSplit, loadPrecut, loadSplitLabels, type AssetLoader } from './sources';
import { subsetRows } from './precut';
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
  /** A split's labels alone, where the host can read them without the images. */
  labels?(source: 'mnist' | 'fashion', which: 'train' | 'test'): Promise<Uint8Array>;
  /** Training rows from a pre-cut subset (core/data/precut.ts) made for exactly these rows, if any. */
  precut?(source: 'mnist' | 'fashion', rows: Int32Array): Promise<Dataset | undefined>;
  /** The user's imported data by content hash, where the host keeps it (worker, CLI). */
  custom?(id: string): Promise<{ train: Dataset; test: Dataset }>;
}

/** `make()` once per key; a failed promise is dropped so the next call retries. */
function memo<T>() {
  const cache = new Map<string, Promise<T>>();
  return {
    has: (key: string) => cache.has(key),
    get(key: string, make: () => Promise<T>): Promise<T> {
      let p = cache.get(key);
      if (!p) {
        p = make();
        p.catch(() => cache.delete(key));
        cache.set(key, p);
      }
      return p;
    },
  };
}

export function providerFromLoader(load: AssetLoader): SplitProvider {
  const splits = memo<Dataset>();
  const labels = memo<Uint8Array>();
  const manifest = memo<Uint8Array>();
  // The manifest (which pre-cuts exist) is read once, alongside the training labels.
  const withManifest: AssetLoader = (name) =>
    name === 'manifest.json' ? manifest.get(name, () => load(name)) : load(name);
  const provider: SplitProvider = {
    split: (source, which) => splits.get(`${source}-${which}`, () => loadImageSplit(source, which, load)),
    // A split already loaded has its labels; otherwise the small labels file alone.
    labels: (source, which) => {
      if (which === 'train') withManifest('manifest.json').catch(() => {}); // a pre-cut may follow
      return labels.get(`${source}-${which}`, async () =>
        splits.has(`${source}-${which}`)
          ? (await provider.split(source, which)).labels
          : loadSplitLabels(source, which, load),
      );
    },
    precut: async (source, rows) =>
      loadPrecut(source, rows, await provider.labels!(source, 'train'), withManifest),
  };
  return provider;
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
    // The labels decide the rows; the pixels come from a pre-cut file made for exactly those
    // rows when there is one (a first visit reads 0.8 MB, not 47), else from the whole split.
    const source = spec.dataset;
    // The test split is read meanwhile (a failure surfaces when it is awaited below).
    const testSplit = provider.split(source, 'test');
    testSplit.catch(() => {});
    const labels = await (provider.labels?.(source, 'train') ??
      provider.split(source, 'train').then((d) => d.labels));
    const title = source === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
    if (spec.trainSize > labels.length)
      throw new RangeError(
        `training subset of ${spec.trainSize} requested but ${title} train has ${labels.length} images`,
      );
    sourceSize = labels.length;
    sourceRows = subsetRows(labels, 10, spec.trainSize, spec.seed);
    const name = `${title} ${spec.trainSize.toLocaleString('en')}`;
    const pre = await provider.precut?.(source, sourceRows);
    train = pre ? { ...pre, name } : subsetDataset(await provider.split(source, 'train'), sourceRows, name);
    test = await testSplit;
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
