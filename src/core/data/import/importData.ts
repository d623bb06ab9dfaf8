/**
 * The user's own data → train / test Datasets: class folders of PNG / JPEG images (in a ZIP, a
 * tar or tar.gz, or a picked folder; split folders such as train/ valid/ test/ kept), CIFAR-10
 * and CIFAR-100 binary releases, an IDX pair (gzipped or not), or a CSV of label + pixels.
 * Everything is parsed as data (never executed or inserted as markup), capped before it can
 * exhaust memory, and refused with an ImportError that says what is wrong and where. Without
 * split folders, a seeded stratified 20 % becomes the test split.
 */
import { validateDataset, type Dataset, type DatasetStrata } from '../dataset';
import { DataFormatError, parseIdx, parseIdxPair } from '../idx';
import { createRng, type Rng } from '../../math/rng';
import { looksLikeCifar, readCifar } from './cifar';
import { parseCsv } from './csv';
import { DEFAULT_LIMITS, ImportError, mb, type ImportLimits } from './errors';
import { readClassFolders, type FileEntry } from './folder';
import { isJunkPath, type SplitName } from './layout';
import { sniff } from './sniff';
import { unpack } from './unpack';
import { utf8Strict } from './utf8';

export interface ImportOptions {
  limits?: ImportLimits;
  /** Resize every image to this size (the fix offered for mixed sizes). */
  resize?: { width: number; height: number };
  /** Test share when the data has no split folders (default 0.2). */
  testFraction?: number;
  seed?: number;
  /** Folders seen beside the files (a folder upload or a directory on disk): empty class folders are reported. */
  dirs?: string[];
}

export interface ImportReport {
  source: 'zip' | 'tar' | 'folder' | 'csv' | 'idx' | 'cifar-10' | 'cifar-100' | 'built-in';
  name: string;
  samples: number;
  classNames: string[];
  /** [height, width, channels] for images, [dim] for feature vectors. */
  shape: number[];
  /** 'folders': the data's own split (split folders, CIFAR batches); 'seeded': 20 % held out. */
  split: 'folders' | 'seeded';
  /** Rows in a validation folder kept apart (neither trained nor tested on); 0 when none. */
  valSamples: number;
  /** What the importer decided that the user should know (a validation folder used as the test split, notes skipped). */
  notes: string[];
  /** Content hash of everything a signal depends on here: pixels, labels, shape, class names and the split. */
  hash: string;
}

export interface ImportedData {
  train: Dataset;
  test: Dataset;
  /** The validation folder's rows, when the data had train, validation and test folders. */
  val?: Dataset;
  report: ImportReport;
}

/** Data already in arrays (the built-in colour set): labels index classNames; rows in order. */
export interface Raw {
  source: ImportReport['source'];
  pixels: Uint8Array;
  labels: Uint8Array;
  classNames: string[];
  shape: number[];
  split?: SplitName[];
  sourceNames: string[];
  strata?: DatasetStrata;
  notes: string[];
}

export function importFiles(files: FileEntry[], name: string, opts: ImportOptions = {}): ImportedData {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  if (files.length === 0) throw new ImportError('empty', 'nothing to import: no files were given');
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  if (bytes > limits.maxBytes)
    throw new ImportError(
      'too-large',
      `${name} is ${mb(bytes)}; at most ${mb(limits.maxBytes)} are accepted`,
    );
  return build(read(files, opts.dirs ?? [], name, limits, opts), name, opts);
}

function read(
  given: FileEntry[],
  givenDirs: string[],
  name: string,
  limits: ImportLimits,
  opts: ImportOptions,
): Raw {
  const { files: all, dirs, container } = unpack(given, givenDirs, name, limits);
  const files = all.filter((f) => !isJunkPath(f.path));
  if (files.length === 0) throw new ImportError('empty', `${name} holds no data files`);
  if (looksLikeCifar(files)) return cifarRaw(files, name, limits);
  const kinds = files.map((f) => sniff(f.bytes));
  if (files.length === 1 && (kinds[0] === 'text' || kinds[0] === 'utf16')) {
    const f = files[0]!;
    const t = parseCsv(utf8Strict(f.bytes, f.path), f.path, limits);
    const side = Math.round(Math.sqrt(t.width));
    return {
      source: 'csv',
      pixels: t.values,
      ...indexLabels(t.labels, name, limits),
      shape: side * side === t.width ? [side, side, 1] : [t.width],
      sourceNames: t.lines.map((l) => `${f.path}:${l}`),
      notes: [],
    };
  }
  if (kinds.every((k) => k === 'idx')) return idxRaw(files, name, limits);
  if (files.length === 1 && kinds[0] === 'unknown')
    throw new ImportError(
      'unsupported',
      `${name} is not a ZIP, tar, gzip, CSV, IDX, CIFAR or PNG / JPEG file`,
    );
  const source: Raw['source'] = container === 'zip' ? 'zip' : container === 'tar' ? 'tar' : 'folder';
  return { ...folderRaw(files, dirs, name, limits, opts), source };
}

