/**
 * Data as people really have it: split folders under their common names, macOS and Windows junk,
 * wrapper folders, every PNG bit depth and colour type, EXIF-rotated JPEGs, CSV dialects, gzip,
 * tar, CIFAR binary releases, ZIP64, pixel bombs. Each case states the exact outcome.
 */
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from '../idx';
import {
  CIFAR10_NAMES as CIFAR10,
  cifar100Bin,
  cifar10Archive,
  cifar10Batch,
  concat,
  encodeRawPng,
  tar,
  toZip64,
  type RawPng,
} from '../../../test/formats';
import { DEFAULT_LIMITS, ImportError } from './errors';
import { importFiles, type ImportedData } from './importData';
import { decodeImage } from './decode';

const grey = (v: number, w = 4, h = 4) =>
  encodeRawPng({ width: w, height: h, colour: 'grey', depth: 8, samples: Array(w * h).fill(v) });
const file = (path: string, bytes: Uint8Array) => ({ path, bytes });
const zipOf = (z: Zippable) => [file('data.zip', zipSync(z))];
const refusal = (f: () => unknown): ImportError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};
const total = (r: ImportedData) => r.train.labels.length + r.test.labels.length + (r.val?.labels.length ?? 0);

describe('layouts people have', () => {
  it('train/ valid/: split folders, not classes; the validation folder is the test split', () => {
    const r = importFiles(
      zipOf({
        'train/cat/a.png': grey(10),
        'train/cat/b.png': grey(11),
        'train/dog/a.png': grey(200),
        'valid/cat/c.png': grey(12),
        'valid/dog/c.png': grey(201),
      }),
      'tv',
    );
    expect(r.train.classNames).toEqual(['cat', 'dog']);
    expect([r.train.labels.length, r.test.labels.length, r.report.split]).toEqual([3, 2, 'folders']);
    expect(r.test.sourceNames).toEqual(['valid/cat/c.png', 'valid/dog/c.png']);
    expect(r.report.notes.join()).toMatch(/validation folder is the held-out test split/);
  });

  it('train/ val/ test/: three splits, validation kept apart', () => {
    const r = importFiles(
      zipOf({
        'train/a/1.png': grey(1),
        'train/b/1.png': grey(2),
        'val/a/2.png': grey(3),
        'val/b/2.png': grey(4),
        'val/b/3.png': grey(4),
        'test/a/3.png': grey(5),
        'test/b/4.png': grey(6),
      }),
      'tvt',
    );
    expect(r.train.classNames).toEqual(['a', 'b']);
    expect([r.train.labels.length, r.val?.labels.length, r.test.labels.length, r.report.valSamples]).toEqual([
      2, 3, 2, 3,
    ]);
    expect(Array.from(r.test.x.subarray(0, 1))).toEqual([5]);
  });

  it('training/ testing/ under two wrapper folders', () => {
    const r = importFiles(
      zipOf({
        'home/set/Training/x/1.png': grey(1),
        'home/set/Training/y/1.png': grey(2),
        'home/set/Testing/x/2.png': grey(3),
        'home/set/Testing/y/2.png': grey(4),
      }),
      'w',
    );
    expect([r.train.classNames, r.train.labels.length, r.test.labels.length, r.report.split]).toEqual([
      ['x', 'y'],
      2,
      2,
      'folders',
    ]);
  });

  it('a macOS ZIP: __MACOSX, ._ files, .DS_Store and Thumbs.db are ignored, folders too', () => {
    const r = importFiles(
      zipOf({
        'pets/': new Uint8Array(0),
        'pets/cat/': new Uint8Array(0),
        'pets/cat/a.png': grey(10),
        'pets/cat/b.png': grey(10),
        'pets/dog/a.png': grey(90),
        'pets/dog/b.png': grey(90),
        'pets/.DS_Store': Uint8Array.of(0, 0, 0, 1, 66, 117),
        'pets/dog/Thumbs.db': Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0),
        '__MACOSX/': new Uint8Array(0),
        '__MACOSX/pets/': new Uint8Array(0),
        '__MACOSX/pets/cat/': new Uint8Array(0),
        '__MACOSX/pets/cat/._a.png': Uint8Array.of(0, 5, 22, 7, 0, 2),
      }),
      'mac',
    );
    expect(r.train.classNames).toEqual(['cat', 'dog']);
    expect(total(r)).toBe(4);
  });

  it('a README beside the class folders is skipped and said', () => {
    const r = importFiles(
      zipOf({
        'README.md': strToU8('# my set'),
        'a/1.png': grey(1),
        'a/2.png': grey(1),
        'b/1.png': grey(9),
        'b/2.png': grey(9),
      }),
      'r',
    );
    expect(total(r)).toBe(4);
    expect(r.report.notes.join()).toContain('README.md');
  });

  it('notes at the top and inside the wrapper do not make the wrapper a class', () => {
    const r = importFiles(
      zipOf({
        LICENSE: strToU8('MIT'),
        'set/README.txt': strToU8('hi'),
        'set/train/a/1.png': grey(1),
        'set/train/b/1.png': grey(2),
        'set/test/a/2.png': grey(3),
        'set/test/b/2.png': grey(4),
        'set/train/labels.csv': strToU8('x'),
      }),
      'notes',
    );
    expect([r.train.classNames, r.report.split, r.train.labels.length, r.test.labels.length]).toEqual([
      ['a', 'b'],
      'folders',
      2,
      2,
    ]);
    expect(r.report.notes).toEqual(['skipped LICENSE, set/README.txt, set/train/labels.csv (not images)']);
  });

  it('a folder named like a split but alone is not a class', () => {
    const e = refusal(() => importFiles(zipOf({ 'train/a.png': grey(1), 'train/b.png': grey(2) }), 'loose'));
    expect(e.problem).toBe('single-class');
  });
});

