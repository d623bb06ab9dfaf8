/**
 * tar archives (ustar, GNU long names, pax paths) and gzip, so `cifar-10-binary.tar.gz`, a
 * tar.gz of class folders and MNIST's own `*-ubyte.gz` files import as they come. gzip is
 * inflated in pieces against the byte cap (a bomb stops at the cap, not at the end); tar
 * entries are views into the archive (no copies). Only regular files are taken.
 */
import { Gunzip } from 'fflate';
import { ImportError, mb, type ImportLimits } from './errors';
import type { FileEntry } from './folder';
import { utf8 } from './utf8';

export function gunzipCapped(bytes: Uint8Array, name: string, limits: ImportLimits): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const gz = new Gunzip((chunk) => {
    size += chunk.length;
    if (size > limits.maxBytes) over = true;
    else chunks.push(chunk);
  });
  try {
    const step = 1 << 16;
    for (let o = 0; o < bytes.length && !over; o += step)
      gz.push(bytes.subarray(o, Math.min(bytes.length, o + step)), o + step >= bytes.length);
  } catch (e) {
    throw new ImportError(
      'corrupt-archive',
      `${name} is damaged: the gzip data does not inflate (${(e as Error).message})`,
    );
  }
  if (over)
    throw new ImportError(
      'too-large',
      `${name} unpacks to more than ${mb(limits.maxBytes)}; at most that much is accepted`,
    );
  if (size === 0) throw new ImportError('corrupt-archive', `${name} is truncated: the gzip data is cut off`);
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const str = (b: Uint8Array) => utf8(b).replace(/\0.*$/s, '');
const octal = (b: Uint8Array) => parseInt(str(b).trim() || '0', 8);

export function readTar(
  tar: Uint8Array,
  name: string,
  limits: ImportLimits,
): { files: FileEntry[]; dirs: string[] } {
  const files: FileEntry[] = [];
  const dirs: string[] = [];
  let longName: string | undefined;
  let p = 0;
  let ended = false;
  while (p + 512 <= tar.length) {
    const h = tar.subarray(p, p + 512);
    if (h.every((b) => b === 0)) {
      ended = true; // end of archive
      break;
    }
    const size = octal(h.subarray(124, 136));
    const type = String.fromCharCode(h[156]!);
    if (!Number.isFinite(size) || size < 0)
      throw new ImportError('corrupt-archive', `${name} is damaged: a tar header at byte ${p} is unreadable`);
    const start = p + 512;
    if (start + size > tar.length)
      throw new ImportError('corrupt-archive', `${name} is truncated: a tar entry at byte ${p} is cut off`);
    const body = tar.subarray(start, start + size);
    const prefix = str(h.subarray(345, 500));
    let path =
      longName ??
      (prefix && utf8(h.subarray(257, 262)) === 'ustar'
        ? `${prefix}/${str(h.subarray(0, 100))}`
        : str(h.subarray(0, 100)));
    longName = undefined;
    if (type === 'L') longName = str(body);
    else if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(utf8(body));
      if (m) longName = m[1];
    } else if (type === '0' || type === '\0' || type === '7') {
      path = path.replace(/^\.\//, '');
      files.push({ path, bytes: body });
      if (files.length > limits.maxImages)
        throw new ImportError(
          'too-many',
          `${name} holds more than ${limits.maxImages} files; at most that many are accepted`,
        );
    } else if (type === '5') dirs.push(path.replace(/^\.\//, '').replace(/\/?$/, '/'));
    // Links, devices and FIFOs inside an archive are not data: skipped.
    p = start + Math.ceil(size / 512) * 512;
  }
  // Without the closing zero blocks, the archive must end exactly after an entry.
  if (!ended && p !== tar.length)
    throw new ImportError('corrupt-archive', `${name} is truncated: it ends inside a tar entry`);
  if (files.length === 0) throw new ImportError('empty', `${name} holds no files`);
  return { files, dirs };
}
