/**
 * Fixture writers for the formats people's data really comes in, written from the format specs
 * (not through the libraries the importer uses): PNG at any bit depth and colour type, ustar tar,
 * CIFAR-10 / CIFAR-100 binary batches, and a ZIP rewritten with ZIP64 end records as `zip -fz`
 * writes them.
 */
import { gzipSync, strToU8, zlibSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export type PngColour = 'grey' | 'grey-alpha' | 'palette' | 'rgb' | 'rgba';
const COLOUR_TYPE: Record<PngColour, number> = { grey: 0, rgb: 2, palette: 3, 'grey-alpha': 4, rgba: 6 };
const SAMPLES: Record<PngColour, number> = { grey: 1, rgb: 3, palette: 1, 'grey-alpha': 2, rgba: 4 };

export interface RawPng {
  width: number;
  height: number;
  colour: PngColour;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Samples row-major, channels interleaved, at the PNG's depth (palette: indices). */
  samples: number[];
  palette?: [number, number, number][];
  /** tRNS: per palette entry alpha, or the one transparent grey / RGB value. */
  trns?: number[];
}

export function encodeRawPng(p: RawPng): Uint8Array {
  const spp = SAMPLES[p.colour];
  const stride = Math.ceil((p.width * spp * p.depth) / 8);
  const raw = new Uint8Array(p.height * (stride + 1));
  for (let y = 0; y < p.height; y++) {
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let k = 0; k < p.width * spp; k++) {
      const v = p.samples[y * p.width * spp + k]!;
      if (p.depth === 16) {
        row[k * 2] = v >> 8;
        row[k * 2 + 1] = v & 0xff;
      } else if (p.depth === 8) row[k] = v;
      else row[Math.floor((k * p.depth) / 8)]! |= v << (8 - p.depth - ((k * p.depth) % 8));
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, p.width);
  v.setUint32(4, p.height);
  ihdr.set([p.depth, COLOUR_TYPE[p.colour], 0, 0, 0], 8);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (p.palette) parts.push(chunk('PLTE', Uint8Array.from(p.palette.flat())));
  if (p.trns) {
    const t =
      p.colour === 'palette'
        ? Uint8Array.from(p.trns)
        : new Uint8Array(p.trns.flatMap((x) => [x >> 8, x & 0xff]));
    parts.push(chunk('tRNS', t));
  }
  parts.push(chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0)));
  return concat(parts);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A ustar archive of regular files (and folders for paths ending in '/'). */