describe('every PNG bit depth and colour type', () => {
  const W = 5; // odd width: sub-byte rows end in padding bits
  const cases: [string, RawPng, number, number[]][] = [
    [
      'grey 1-bit',
      { width: W, height: 2, colour: 'grey', depth: 1, samples: [1, 0, 1, 1, 0, 0, 1, 0, 0, 1] },
      1,
      [255, 0, 255, 255, 0, 0, 255, 0, 0, 255],
    ],
    [
      'grey 2-bit',
      { width: W, height: 1, colour: 'grey', depth: 2, samples: [0, 1, 2, 3, 1] },
      1,
      [0, 85, 170, 255, 85],
    ],
    [
      'grey 4-bit',
      { width: W, height: 1, colour: 'grey', depth: 4, samples: [0, 5, 10, 15, 1] },
      1,
      [0, 85, 170, 255, 17],
    ],
    [
      'grey 8-bit',
      { width: W, height: 1, colour: 'grey', depth: 8, samples: [0, 7, 128, 255, 3] },
      1,
      [0, 7, 128, 255, 3],
    ],
    [
      'grey 16-bit',
      { width: W, height: 1, colour: 'grey', depth: 16, samples: [0, 257, 32896, 65535, 771] },
      1,
      [0, 1, 128, 255, 3],
    ],
    [
      'grey+alpha 8-bit',
      {
        width: W,
        height: 1,
        colour: 'grey-alpha',
        depth: 8,
        samples: [200, 255, 200, 0, 200, 51, 10, 255, 255, 255],
      },
      1,
      [200, 0, 40, 10, 255],
    ],
    [
      'grey+alpha 16-bit',
      {
        width: W,
        height: 1,
        colour: 'grey-alpha',
        depth: 16,
        samples: [65535, 65535, 65535, 0, 0, 65535, 32896, 65535, 65535, 13107],
      },
      1,
      [255, 0, 0, 128, 51],
    ],
    [
      'palette 1-bit',
      {
        width: W,
        height: 1,
        colour: 'palette',
        depth: 1,
        samples: [0, 1, 1, 0, 1],
        palette: [
          [255, 0, 0],
          [0, 0, 255],
        ],
      },
      3,
      [255, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0, 255],
    ],
    [
      'palette 2-bit grey',
      {
        width: W,
        height: 1,
        colour: 'palette',
        depth: 2,
        samples: [0, 1, 2, 3, 3],
        palette: [
          [0, 0, 0],
          [90, 90, 90],
          [180, 180, 180],
          [255, 255, 255],
        ],
      },
      1,
      [0, 90, 180, 255, 255],
    ],
    [
      'palette 4-bit + tRNS',
      {
        width: W,
        height: 1,
        colour: 'palette',
        depth: 4,
        samples: [0, 1, 2, 15, 2],
        palette: [...Array(16)].map((_, i) => [i * 16, 255 - i * 16, 100] as [number, number, number]),
        trns: [0, 255, 51],
      },
      3,
      [0, 0, 0, 16, 239, 100, 6, 45, 20, 240, 15, 100, 6, 45, 20],
    ],
    [
      'palette 8-bit',
      {
        width: W,
        height: 1,
        colour: 'palette',
        depth: 8,
        samples: [2, 1, 0, 1, 2],
        palette: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      },
      3,
      [7, 8, 9, 4, 5, 6, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ],
    [
      'RGB 8-bit + tRNS key',
      { width: 2, height: 1, colour: 'rgb', depth: 8, samples: [10, 20, 30, 1, 2, 3], trns: [1, 2, 3] },
      3,
      [10, 20, 30, 0, 0, 0],
    ],
    [
      'RGB 16-bit',
      { width: 2, height: 1, colour: 'rgb', depth: 16, samples: [65535, 0, 32896, 257, 514, 771] },
      3,
      [255, 0, 128, 1, 2, 3],
    ],
    [
      'RGBA 8-bit',
      { width: 2, height: 1, colour: 'rgba', depth: 8, samples: [200, 100, 50, 255, 200, 100, 50, 0] },
      3,
      [200, 100, 50, 0, 0, 0],
    ],
    [
      'RGBA 16-bit',
      {
        width: 2,
        height: 1,
        colour: 'rgba',
        depth: 16,
        samples: [65535, 32896, 0, 65535, 65535, 32896, 0, 0],
      },
      3,
      [255, 128, 0, 0, 0, 0],
    ],
  ];
  for (const [name, row, channels, row1] of cases)
    it(`${name} decodes to the exact pixels`, () => {
      // One-row cases get the row twice (images are at least 2×2).
      const png = row.height === 1 ? { ...row, height: 2, samples: [...row.samples, ...row.samples] } : row;
      const pixels = row.height === 1 ? [...row1, ...row1] : row1;
      const img = decodeImage(encodeRawPng(png), name, DEFAULT_LIMITS);
      expect([img.width, img.height, img.channels]).toEqual([png.width, png.height, channels]);
      expect(Array.from(img.pixels)).toEqual(pixels);
    });

  it('a class folder of colour PNGs makes a [h, w, 3] dataset; a grey image among them is repeated into R, G, B', () => {
    const rgb = (r: number) =>
      encodeRawPng({
        width: 2,
        height: 2,
        colour: 'rgb',
        depth: 8,
        samples: Array(4).fill([r, 0, 9]).flat(),
      });
    const r = importFiles(
      zipOf({ 'a/1.png': rgb(200), 'a/2.png': rgb(201), 'b/1.png': grey(77, 2, 2), 'b/2.png': rgb(3) }),
      'c',
      { seed: 1 },
    );
    expect(r.train.shape).toEqual([2, 2, 3]);
    const all = [...r.train.sourceNames!, ...r.test.sourceNames!];
    const ds = r.train.sourceNames!.includes('b/1.png') ? r.train : r.test;
    const row = ds.sourceNames!.indexOf('b/1.png');
    expect(all.sort()).toEqual(['a/1.png', 'a/2.png', 'b/1.png', 'b/2.png']);
    expect(Array.from(ds.x.subarray(row * 12, row * 12 + 3))).toEqual([77, 77, 77]);
  });
});

/** A JPEG whose left half is white, with an EXIF orientation tag inserted after SOI. */
function exifJpeg(orientation: number): Uint8Array {
  const w = 16;
  const h = 8;
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set(i % w < 8 ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
  const plain = Uint8Array.from(jpeg.encode({ width: w, height: h, data }, 100).data);
  const tiff = [
    0x49,
    0x49,
    0x2a,
    0,
    8,
    0,
    0,
    0,
    1,
    0,
    0x12,
    0x01,
    3,
    0,
    1,
    0,
    0,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const app1 = Uint8Array.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}

describe('JPEG EXIF orientation', () => {
  const mean = (
    img: { pixels: Uint8Array; width: number },
    rows: [number, number],
    cols: [number, number],
  ) => {
    let s = 0;
    let n = 0;
    for (let y = rows[0]; y < rows[1]; y++)
      for (let x = cols[0]; x < cols[1]; x++, n++) s += img.pixels[y * img.width + x]!;
    return s / n;
  };
  it('1: as stored; 3: turned 180° (white on the right); 6: turned 90° clockwise (white on top, 8×16)', () => {
    const a = decodeImage(exifJpeg(1), 'a.jpg', DEFAULT_LIMITS);
    expect([a.width, a.height, a.channels]).toEqual([16, 8, 1]);
    expect(mean(a, [0, 8], [0, 6])).toBeGreaterThan(240);
    const b = decodeImage(exifJpeg(3), 'b.jpg', DEFAULT_LIMITS);
    expect(mean(b, [0, 8], [10, 16])).toBeGreaterThan(240);
    expect(mean(b, [0, 8], [0, 6])).toBeLessThan(15);
    const c = decodeImage(exifJpeg(6), 'c.jpg', DEFAULT_LIMITS);
    expect([c.width, c.height]).toEqual([8, 16]);
    expect(mean(c, [0, 6], [0, 8])).toBeGreaterThan(240);
    expect(mean(c, [10, 16], [0, 8])).toBeLessThan(15);
  });
});

describe('CSV dialects', () => {
  const rows = (sep: string, eol: string) =>
    ['a', 'b', 'a', 'b'].map((l, r) => [l, r, r + 1, r + 2, r + 3].join(sep)).join(eol);
  it.each([
    ['a numeric header y,0,1,2,3', 'y,0,1,2,3\n' + rows(',', '\n'), 4],
    ['a named header', 'label,p0,p1,p2,p3\n' + rows(',', '\n'), 4],
    ['tabs', rows('\t', '\n'), 4],
    ['semicolons with CRLF', rows(';', '\r\n'), 4],
    ['old Mac CR line ends', rows(',', '\r'), 4],
    ['a UTF-8 byte-order mark', '\uFEFF' + rows(',', '\n'), 4],
  ])('reads %s', (_n, text, n) => {
    const r = importFiles([file('t.csv', strToU8(text))], 't.csv');
    expect(total(r)).toBe(n);
    expect(r.train.classNames).toEqual(['a', 'b']);
    expect(r.train.shape).toEqual([2, 2, 1]);
  });

  it('a first row counting up whose label is a class below is data, not a header', () => {
    const text = ['3,0,1,2,3', '3,4,5,6,7', '4,1,1,1,1', '4,2,2,2,2'].join('\n');
    expect(total(importFiles([file('c.csv', strToU8(text))], 'c.csv'))).toBe(4);
  });

  it('UTF-16 and Latin-1 text are refused by name', () => {
    const text = rows(',', '\n');
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) u16[2 + i * 2] = text.charCodeAt(i);
    const e = refusal(() => importFiles([file('w.csv', u16)], 'w.csv'));
    expect([e.problem, e.message]).toEqual([
      'bad-text',
      'w.csv is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")',
    ]);
    const latin = Uint8Array.from([...strToU8('caf'), 0xe9, ...strToU8(',1,2,3,4\nb,1,2,3,4\n')]);
    const l = refusal(() => importFiles([file('l.csv', latin)], 'l.csv'));
    expect([l.problem, l.message]).toEqual([
      'bad-text',
      'l.csv is not UTF-8 text (byte 3 is 0xe9); save it as UTF-8',
    ]);
  });
});

describe('gzip and tar', () => {
  const images = encodeIdx(
    [6, 4, 4],
    Uint8Array.from({ length: 96 }, (_, i) => i),
  );
  const labels = encodeIdx([6], Uint8Array.of(0, 1, 2, 0, 1, 2));
  it("MNIST's own gzipped IDX files", () => {
    const r = importFiles(
      [
        file('train-images-idx3-ubyte.gz', gzipSync(images)),
        file('train-labels-idx1-ubyte.gz', gzipSync(labels)),
      ],
      'mnist.gz',
    );
    expect([r.report.source, total(r), r.train.shape]).toEqual(['idx', 6, [4, 4, 1]]);
  });
  it('a tar.gz of class folders, with macOS ._ files beside', () => {
    const t = tar([
      ['set/', new Uint8Array(0)],
      ['set/a/1.png', grey(1)],
      ['set/a/._1.png', Uint8Array.of(0, 5, 22)],
      ['set/a/2.png', grey(2)],
      ['set/b/1.png', grey(3)],
      ['set/b/2.png', grey(4)],
    ]);
    const r = importFiles([file('set.tar.gz', gzipSync(t))], 'set.tar.gz');
    expect([r.report.source, total(r), r.train.classNames]).toEqual(['tar', 4, ['a', 'b']]);
  });
  it('a truncated gzip and a truncated tar are refused', () => {
    const t = tar([
      ['a/1.png', grey(1)],
      ['b/1.png', grey(2)],
    ]);
    expect(refusal(() => importFiles([file('x.tar', t.subarray(0, 700))], 'x.tar')).problem).toBe(
      'corrupt-archive',
    );
    expect(refusal(() => importFiles([file('x.gz', gzipSync(t).subarray(0, 40))], 'x.gz')).problem).toBe(
      'corrupt-archive',
    );
  });
});

describe('CIFAR binary releases', () => {
  it('cifar-10-binary.tar.gz: official split, names from batches.meta.txt, planes to RGB pixels, record order kept', () => {
    const r = importFiles([file('cifar-10-binary.tar.gz', cifar10Archive())], 'cifar-10-binary.tar.gz');
    expect([r.report.source, r.report.split, r.train.labels.length, r.test.labels.length]).toEqual([
      'cifar-10',
      'folders',
      20,
      5,
    ]);
    expect(r.train.classNames).toEqual(CIFAR10);
    expect(r.train.shape).toEqual([32, 32, 3]);
    // data_batch_2 record 1: label (2+1)%10 = 3, image index 5.
    const row = 5;
    expect(r.train.sourceNames![row]).toBe('cifar-10-batches-bin/data_batch_2.bin#1');
    expect(r.train.labels[row]).toBe(3);
    const px = (p: number) => Array.from(r.train.x.subarray(row * 3072 + p * 3, row * 3072 + p * 3 + 3));
    expect(px(0)).toEqual([60, 35, 252]);
    expect(px(1)).toEqual([61, 35, 252]);
    expect(r.test.sourceNames![4]).toBe('cifar-10-batches-bin/test_batch.bin#4');
  });

  it('cifar-100-binary: fine labels as classes, coarse labels as the superclass stratum', () => {
    const fine = [...Array(100)].map((_, i) => `fine${i}`);
    const coarse = [...Array(20)].map((_, i) => `coarse${i}`);
    const t = tar([
      [
        'cifar-100-binary/train.bin',
        cifar100Bin([
          [0, 5],
          [19, 99],
          [3, 7],
        ]),
      ],
      [
        'cifar-100-binary/test.bin',
        cifar100Bin(
          [
            [1, 42],
            [2, 5],
          ],
          3,
        ),
      ],
      ['cifar-100-binary/fine_label_names.txt', strToU8(fine.join('\n'))],
      ['cifar-100-binary/coarse_label_names.txt', strToU8(coarse.join('\n'))],
    ]);
    const r = importFiles([file('cifar-100-binary.tar.gz', gzipSync(t))], 'c100');
    expect([
      r.report.source,
      r.train.numClasses,
      Array.from(r.train.labels),
      Array.from(r.test.labels),
    ]).toEqual(['cifar-100', 100, [5, 99, 7], [42, 5]]);
    expect(r.train.classNames[99]).toBe('fine99');
    expect(r.train.strata?.names[19]).toBe('coarse19');
    expect(Array.from(r.train.strata!.of)).toEqual([0, 19, 3]);
    expect(Array.from(r.train.x.subarray(3072, 3075))).toEqual([(99 * 20) & 0xff, 7, 156]);
  });

  it('a truncated batch and a wrong label are refused by name', () => {
    const cut = tar([
      ['data_batch_1.bin', cifar10Batch([1, 2]).subarray(0, 5000)],
      ['test_batch.bin', cifar10Batch([1])],
    ]);
    const e = refusal(() => importFiles([file('c.tar', cut)], 'c.tar'));
    expect([e.problem, e.message]).toEqual([
      'bad-cifar',
      'c.tar: data_batch_1.bin is 5000 bytes, not a whole number of 3073-byte CIFAR-10 records (truncated?)',
    ]);
    const bad = tar([
      ['data_batch_1.bin', cifar10Batch([1, 12])],
      ['test_batch.bin', cifar10Batch([1])],
    ]);
    expect(refusal(() => importFiles([file('c.tar', bad)], 'c.tar')).message).toBe(
      'c.tar: data_batch_1.bin record 1 has label 12; there are 10 classes',
    );
  });
});

describe('ZIP64', () => {
  it('a zip -fz style archive reads like the classic one', () => {
    const z = zipSync({ 'a/1.png': grey(1), 'a/2.png': grey(2), 'b/1.png': grey(3), 'b/2.png': grey(4) });
    const a = importFiles([file('x.zip', z)], 'x');
    const b = importFiles([file('x.zip', toZip64(z))], 'x');
    expect(b.report.hash).toBe(a.report.hash);
  });
  it('more than 65,535 entries (mostly junk) open through the ZIP64 end record', () => {
    const z: Zippable = { 'a/1.png': grey(1), 'a/2.png': grey(2), 'b/1.png': grey(3), 'b/2.png': grey(4) };
    for (let i = 0; i < 65_540; i++) z[`__MACOSX/._${i}`] = new Uint8Array(0);
    const r = importFiles([file('big.zip', toZip64(zipSync(z, { level: 0 })))], 'big');
    expect(total(r)).toBe(4);
  }, 30_000);
});

describe('pixel bombs and caps, refused from the headers before decoding', () => {
  it('800 blank 512×512 PNGs (a small ZIP) exceed the decoded-pixel cap', () => {
    const blank = encodeRawPng({
      width: 512,
      height: 512,
      colour: 'grey',
      depth: 8,
      samples: Array(512 * 512).fill(0),
    });
    const z: Zippable = {};
    for (let i = 0; i < 800; i++) z[`${i % 2 ? 'a' : 'b'}/${i}.png`] = blank;
    const zip = zipSync(z, { level: 0 });
    const t0 = performance.now();
    const e = refusal(() => importFiles([file('bomb.zip', zip)], 'bomb.zip'));
    expect([e.problem, e.message]).toEqual([
      'too-large',
      'bomb.zip: its 800 images decode to 210 M values; at most 200 M are accepted (fewer or smaller images)',
    ]);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
  it('an image over the area cap', () => {
    const e = refusal(() =>
      importFiles(zipOf({ 'a/1.png': grey(1, 12, 12), 'b/1.png': grey(1) }), 'area', {
        limits: { ...DEFAULT_LIMITS, maxArea: 100 },
      }),
    );
    expect([e.problem, e.message]).toEqual([
      'absurd-dimensions',
      'a/1.png is 12×12 = 144 pixels; at most 100 per image are accepted',
    ]);
  });
});

describe('the content hash is the cache key of imported data', () => {
  const files = () =>
    zipOf({
      'a/1.png': grey(1),
      'a/2.png': grey(2),
      'a/3.png': grey(3),
      'b/1.png': grey(4),
      'b/2.png': grey(5),
      'b/3.png': grey(6),
    });
  it('the same pixels re-split (another seed or test share, or split folders) give another hash', () => {
    const h = (o: object) => importFiles(files(), 'x', o).report.hash;
    expect(h({ seed: 1 })).toBe(h({ seed: 1 }));
    const hashes = new Set([h({ seed: 1 }), h({ seed: 2 }), h({ seed: 1, testFraction: 0.5 })]);
    expect(hashes.size).toBe(3);
    const split = importFiles(
      zipOf({
        'train/a/1.png': grey(1),
        'train/a/2.png': grey(2),
        'test/a/3.png': grey(3),
        'train/b/1.png': grey(4),
        'train/b/2.png': grey(5),
        'test/b/3.png': grey(6),
      }),
      'y',
    );
    expect(hashes.has(split.report.hash)).toBe(false);
  });
});
