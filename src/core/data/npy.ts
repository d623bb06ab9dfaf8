/**
 * NumPy's `.npy` format (numpy.lib.format, versions 1.0 / 2.0 / 3.0): the file PyTorch and NumPy
 * users already write with `np.save`. Reader: little- or big-endian f4 / f8 / i1 / u1 / b1 / i2 /
 * u2 / i4 / u4 / i8 / u8, C or Fortran order (Fortran is reordered to C here), any rank. Writer:
 * little-endian C order, version 1.0 unless the header needs 2.0, header padded so the data starts
 * on a 64-byte boundary (what numpy writes and expects for memory mapping).
 */

import { utf8 } from './import/utf8';

export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

export type NpyDtype = 'f4' | 'f8' | 'i1' | 'u1' | 'b1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'u8';

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  /** Dimensions, outermost first ([] for a scalar). */
  shape: number[];
  /** Values in C (row-major) order, whatever order the file stored them in. */
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const SIZES: Record<NpyDtype, number> = {
  f4: 4,
  f8: 8,
  i1: 1,
  u1: 1,
  b1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
};

function allocate(dtype: NpyDtype, n: number): NpyData {
  switch (dtype) {
    case 'f4':
      return new Float32Array(n);
    case 'f8':
      return new Float64Array(n);
    case 'i1':
      return new Int8Array(n);
    case 'u1':
    case 'b1':
      return new Uint8Array(n);
    case 'i2':
      return new Int16Array(n);
    case 'u2':
      return new Uint16Array(n);
    case 'i4':
      return new Int32Array(n);
    case 'u4':
      return new Uint32Array(n);
    case 'i8':
      return new BigInt64Array(n);
    case 'u8':
      return new BigUint64Array(n);
  }
}

function readValue(view: DataView, dtype: NpyDtype, at: number, little: boolean): number | bigint {
  switch (dtype) {
    case 'f4':
      return view.getFloat32(at, little);
    case 'f8':
      return view.getFloat64(at, little);
    case 'i1':
      return view.getInt8(at);
    case 'u1':
    case 'b1':
      return view.getUint8(at);
    case 'i2':
      return view.getInt16(at, little);
    case 'u2':
      return view.getUint16(at, little);
    case 'i4':
      return view.getInt32(at, little);
    case 'u4':
      return view.getUint32(at, little);
    case 'i8':
      return view.getBigInt64(at, little);
    case 'u8':
      return view.getBigUint64(at, little);
  }
}

/** The header's Python dict literal: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. */
function parseHeader(text: string, name: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape)
    throw new NpyError(
      /'descr'\s*:\s*\[/.test(text)
        ? `${name}: structured (record) arrays are not supported; save a plain numeric array`
        : `${name}: the .npy header is not a dict with 'descr', 'fortran_order' and 'shape': ${text.trim().slice(0, 120)}`,
    );
  const dims = shape[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const v = Number(s.replace(/L$/, ''));
      if (!Number.isSafeInteger(v) || v < 0) throw new NpyError(`${name}: shape entry "${s}" is not a size`);
      return v;
    });
  return { descr: descr[1]!, fortran: fortran[1] === 'True', shape: dims };
}

/** Reads a `.npy` file's bytes. Errors name the file and what is wrong with it. */
export function readNpy(bytes: Uint8Array, name = 'the .npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyError(`${name} is not a .npy file (no \\x93NUMPY magic; save it with numpy.save)`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new NpyError(`${name}: truncated .npy header`);
    headerLen = view.getUint32(8, true);
    start = 12;
  } else
    throw new NpyError(
      `${name}: .npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0 and 3.0 are)`,
    );
  if (start + headerLen > bytes.length) throw new NpyError(`${name}: truncated .npy header`);
  const raw = bytes.subarray(start, start + headerLen);
  // Version 3 allows UTF-8 in the header; 1 and 2 are latin-1 (one char per byte).
  let header = '';
  if (major === 3) header = utf8(raw);
  else for (let i = 0; i < raw.length; i++) header += String.fromCharCode(raw[i]!);
  const { descr, fortran, shape } = parseHeader(header, name);
  const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const dtype = m ? (`${m[2]}${m[3]}` as NpyDtype) : undefined;
  if (!m || !dtype || !(dtype in SIZES))
    throw new NpyError(
      `${name}: dtype '${descr}' is not supported; use float32 / float64 for embeddings and scores, or an integer type for indices`,
    );
  const little = m[1] !== '>';
  const size = SIZES[dtype];
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  const need = count * size;
  if (bytes.length - dataStart < need)
    throw new NpyError(
      `${name}: shape (${shape.join(', ')}) needs ${need} bytes of data, the file holds ${bytes.length - dataStart}`,
    );
  const data = allocate(dtype, count);
  if ((little || size === 1) && (!fortran || shape.length <= 1)) {
    // The common case (np.save on a little-endian machine): one copy, which also aligns the data.
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart, dataStart + need));
    return { dtype, shape, data };
  }
  // C-order index i ↔ Fortran-order position: the same multi-index with strides reversed.
  const fStrides = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let from = i;
    if (fortran && shape.length > 1) {
      from = 0;
      for (let k = 0; k < shape.length; k++) from += idx[k]! * fStrides[k]!;
      for (let k = shape.length - 1; k >= 0; k--) {
        if (++idx[k]! < shape[k]!) break;
        idx[k] = 0;
      }
    }
    (data as unknown as (number | bigint)[])[i] = readValue(view, dtype, dataStart + from * size, little);
  }
  return { dtype, shape, data };
}

