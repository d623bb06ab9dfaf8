/**
 * The user's own data → train / test Datasets: a ZIP or folder of class subfolders of PNG /
 * JPEG images, an IDX pair (images beside labels), or a CSV of label + pixels. Everything is
 * parsed as data (never executed or inserted as markup), capped before it can exhaust memory,
 * and refused with an ImportError that says what is wrong and where. Without train/ and test/
 * folders, a seeded stratified 20 % becomes the test split.
 */
import { validateDataset, type Dataset } from '../dataset';
import { DataFormatError, parseIdx, parseIdxPair } from '../idx';
import { createRng, type Rng } from '../../math/rng';
import { parseCsv } from './csv';
import { DEFAULT_LIMITS, ImportError, mb, type ImportLimits } from './errors';
import { readClassFolders, type FileEntry } from './folder';
import { sniff } from './sniff';
import { readZip } from './zip';
import { utf8 } from './utf8';

export interface ImportOptions {
  limits?: ImportLimits;
  /** Resize every image to this size (the fix offered for mixed sizes). */
  resize?: { width: number; height: number };
  /** Test share when the data has no train/test folders (default 0.2). */
  testFraction?: number;
  seed?: number;
  /** Folders seen beside the files (a folder upload or a directory on disk): empty class folders are reported. */
  dirs?: string[];
}

export interface ImportReport {
  source: 'zip' | 'folder' | 'csv' | 'idx';
  name: string;
  samples: number;
  classNames: string[];
  shape: number[];
  split: 'folders' | 'seeded';
  /** Content hash: the same data gives the same key (caches, results). */
  hash: string;
}

export interface ImportedData {
  train: Dataset;
  test: Dataset;
  report: ImportReport;
}

interface Raw {
  source: ImportReport['source'];
  pixels: Uint8Array;
  labels: string[];
  shape: number[];
  split?: ('train' | 'test')[];
}

export function importFiles(files: FileEntry[], name: string, opts: ImportOptions = {}): ImportedData {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  if (files.length === 0) throw new ImportError('empty', 'nothing to import: no files were given');
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  if (bytes > limits.maxBytes) throw new ImportError('too-large', `${name} is ${mb(bytes)}; at most ${mb(limits.maxBytes)} are accepted`);
  return build(read(files, opts.dirs ?? [], name, limits, opts), name, opts);
}

function read(files: FileEntry[], dirs: string[], name: string, limits: ImportLimits, opts: ImportOptions): Raw {
  const kinds = files.map((f) => sniff(f.bytes));
  if (files.length === 1 && kinds[0] === 'zip') {
    const zip = readZip(files[0]!.bytes, name, limits);
    const inner = zip.files.map((f) => sniff(f.bytes));
    if (zip.files.length === 1 && inner[0] === 'text') return read(zip.files, [], name, limits, opts);
    if (zip.files.length === 2 && inner.every((k) => k === 'idx')) return read(zip.files, [], name, limits, opts);
    return { ...folderRaw(zip.files, zip.dirs, name, limits, opts), source: 'zip' };
  }
  if (files.length === 1 && kinds[0] === 'text') {
    const t = parseCsv(utf8(files[0]!.bytes), name, limits);
    const side = Math.round(Math.sqrt(t.width));
    return { source: 'csv', pixels: t.values, labels: t.labels, shape: side * side === t.width ? [side, side, 1] : [t.width] };
  }
  if (kinds.every((k) => k === 'idx')) return idxRaw(files, name);
  if (files.length === 1 && kinds[0] === 'unknown')
    throw new ImportError('unsupported', `${name} is not a ZIP, CSV, IDX or PNG / JPEG file`);
  return { ...folderRaw(files, dirs, name, limits, opts), source: 'folder' };
}

function folderRaw(files: FileEntry[], dirs: string[], name: string, limits: ImportLimits, opts: ImportOptions) {
  const r = readClassFolders(files, dirs, name, limits, opts.resize);
  if (r.emptyClasses.length)
    throw new ImportError('empty-class', `${name}: the class folder${r.emptyClasses.length > 1 ? 's' : ''} ${r.emptyClasses.map((c) => `"${c}"`).join(', ')} hold${r.emptyClasses.length > 1 ? '' : 's'} no images`);
  const { width, height } = r.images[0]!;
  const pixels = new Uint8Array(r.images.length * width * height);
  r.images.forEach((im, i) => pixels.set(im.pixels, i * width * height));
  return { pixels, labels: r.labels, shape: [height, width, 1], split: r.split };
}