function cifarRaw(files: FileEntry[], name: string, limits: ImportLimits): Raw {
  const c = readCifar(files, name, limits);
  return {
    source: c.coarse ? 'cifar-100' : 'cifar-10',
    pixels: c.pixels,
    labels: c.labels,
    classNames: c.classNames,
    shape: [32, 32, 3],
    split: c.split,
    sourceNames: c.paths,
    strata: c.coarse && { name: 'superclass', of: c.coarse.of, names: c.coarse.names },
    notes: [],
  };
}

/** Label strings → bytes, classes sorted (numerically when every name is a number). */
function indexLabels(
  raw: string[],
  name: string,
  limits: ImportLimits,
): { labels: Uint8Array; classNames: string[] } {
  const names = [...new Set(raw)];
  const numeric = names.every((c) => /^-?\d+(\.\d+)?$/.test(c));
  names.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b));
  if (names.length > limits.maxClasses)
    throw new ImportError(
      'too-many',
      `${name} has ${names.length} classes; at most ${limits.maxClasses} are supported`,
    );
  const index = new Map(names.map((c, i) => [c, i]));
  return { labels: Uint8Array.from(raw, (l) => index.get(l)!), classNames: names };
}

function folderRaw(
  files: FileEntry[],
  dirs: string[],
  name: string,
  limits: ImportLimits,
  opts: ImportOptions,
): Omit<Raw, 'source'> {
  const r = readClassFolders(files, dirs, name, limits, opts.resize);
  if (r.emptyClasses.length)
    throw new ImportError(
      'empty-class',
      `${name}: the class folder${r.emptyClasses.length > 1 ? 's' : ''} ${r.emptyClasses.map((c) => `"${c}"`).join(', ')} hold${r.emptyClasses.length > 1 ? '' : 's'} no images`,
    );
  const { width, height, channels } = r.images[0]!;
  const dim = width * height * channels;
  const pixels = new Uint8Array(r.images.length * dim);
  r.images.forEach((im, i) => pixels.set(im.pixels, i * dim));
  return {
    pixels,
    ...indexLabels(r.labels, name, limits),
    shape: [height, width, channels],
    split: r.split,
    sourceNames: r.paths,
    notes: r.skipped.length ? [`skipped ${r.skipped.join(', ')} (not images)`] : [],
  };
}

function idxRaw(files: FileEntry[], name: string, limits: ImportLimits): Raw {
  if (files.length !== 2)
    throw new ImportError(
      'bad-idx',
      `${name}: an IDX images file needs its labels file beside it; select both (got ${files.length} IDX file${files.length > 1 ? 's' : ''})`,
    );
  let dims: number[][];
  try {
    dims = files.map((f) => parseIdx(f.bytes, f.path).dims);
  } catch (e) {
    throw new ImportError('bad-idx', (e as Error).message);
  }
  const img = dims.findIndex((d) => d.length === 3);
  const lab = dims.findIndex((d) => d.length === 1);
  if (img < 0 || lab < 0)
    throw new ImportError(
      'bad-idx',
      `${name}: expected one images file (count×rows×cols) and one labels file (count); got ${dims.map((d) => d.length + '-D').join(' and ')}`,
    );
  const [nImg] = dims[img]!;
  const [nLab] = dims[lab]!;
  if (nLab! > nImg!)
    throw new ImportError(
      'labels-without-images',
      `${name}: ${nLab} labels but only ${nImg} images; ${nLab! - nImg!} labels have no image`,
    );
  try {
    const p = parseIdxPair(files[img]!.bytes, files[lab]!.bytes, name);
    const path = files[img]!.path;
    return {
      source: 'idx',
      pixels: p.pixels,
      ...indexLabels(Array.from(p.labels, String), name, limits),
      shape: [p.height, p.width, 1],
      sourceNames: Array.from(p.labels, (_, i) => `${path}#${i}`),
      notes: [],
    };
  } catch (e) {
    if (e instanceof DataFormatError) throw new ImportError('bad-idx', e.message);
    throw e;
  }
}

function rowsOf(split: SplitName[], which: SplitName): Int32Array {
  return Int32Array.from(split.flatMap((s, i) => (s === which ? [i] : [])));
}