function dtypeOf(data: NpyData): NpyDtype {
  if (data instanceof Float32Array) return 'f4';
  if (data instanceof Float64Array) return 'f8';
  if (data instanceof Int8Array) return 'i1';
  if (data instanceof Uint8Array) return 'u1';
  if (data instanceof Int16Array) return 'i2';
  if (data instanceof Uint16Array) return 'u2';
  if (data instanceof Int32Array) return 'i4';
  if (data instanceof Uint32Array) return 'u4';
  if (data instanceof BigInt64Array) return 'i8';
  return 'u8';
}

/**
 * The header of a little-endian C-order `.npy` of the given dtype and shape: version 1.0 unless the
 * dict outgrows 65,535 bytes, padded with spaces and a newline so the data starts at a multiple of
 * 64 bytes. The data may follow in chunks (writing files larger than memory).
 */
export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${SIZES[dtype] === 1 ? '|' : '<'}${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  let prefix = 10;
  let total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  if (total - prefix > 0xffff) {
    prefix = 12;
    total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  }
  const headerLen = total - prefix;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[6] = prefix === 10 ? 1 : 2;
  out[7] = 0;
  if (prefix === 10) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  const text = dict.padEnd(headerLen - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) out[prefix + i] = text.charCodeAt(i);
  return out;
}

/** Writes `data` (C order) with the given shape as a little-endian `.npy` file. */
export function writeNpy(data: NpyData, shape: readonly number[] = [data.length]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new NpyError(`writeNpy: shape (${shape.join(', ')}) holds ${count} values, got ${data.length}`);
  const dtype = dtypeOf(data);
  const size = SIZES[dtype];
  const header = npyHeader(dtype, shape);
  const total = header.length;
  const out = new Uint8Array(total + count * size);
  const view = new DataView(out.buffer);
  out.set(header, 0);
  for (let i = 0; i < count; i++) {
    const at = total + i * size;
    const v = data[i]!;
    switch (dtype) {
      case 'f4':
        view.setFloat32(at, v as number, true);
        break;
      case 'f8':
        view.setFloat64(at, v as number, true);
        break;
      case 'i1':
        view.setInt8(at, v as number);
        break;
      case 'u1':
      case 'b1':
        view.setUint8(at, v as number);
        break;
      case 'i2':
        view.setInt16(at, v as number, true);
        break;
      case 'u2':
        view.setUint16(at, v as number, true);
        break;
      case 'i4':
        view.setInt32(at, v as number, true);
        break;
      case 'u4':
        view.setUint32(at, v as number, true);
        break;
      case 'i8':
        view.setBigInt64(at, v as bigint, true);
        break;
      case 'u8':
        view.setBigUint64(at, v as bigint, true);
        break;
    }
  }
  return out;
}

/** Row indices as int64, what `torch.from_numpy(np.load(...))` and `Subset` expect. */
export function indicesNpy(indices: ArrayLike<number>): Uint8Array {
  return writeNpy(BigInt64Array.from(Array.from(indices), (v) => BigInt(v)));
}

/** Any numeric .npy payload as plain numbers (int64 beyond 2^53 refused rather than rounded). */
export function npyNumbers(a: NpyArray, name = 'the .npy file'): Float64Array {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.data.length; i++) {
    const v = a.data[i]!;
    if (typeof v === 'bigint') {
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(-Number.MAX_SAFE_INTEGER))
        throw new NpyError(`${name}: value ${v} at position ${i} is too large to read exactly`);
      out[i] = Number(v);
    } else out[i] = v;
  }
  return out;
}
