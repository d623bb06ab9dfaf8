/**
 * A ZIP reader that cannot be bombed: the central directory is read first (a truncated or
 * damaged archive is refused there), the declared sizes are checked against the caps, and
 * every entry is inflated in small pieces while counting what comes out, so an entry that
 * lies about its size is stopped as soon as it passes the cap — before it can take the memory.
 * Stored and deflated entries (what every zip tool writes); others are refused by name.
 * ZIP64 end records and size fields (`zip -fz`, or more than 65,535 entries) are read.
 */
import { Inflate } from 'fflate';
import { ImportError, mb, type ImportLimits } from './errors';
import { isJunkPath } from './layout';
import { utf8 } from './utf8';

export interface ZipEntry {
  /** Path inside the archive, forward slashes. */
  path: string;
  bytes: Uint8Array;
}

interface DirEntry {
  path: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  local: number;
}

export function readZip(
  zip: Uint8Array,
  name: string,
  limits: ImportLimits,
): { files: ZipEntry[]; dirs: string[] } {
  const entries = centralDirectory(zip, name);
  const dirs = entries.filter((e) => e.path.endsWith('/')).map((e) => e.path);
  const data = entries.filter((e) => !isJunkPath(e.path));
  if (data.length > limits.maxImages)
    throw new ImportError(
      'too-many',
      `${name} holds ${data.length} files; at most ${limits.maxImages} are accepted`,
    );
  const declared = data.reduce((s, e) => s + e.size, 0);
  if (declared > limits.maxBytes)
    throw new ImportError(
      'too-large',
      `${name} unpacks to ${mb(declared)}; at most ${mb(limits.maxBytes)} are accepted`,
    );
  let total = 0;
  const out: ZipEntry[] = [];
  for (const e of data) {
    if (e.flags & 1)
      throw new ImportError(
        'unsupported',
        `${name}: ${e.path} is encrypted; unpack it with its password first`,
      );
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    if (e.local + 30 > zip.length || view.getUint32(e.local, true) !== 0x04034b50)
      throw new ImportError('corrupt-archive', `${name} is damaged: the entry ${e.path} is missing`);
    const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
    if (start + e.compressed > zip.length)
      throw new ImportError('corrupt-archive', `${name} is truncated: ${e.path} is cut off`);
    const packed = zip.subarray(start, start + e.compressed);
    let bytes: Uint8Array;
    if (e.method === 0) bytes = packed.slice();
    else if (e.method === 8)
      bytes = inflateCapped(packed, Math.min(e.size, limits.maxBytes - total), name, e.path, limits);
    else
      throw new ImportError(
        'unsupported',
        `${name}: ${e.path} uses compression method ${e.method}; only stored and deflate are supported`,
      );
    if (bytes.length !== e.size)
      throw new ImportError(
        'corrupt-archive',
        `${name} is damaged: ${e.path} unpacks to ${bytes.length} bytes, the archive says ${e.size}`,
      );
    total += bytes.length;
    out.push({ path: e.path, bytes });
  }
  return { files: out, dirs };
}

function centralDirectory(zip: Uint8Array, name: string): DirEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ImportError(
      'corrupt-archive',
      `${name} is not a complete ZIP archive (truncated or damaged: no end record)`,
    );
  let count = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirAt = view.getUint32(eocd + 16, true);
  let end = eocd;
  if (count === 0xffff || dirSize === 0xffffffff || dirAt === 0xffffffff) {
    // ZIP64: a locator just before the end record points at the 64-bit end record.
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50)
      throw new ImportError('corrupt-archive', `${name} is damaged: its ZIP64 end record locator is missing`);
    const at = big(view, loc + 8);
    if (at + 56 > loc || view.getUint32(at, true) !== 0x06064b50)
      throw new ImportError('corrupt-archive', `${name} is damaged: its ZIP64 end record is unreadable`);
    count = big(view, at + 32);
    dirSize = big(view, at + 40);
    dirAt = big(view, at + 48);
    end = at;
  }
  if (dirAt + dirSize > end)
    throw new ImportError('corrupt-archive', `${name} is damaged: its directory points past the end`);
  const entries: DirEntry[] = [];
  let p = dirAt;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50)
      throw new ImportError(
        'corrupt-archive',
        `${name} is damaged: directory entry ${k + 1} of ${count} is unreadable`,
      );
    const nameLen = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    const entry: DirEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressed: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      local: view.getUint32(p + 42, true),
      path: utf8(zip.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/'),
    };
    zip64Extra(view, p + 46 + nameLen, extra, entry);
    entries.push(entry);
    p += 46 + nameLen + extra + comment;
  }
  return entries;
}

/** A 64-bit little-endian field as a number (exact below 2^53; archives that large are refused anyway). */
function big(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** The ZIP64 extra field (id 1) holds, in order, whichever of size, compressed, offset are 0xFFFFFFFF. */
function zip64Extra(view: DataView, at: number, len: number, e: DirEntry): void {
  for (let q = at; q + 4 <= at + len;) {
    const id = view.getUint16(q, true);
    const size = view.getUint16(q + 2, true);
    if (id === 1) {
      let o = q + 4;
      const next = () => {
        const v = o + 8 <= q + 4 + size ? big(view, o) : undefined;
        o += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next() ?? e.size;
      if (e.compressed === 0xffffffff) e.compressed = next() ?? e.compressed;
      if (e.local === 0xffffffff) e.local = next() ?? e.local;
      return;
    }
    q += 4 + size;
  }
}

/** Inflates in 16 KB pieces, stopping as soon as the output passes `cap` bytes. */
function inflateCapped(
  packed: Uint8Array,
  cap: number,
  name: string,
  path: string,
  limits: ImportLimits,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let o = 0; o < packed.length; o += 16384) {
      inflater.push(packed.subarray(o, Math.min(packed.length, o + 16384)), o + 16384 >= packed.length);
      if (over) break;
    }
  } catch (e) {
    throw new ImportError(
      'corrupt-archive',
      `${name} is damaged: ${path} does not inflate (${(e as Error).message})`,
    );
  }
  if (over)
    throw new ImportError(
      'too-large',
      `${name}: ${path} unpacks to more than the archive declares or the ${mb(limits.maxBytes)} cap allows (a decompression bomb?)`,
    );
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