export function tar(entries: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [path, data] of entries) {
    const h = new Uint8Array(512);
    const put = (s: string, at: number) => {
      for (let i = 0; i < s.length; i++) h[at + i] = s.charCodeAt(i);
    };
    const dir = path.endsWith('/');
    put(path, 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(data.length.toString(8).padStart(11, '0') + '\0', 124);
    put('00000000000\0', 136);
    put('        ', 148);
    h[156] = (dir ? '5' : '0').charCodeAt(0);
    put('ustar\x0000', 257);
    put(
      h
        .reduce((s, b) => s + b, 0)
        .toString(8)
        .padStart(6, '0') + '\0 ',
      148,
    );
    parts.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

/** The colour of image `i`'s R, G, B planes: a function of the label, so the test can check the pixels. */
export function cifarImage(label: number, i: number): Uint8Array {
  const img = new Uint8Array(3072);
  for (let p = 0; p < 1024; p++) {
    img[p] = (label * 20 + p) & 0xff; // R plane
    img[1024 + p] = (i * 7) & 0xff; // G plane
    img[2048 + p] = 255 - label; // B plane
  }
  return img;
}

/** A CIFAR-10 batch: per record one label byte, then the 3,072 bytes of planes. */
export function cifar10Batch(labels: number[], first = 0): Uint8Array {
  return concat(labels.flatMap((l, i) => [Uint8Array.of(l), cifarImage(l, first + i)]));
}

/** A CIFAR-100 file: per record a coarse and a fine label byte, then the planes. */
export function cifar100Bin(labels: [number, number][], first = 0): Uint8Array {
  return concat(labels.flatMap(([c, f], i) => [Uint8Array.of(c, f), cifarImage(f, first + i)]));
}

/**
 * Rewrites a ZIP (no comment, no ZIP64) the way `zip -fz` writes one: every central entry's
 * sizes and offset set to 0xFFFFFFFF with the real values in a ZIP64 extra field, then a ZIP64
 * end record, its locator, and a classic end record whose fields say "see ZIP64".
 */
export function toZip64(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  const dirAt = v.getUint32(eocd + 16, true);
  const entries: Uint8Array[] = [];
  let p = dirAt;
  let count = 0;
  // Walk the directory by signature: the classic count field wraps past 65,535 entries.
  for (; p < eocd && v.getUint32(p, true) === 0x02014b50; count++) {
    const nameLen = v.getUint16(p + 28, true);
    const extra = v.getUint16(p + 30, true);
    const comment = v.getUint16(p + 32, true);
    const head = zip.slice(p, p + 46 + nameLen);
    const hv = new DataView(head.buffer);
    const x = new Uint8Array(28);
    const xv = new DataView(x.buffer);
    xv.setUint16(0, 1, true);
    xv.setUint16(2, 24, true);
    xv.setBigUint64(4, BigInt(hv.getUint32(24, true)), true);
    xv.setBigUint64(12, BigInt(hv.getUint32(20, true)), true);
    xv.setBigUint64(20, BigInt(hv.getUint32(42, true)), true);
    hv.setUint32(20, 0xffffffff, true);
    hv.setUint32(24, 0xffffffff, true);
    hv.setUint32(42, 0xffffffff, true);
    hv.setUint16(30, 28, true);
    hv.setUint16(32, 0, true);
    entries.push(head, x);
    p += 46 + nameLen + extra + comment;
  }
  const dir = concat(entries);
  const z64 = new Uint8Array(56);
  const zv = new DataView(z64.buffer);
  zv.setUint32(0, 0x06064b50, true);
  zv.setBigUint64(4, 44n, true);
  zv.setUint16(12, 45, true);
  zv.setUint16(14, 45, true);
  zv.setBigUint64(24, BigInt(count), true);
  zv.setBigUint64(32, BigInt(count), true);
  zv.setBigUint64(40, BigInt(dir.length), true);
  zv.setBigUint64(48, BigInt(dirAt), true);
  const loc = new Uint8Array(20);
  const lv = new DataView(loc.buffer);
  lv.setUint32(0, 0x07064b50, true);
  lv.setBigUint64(8, BigInt(dirAt + dir.length), true);
  lv.setUint32(16, 1, true);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 0xffff, true);
  ev.setUint16(10, 0xffff, true);
  ev.setUint32(12, 0xffffffff, true);
  ev.setUint32(16, 0xffffffff, true);
  return concat([zip.subarray(0, dirAt), dir, z64, loc, end]);
}

export const CIFAR10_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

/** A cifar-10-binary.tar.gz in the official layout: five training batches, the test batch, the names. */
export function cifar10Archive(perBatch = 4, testN = 5): Uint8Array {
  const entries: [string, Uint8Array][] = [['cifar-10-batches-bin/', new Uint8Array(0)]];
  let i = 0;
  for (let b = 1; b <= 5; b++) {
    entries.push([
      `cifar-10-batches-bin/data_batch_${b}.bin`,
      cifar10Batch(
        Array.from({ length: perBatch }, (_, k) => (b + k) % 10),
        i,
      ),
    ]);
    i += perBatch;
  }
  entries.push([
    'cifar-10-batches-bin/test_batch.bin',
    cifar10Batch(
      Array.from({ length: testN }, (_, k) => k % 10),
      i,
    ),
  ]);
  entries.push(['cifar-10-batches-bin/batches.meta.txt', strToU8(CIFAR10_NAMES.join('\n') + '\n\n')]);
  entries.push(['cifar-10-batches-bin/readme.html', strToU8('<html></html>')]);
  return gzipSync(tar(entries));
}
