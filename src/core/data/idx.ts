/**
 * IDX files (the MNIST format): big-endian header with a magic number whose third byte is the
 * element type (0x08 = unsigned byte) and fourth the number of dimensions, then each dimension
 * as a uint32, then the data. We check everything a truncated or foreign file can get wrong.
 */
export class DataFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFormatError';
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;
/** Refuse absurd headers before allocating anything (a 60k×28×28 file is 47 MB). */
const MAX_ELEMENTS = 512 * 1024 * 1024;

export function parseIdx(buffer: ArrayBuffer | Uint8Array, what = 'IDX file'): IdxArray {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength < 4)
    throw new DataFormatError(`${what}: only ${bytes.byteLength} bytes, not an IDX file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0)
    throw new DataFormatError(
      `${what}: bad magic number 0x${view.getUint32(0).toString(16).padStart(8, '0')} (expected 0x0000080N)`,
    );
  const type = bytes[2]!;
  if (type !== UBYTE)
    throw new DataFormatError(
      `${what}: element type 0x${type.toString(16)} is not supported (only unsigned bytes)`,
    );
  const ndim = bytes[3]!;
  if (ndim < 1 || ndim > 4) throw new DataFormatError(`${what}: ${ndim} dimensions (expected 1 to 4)`);
  const headerLen = 4 + 4 * ndim;
  if (bytes.byteLength < headerLen)
    throw new DataFormatError(`${what}: truncated header (${bytes.byteLength} of ${headerLen} bytes)`);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i);
    if (d === 0) throw new DataFormatError(`${what}: dimension ${i} is zero`);
    dims.push(d);
    count *= d;
    if (count > MAX_ELEMENTS)
      throw new DataFormatError(`${what}: header claims ${dims.join('×')}… elements, too large`);
  }
  const available = bytes.byteLength - headerLen;
  if (available < count)
    throw new DataFormatError(
      `${what}: truncated — header says ${dims.join('×')} = ${count} bytes of data, file has ${available}`,
    );
  if (available > count)
    throw new DataFormatError(
      `${what}: ${available - count} unexpected bytes after the ${dims.join('×')} data`,
    );
  return { dims, data: bytes.subarray(headerLen, headerLen + count) };
}

export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`encodeIdx: dims ${dims.join('×')} do not match ${data.length} bytes`);
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** Parses an images file and its labels file and checks they describe the same samples. */
export function parseIdxPair(
  images: ArrayBuffer | Uint8Array,
  labels: ArrayBuffer | Uint8Array,
  name: string,
): { pixels: Uint8Array; labels: Uint8Array; count: number; height: number; width: number } {
  const img = parseIdx(images, `${name} images`);
  const lab = parseIdx(labels, `${name} labels`);
  if (img.dims.length !== 3)
    throw new DataFormatError(
      `${name} images: expected 3 dimensions (count×rows×cols), got ${img.dims.length}`,
    );
  if (lab.dims.length !== 1)
    throw new DataFormatError(`${name} labels: expected 1 dimension, got ${lab.dims.length}`);
  const [count, height, width] = img.dims as [number, number, number];
  if (lab.dims[0] !== count) throw new DataFormatError(`${name}: ${count} images but ${lab.dims[0]} labels`);
  return { pixels: img.data, labels: lab.data, count, height, width };
}
