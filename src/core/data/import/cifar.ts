/**
 * CIFAR-10 and CIFAR-100 in their official binary form (the `*-binary.tar.gz` archives, or the
 * .bin files themselves). CIFAR-10: `data_batch_1..5.bin` and `test_batch.bin`, records of one
 * label byte + 3,072 bytes (R, G and B planes of 32×32), names in `batches.meta.txt`.
 * CIFAR-100: `train.bin` and `test.bin`, records of a coarse and a fine label byte + 3,072
 * bytes, names in `fine_label_names.txt` and `coarse_label_names.txt`. The official train / test
 * split is kept; the fine label is the class and the coarse one a stratum (superclass).
 */
import { ImportError, type ImportLimits } from './errors';
import type { FileEntry } from './folder';
import { pathParts } from './layout';
import { utf8 } from './utf8';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const IMAGE = PLANE * 3;

export interface CifarData {
  pixels: Uint8Array;
  labels: Uint8Array;
  classNames: string[];
  split: ('train' | 'test')[];
  /** `batch.bin#record` per row: where the record came from, in file order. */
  paths: string[];
  coarse?: { of: Uint8Array; names: string[] };
}

const base = (p: string) => pathParts(p).pop() ?? p;
const isCifar10Batch = (p: string) => /^(data_batch_\d+|test_batch)\.bin$/.test(base(p));
const isCifar100Bin = (p: string) => /^(train|test)\.bin$/.test(base(p));

/** Whether these files are a CIFAR binary release (what the importer then reads with readCifar). */
export function looksLikeCifar(files: FileEntry[]): boolean {
  if (files.some((f) => isCifar10Batch(f.path))) return true;
  const hasNames = files.some((f) => /^(fine|coarse)_label_names\.txt$/.test(base(f.path)));
  return (
    files.some((f) => isCifar100Bin(f.path)) && (hasNames || files.some((f) => /cifar-100/i.test(f.path)))
  );
}

export function readCifar(files: FileEntry[], name: string, limits: ImportLimits): CifarData {
  const ten = files.some((f) => isCifar10Batch(f.path));
  const batches = files
    .filter((f) => (ten ? isCifar10Batch(f.path) : isCifar100Bin(f.path)))
    .sort((a, b) => order(a.path) - order(b.path));
  const record = (ten ? 1 : 2) + IMAGE;
  let n = 0;
  for (const b of batches) {
    if (b.bytes.length % record !== 0)
      throw new ImportError(
        'bad-cifar',
        `${name}: ${b.path} is ${b.bytes.length} bytes, not a whole number of ${record}-byte ${ten ? 'CIFAR-10' : 'CIFAR-100'} records (truncated?)`,
      );
    n += b.bytes.length / record;
  }
  if (n > limits.maxImages)
    throw new ImportError('too-many', `${name} holds ${n} images; at most ${limits.maxImages} are accepted`);
  if (n * IMAGE > limits.maxPixels)
    throw new ImportError(
      'too-large',
      `${name}: ${n} images decode to ${Math.round((n * IMAGE) / 1e6)} M values; at most ${Math.round(limits.maxPixels / 1e6)} M are accepted`,
    );
  const classNames = namesFrom(
    files,
    ten ? 'batches.meta.txt' : 'fine_label_names.txt',
    ten ? 10 : 100,
    name,
  );
  const coarseNames = ten ? undefined : namesFrom(files, 'coarse_label_names.txt', 20, name);
  const pixels = new Uint8Array(n * IMAGE);
  const labels = new Uint8Array(n);
  const coarse = ten ? undefined : new Uint8Array(n);
  const split: ('train' | 'test')[] = [];
  const paths: string[] = [];
  let row = 0;
  for (const b of batches) {
    const which = /test/.test(base(b.path)) ? 'test' : 'train';
    for (let r = 0; r < b.bytes.length / record; r++, row++) {
      const at = r * record;
      const label = b.bytes[at + record - IMAGE - 1]!;
      if (label >= classNames.length)
        throw new ImportError(
          'bad-cifar',
          `${name}: ${b.path} record ${r} has label ${label}; there are ${classNames.length} classes`,
        );
      labels[row] = label;
      if (coarse) {
        const c = b.bytes[at]!;
        if (c >= coarseNames!.length)
          throw new ImportError(
            'bad-cifar',
            `${name}: ${b.path} record ${r} has coarse label ${c}; there are ${coarseNames!.length}`,
          );
        coarse[row] = c;
      }
      // Planes R, G, B → interleaved R G B per pixel.
      const src = at + record - IMAGE;
      const dst = row * IMAGE;
      for (let i = 0; i < PLANE; i++) {
        pixels[dst + i * 3] = b.bytes[src + i]!;
        pixels[dst + i * 3 + 1] = b.bytes[src + PLANE + i]!;
        pixels[dst + i * 3 + 2] = b.bytes[src + 2 * PLANE + i]!;
      }
      split.push(which);
      paths.push(`${b.path}#${r}`);
    }
  }
  if (!split.includes('train') || !split.includes('test'))
    throw new ImportError(
      'bad-cifar',
      `${name}: a CIFAR release needs its training and its test batches; found only ${split.includes('train') ? 'training' : 'test'} batches`,
    );
  return { pixels, labels, classNames, split, paths, coarse: coarse && { of: coarse, names: coarseNames! } };
}

/** Training batches in number order, then the test batch: the official record order. */
function order(path: string): number {
  const b = base(path);
  if (/test/.test(b)) return 1e6;
  return Number(/(\d+)/.exec(b)?.[1] ?? 0);
}

/** One name per line; the class number where the file is missing (the .bin files alone). */
function namesFrom(files: FileEntry[], file: string, count: number, name: string): string[] {
  const f = files.find((e) => base(e.path) === file);
  if (!f) return Array.from({ length: count }, (_, i) => String(i));
  const names = utf8(f.bytes)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length !== count)
    throw new ImportError(
      'bad-cifar',
      `${name}: ${f.path} lists ${names.length} names; ${count} are expected`,
    );
  if (new Set(names).size !== count)
    throw new ImportError('bad-cifar', `${name}: ${f.path} repeats a class name`);
  return names;
}
