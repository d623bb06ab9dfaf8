/**
 * The import corpus: good and bad files a user might hand the importer, generated from seeded
 * pixels (no binary fixtures in git). Each bad entry names the ImportError problem it must
 * raise. Used by the unit tests, and written to disk by scripts/make-import-corpus.ts for the
 * e2e spec and for trying the UI by hand.
 */
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { encodeIdx } from '../core/data/idx';
import type { ImportLimits, ImportProblem } from '../core/data/import/errors';
import { DEFAULT_LIMITS } from '../core/data/import/errors';
import type { FileEntry } from '../core/data/import/folder';
import { createRng } from '../core/math/rng';

export interface CorpusCase {
  name: string;
  /** What the user hands over: one file (zip, csv) or several (folder, IDX pair). */
  files: FileEntry[];
  /** The problem it must be refused with; absent for data that must import. */
  problem?: ImportProblem;
  limits?: ImportLimits;
  /** For good cases: expected samples and classes. */
  samples?: number;
  classes?: number;
}

const rng = createRng(2026);

/** A w×h grayscale PNG: a bright square whose place depends on the class. */
export function png(w: number, h: number, cls: number): Uint8Array {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const on = Math.abs(x - ((cls * 3) % w)) < 2 && Math.abs(y - ((cls * 5) % h)) < 2;
      data[y * w + x] = on ? 230 : rng.int(40);
    }
  return encodePng({ width: w, height: h, data, channels: 1, depth: 8 });
}

export function jpg(w: number, h: number, cls: number): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = (i + cls * 7) % w < 3 ? 220 : 20;
    data.set([v, v, v, 255], i * 4);
  }
  return Uint8Array.from(jpeg.encode({ width: w, height: h, data }, 90).data);
}

function classZip(
  classes: string[],
  perClass: number,
  make: (c: number, i: number) => [string, Uint8Array],
): Uint8Array {
  const z: Zippable = {};
  classes.forEach((c, ci) => {
    for (let i = 0; i < perClass; i++) {
      const [file, bytes] = make(ci, i);
      z[`${c}/${file}`] = bytes;
    }
  });
  return zipSync(z, { level: 6 });
}

const CLASSES = ['cat', 'dog', 'bird'];
const good = () =>
  classZip(CLASSES, 6, (c, i) => (i % 3 === 2 ? [`${i}.jpg`, jpg(8, 8, c)] : [`${i}.png`, png(8, 8, c)]));

/** Sets a 32-bit little-endian field at every offset where `match` finds a header. */
function patchZipSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x04034b50) v.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) v.setUint32(i + 24, size, true);
  }
  return out;
}

let built: CorpusCase[] | undefined;

/** Built once per process (the bomb takes a moment to compress). */
export function importCorpus(): CorpusCase[] {
  return (built ??= buildCorpus());
}