/** Arrays → train / test Datasets, with the same checks, split rules and hash as files. */
export function importArrays(raw: Raw, name: string, opts: ImportOptions = {}): ImportedData {
  return build(raw, name, opts);
}

function build(raw: Raw, name: string, opts: ImportOptions): ImportedData {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const n = raw.labels.length;
  if (n > limits.maxImages)
    throw new ImportError('too-many', `${name} holds ${n} samples; at most ${limits.maxImages} are accepted`);
  const names = raw.classNames;
  if (new Set(raw.labels).size < 2)
    throw new ImportError(
      'single-class',
      `${name} has only one class ("${names[raw.labels[0]!]}"); selection and training need at least two`,
    );
  const dim = raw.shape.reduce((a, b) => a * b, 1);
  const full: Dataset = validateDataset({
    id: 'custom',
    name,
    x: raw.pixels,
    scale: 1 / 255,
    shape: raw.shape,
    labels: raw.labels,
    numClasses: names.length,
    classNames: names,
    sourceNames: raw.sourceNames,
    ...(raw.strata && { strata: raw.strata }),
  });
  let trainRows: Int32Array;
  let testRows: Int32Array;
  let valRows: Int32Array = new Int32Array(0);
  const notes = [...raw.notes];
  const has = (s: SplitName) => raw.split?.includes(s) ?? false;
  const folderSplit = has('train') && (has('test') || has('val'));
  if (folderSplit) {
    trainRows = rowsOf(raw.split!, 'train');
    if (has('test')) {
      testRows = rowsOf(raw.split!, 'test');
      valRows = rowsOf(raw.split!, 'val');
      if (valRows.length)
        notes.push(
          `${valRows.length} images in the validation folder are kept apart (not trained or tested on)`,
        );
    } else {
      testRows = rowsOf(raw.split!, 'val');
      notes.push('no test folder: the validation folder is the held-out test split');
    }
  } else {
    if (raw.split && !has('train'))
      notes.push('no training folder: the split folders were pooled and 20 % held out');
    const s = holdOut(
      raw.labels,
      names.length,
      opts.testFraction ?? 0.2,
      createRng(opts.seed ?? 1).fork('import-split'),
    );
    trainRows = s.train;
    testRows = s.test;
  }
  if (testRows.length === 0)
    throw new ImportError('empty', `${name}: too few samples to hold any out for testing`);
  const sub = (rows: Int32Array, suffix: string): Dataset => ({
    ...full,
    name: `${name} ${suffix}`,
    x: gather(full.x as Uint8Array, rows, dim),
    labels: Uint8Array.from(rows, (r) => raw.labels[r]!),
    sourceNames: Array.from(rows, (r) => raw.sourceNames[r]!),
    ...(raw.strata && { strata: { ...raw.strata, of: Uint8Array.from(rows, (r) => raw.strata!.of[r]!) } }),
  });
  return {
    train: sub(trainRows, 'train'),
    test: sub(testRows, 'test'),
    ...(valRows.length > 0 && { val: sub(valRows, 'validation') }),
    report: {
      source: raw.source,
      name,
      samples: n,
      classNames: names,
      shape: raw.shape,
      split: folderSplit ? 'folders' : 'seeded',
      valSamples: valRows.length,
      notes,
      hash: contentHash([
        raw.pixels,
        raw.labels,
        i32bytes(trainRows),
        i32bytes(testRows),
        i32bytes(valRows),
        textBytes(JSON.stringify([raw.shape, names])),
      ]),
    },
  };
}

/**
 * Seeded, stratified: each class holds out round(f·N_c) rows, but at least one when it has two
 * or more, so a small import still tests every class it can.
 */
function holdOut(
  labels: Uint8Array,
  numClasses: number,
  f: number,
  rng: Rng,
): { train: Int32Array; test: Int32Array } {
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

const i32bytes = (a: Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const textBytes = (s: string) =>
  Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));

/**
 * FNV-1a over the parts, each part's length mixed in so moving a row between parts (a
 * re-split) changes the hash; a second, differently seeded pass is folded in. 8 hex digits (the
 * spec's customId format).
 */
export function contentHash(parts: Uint8Array[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const arr of parts) {
    a = Math.imul(a ^ (arr.length & 0xff), 0x01000193);
    b = Math.imul(b ^ (arr.length >>> 8), 0x01000193);
    for (let i = 0; i < arr.length; i++) {
      a = Math.imul(a ^ arr[i]!, 0x01000193);
      b = Math.imul(b ^ arr[i]!, 0x01000193) ^ (b >>> 15);
    }
  }
  return ((a ^ Math.imul(b, 0x9e3779b1)) >>> 0).toString(16).padStart(8, '0');
}