function idxRaw(files: FileEntry[], name: string): Raw {
  if (files.length !== 2)
    throw new ImportError('bad-idx', `${name}: an IDX images file needs its labels file beside it; select both (got ${files.length} IDX file${files.length > 1 ? 's' : ''})`);
  let dims: number[][];
  try {
    dims = files.map((f) => parseIdx(f.bytes, f.path).dims);
  } catch (e) {
    throw new ImportError('bad-idx', (e as Error).message);
  }
  const img = dims.findIndex((d) => d.length === 3);
  const lab = dims.findIndex((d) => d.length === 1);
  if (img < 0 || lab < 0)
    throw new ImportError('bad-idx', `${name}: expected one images file (count×rows×cols) and one labels file (count); got ${dims.map((d) => d.length + '-D').join(' and ')}`);
  const [nImg] = dims[img]!;
  const [nLab] = dims[lab]!;
  if (nLab! > nImg!) throw new ImportError('labels-without-images', `${name}: ${nLab} labels but only ${nImg} images; ${nLab! - nImg!} labels have no image`);
  try {
    const p = parseIdxPair(files[img]!.bytes, files[lab]!.bytes, name);
    return { source: 'idx', pixels: p.pixels, labels: Array.from(p.labels, String), shape: [p.height, p.width, 1] };
  } catch (e) {
    if (e instanceof DataFormatError) throw new ImportError('bad-idx', e.message);
    throw e;
  }
}

function build(raw: Raw, name: string, opts: ImportOptions): ImportedData {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const n = raw.labels.length;
  if (n > limits.maxImages) throw new ImportError('too-many', `${name} holds ${n} samples; at most ${limits.maxImages} are accepted`);
  const names = [...new Set(raw.labels)];
  const numeric = names.every((c) => /^-?\d+(\.\d+)?$/.test(c));
  names.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b));
  if (names.length < 2)
    throw new ImportError('single-class', `${name} has only one class ("${names[0]}"); selection and training need at least two`);
  if (names.length > limits.maxClasses)
    throw new ImportError('too-many', `${name} has ${names.length} classes; at most ${limits.maxClasses} are supported`);
  const index = new Map(names.map((c, i) => [c, i]));
  const labels = Uint8Array.from(raw.labels, (l) => index.get(l)!);
  const dim = raw.shape.reduce((a, b) => a * b, 1);
  const full: Dataset = validateDataset({
    id: 'custom',
    name,
    x: raw.pixels,
    scale: 1 / 255,
    shape: raw.shape,
    labels,
    numClasses: names.length,
    classNames: names,
  });
  let trainRows: Int32Array;
  let testRows: Int32Array;
  const folderSplit = raw.split && raw.split.includes('test') && raw.split.includes('train');
  if (folderSplit) {
    trainRows = Int32Array.from(raw.split!.flatMap((s, i) => (s === 'train' ? [i] : [])));
    testRows = Int32Array.from(raw.split!.flatMap((s, i) => (s === 'test' ? [i] : [])));
  } else {
    const s = holdOut(labels, names.length, opts.testFraction ?? 0.2, createRng(opts.seed ?? 1).fork('import-split'));
    trainRows = s.train;
    testRows = s.test;
  }
  if (testRows.length === 0) throw new ImportError('empty', `${name}: too few samples to hold any out for testing`);
  const sub = (rows: Int32Array, suffix: string): Dataset => ({
    ...full,
    name: `${name} ${suffix}`,
    x: gather(full.x as Uint8Array, rows, dim),
    labels: Uint8Array.from(rows, (r) => labels[r]!),
  });
  return {
    train: sub(trainRows, 'train'),
    test: sub(testRows, 'test'),
    report: {
      source: raw.source,
      name,
      samples: n,
      classNames: names,
      shape: raw.shape,
      split: folderSplit ? 'folders' : 'seeded',
      hash: contentHash(raw.pixels, labels),
    },
  };
}

/**
 * Seeded, stratified: each class holds out round(f·N_c) rows, but at least one when it has two
 * or more, so a small import still tests every class it can.
 */
function holdOut(labels: Uint8Array, numClasses: number, f: number, rng: Rng): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const rows: number[] = [];
    labels.forEach((l, i) => l === c && rows.push(i));
    const order = rng.fork(`class-${c}`).sample(rows.length, rows.length);
    const h = rows.length >= 2 ? Math.max(1, Math.round(rows.length * f)) : 0;
    order.forEach((p, j) => (j < h ? test : train).push(rows[p]!));
  }
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

function gather(x: Uint8Array, rows: Int32Array, dim: number): Uint8Array {
  const out = new Uint8Array(rows.length * dim);
  rows.forEach((r, i) => out.set(x.subarray(r * dim, r * dim + dim), i * dim));
  return out;
}

/** FNV-1a over pixels and labels, as 8 hex digits. */
export function contentHash(pixels: Uint8Array, labels: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const arr of [pixels, labels])
    for (let i = 0; i < arr.length; i++) h = Math.imul(h ^ arr[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