function buildCorpus(): CorpusCase[] {
  const f = (path: string, bytes: Uint8Array): FileEntry => ({ path, bytes });
  const csvRows = (n: number, cols: number, label: (r: number) => string) =>
    Array.from({ length: n }, (_, r) =>
      [label(r), ...Array.from({ length: cols }, (_, j) => (r * 7 + j) % 256)].join(','),
    ).join('\n');
  const idxImages = (n: number) =>
    encodeIdx(
      [n, 6, 6],
      Uint8Array.from({ length: n * 36 }, (_, i) => i % 251),
    );
  const idxLabels = (n: number) =>
    encodeIdx(
      [n],
      Uint8Array.from({ length: n }, (_, i) => i % 3),
    );
  const bomb = zipSync(
    { 'a/zeros.png': new Uint8Array(4 << 20), 'b/zeros.png': new Uint8Array(16) },
    { level: 9 },
  );
  const bigPng = png(8, 8, 0);
  const absurd = bigPng.slice();
  new DataView(absurd.buffer).setUint32(16, 100000);
  new DataView(absurd.buffer).setUint32(20, 100000);
  const tiny: ImportLimits = { ...DEFAULT_LIMITS, maxBytes: 1 << 20, maxImages: 20 };
  const encrypted = good().slice();
  const ev = new DataView(encrypted.buffer);
  for (let i = 0; i + 4 <= encrypted.length; i++)
    if (ev.getUint32(i, true) === 0x02014b50) ev.setUint16(i + 8, 1, true);
  const truncated = good();
  return [
    { name: 'classes.zip', files: [f('classes.zip', good())], samples: 18, classes: 3 },
    {
      name: 'split.zip',
      files: [
        f(
          'split.zip',
          zipSync({
            'data/train/0/a.png': png(8, 8, 0),
            'data/train/0/b.png': png(8, 8, 0),
            'data/train/1/a.png': png(8, 8, 1),
            'data/train/1/b.png': png(8, 8, 1),
            'data/test/0/c.png': png(8, 8, 0),
            'data/test/1/c.png': png(8, 8, 1),
          }),
        ),
      ],
      samples: 6,
      classes: 2,
    },
    {
      name: 'folder',
      files: CLASSES.flatMap((c, ci) => [0, 1, 2].map((i) => f(`mine/${c}/${i}.png`, png(8, 8, ci)))),
      samples: 9,
      classes: 3,
    },
    {
      name: 'pixels.csv',
      files: [
        f(
          'pixels.csv',
          strToU8(
            'label,' +
              Array.from({ length: 16 }, (_, j) => `p${j}`).join(',') +
              '\n' +
              csvRows(12, 16, (r) => String(r % 2)),
          ),
        ),
      ],
      samples: 12,
      classes: 2,
    },
    {
      name: 'markup-labels.csv',
      files: [
        f(
          'markup-labels.csv',
          strToU8(csvRows(6, 4, (r) => (r % 2 ? '<img src=x onerror=alert(1)>' : '<b>bold</b>'))),
        ),
      ],
      samples: 6,
      classes: 2,
    },
    {
      name: 'idx pair',
      files: [f('x-images.idx', idxImages(9)), f('x-labels.idx', idxLabels(9))],
      samples: 9,
      classes: 3,
    },
    {
      name: 'truncated.zip',
      files: [f('truncated.zip', truncated.subarray(0, Math.floor(truncated.length * 0.7)))],
      problem: 'corrupt-archive',
    },
    {
      name: 'garbage.zip',
      files: [
        f(
          'garbage.zip',
          Uint8Array.from([0x50, 0x4b, 3, 4, ...Array.from({ length: 300 }, () => rng.int(256))]),
        ),
      ],
      problem: 'corrupt-archive',
    },
    {
      name: 'text-in-class.zip',
      files: [
        f(
          'text-in-class.zip',
          zipSync({
            'cat/a.png': png(8, 8, 0),
            'dog/a.png': png(8, 8, 1),
            'dog/notes.txt': strToU8('not a picture'),
          }),
        ),
      ],
      problem: 'not-image',
    },
    {
      name: 'mixed-sizes.zip',
      files: [
        f(
          'mixed-sizes.zip',
          zipSync({ 'cat/a.png': png(8, 8, 0), 'cat/b.png': png(8, 8, 0), 'dog/a.png': png(10, 12, 1) }),
        ),
      ],
      problem: 'mixed-sizes',
    },
    {
      name: 'one-class.zip',
      files: [
        f(
          'one-class.zip',
          classZip(['cat'], 4, (c, i) => [`${i}.png`, png(8, 8, c)]),
        ),
      ],
      problem: 'single-class',
    },
    {
      name: 'empty-class.zip',
      files: [
        f(
          'empty-class.zip',
          zipSync({ 'cat/a.png': png(8, 8, 0), 'dog/a.png': png(8, 8, 1), 'fish/': new Uint8Array(0) }),
        ),
      ],
      problem: 'empty-class',
    },
    {
      name: 'loose-images.zip',
      files: [f('loose-images.zip', zipSync({ 'a.png': png(8, 8, 0), 'b.png': png(8, 8, 1) }))],
      problem: 'unsupported',
    },
    {
      name: 'labels without images',
      files: [f('y-images.idx', idxImages(5)), f('y-labels.idx', idxLabels(8))],
      problem: 'labels-without-images',
    },
    { name: 'lonely images.idx', files: [f('z-images.idx', idxImages(5))], problem: 'bad-idx' },
    {
      name: 'short.idx pair',
      files: [f('s-images.idx', idxImages(5).subarray(0, 60)), f('s-labels.idx', idxLabels(5))],
      problem: 'bad-idx',
    },
    {
      name: 'too-many.zip',
      files: [
        f(
          'too-many.zip',
          classZip(['a', 'b'], 15, (c, i) => [`${i}.png`, png(8, 8, c)]),
        ),
      ],
      problem: 'too-many',
      limits: tiny,
    },
    { name: 'declared-bomb.zip', files: [f('declared-bomb.zip', bomb)], problem: 'too-large', limits: tiny },
    {
      name: 'lying-bomb.zip',
      files: [f('lying-bomb.zip', patchZipSizes(bomb, 16))],
      problem: 'too-large',
      limits: tiny,
    },
    {
      name: 'huge-image.zip',
      files: [f('huge-image.zip', zipSync({ 'cat/a.png': absurd, 'dog/a.png': png(8, 8, 1) }))],
      problem: 'absurd-dimensions',
    },
    {
      name: 'broken-image.zip',
      files: [
        f('broken-image.zip', zipSync({ 'cat/a.png': bigPng.subarray(0, 40), 'dog/a.png': png(8, 8, 1) })),
      ],
      problem: 'corrupt-image',
    },
    { name: 'encrypted.zip', files: [f('encrypted.zip', encrypted)], problem: 'unsupported' },
    { name: 'ragged.csv', files: [f('ragged.csv', strToU8('1,2,3,4\n0,5,6\n'))], problem: 'bad-csv' },
    { name: 'words.csv', files: [f('words.csv', strToU8('1,2,3\n0,five,6\n'))], problem: 'bad-csv' },
    { name: 'range.csv', files: [f('range.csv', strToU8('1,2,3\n0,300,6\n'))], problem: 'bad-csv' },
    { name: 'empty.csv', files: [f('empty.csv', strToU8('\n\n'))], problem: 'empty' },
    {
      name: 'program.exe',
      files: [
        f('program.exe', Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0])),
      ],
      problem: 'unsupported',
    },
  ];
}
