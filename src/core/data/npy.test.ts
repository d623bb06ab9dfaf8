import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NpyError, indicesNpy, npyNumbers, readNpy, writeNpy, type NpyData } from './npy';

function headerOf(bytes: Uint8Array): { version: number; headerLen: number; text: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const version = bytes[6]!;
  const headerLen = version === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = version === 1 ? 10 : 12;
  return {
    version,
    headerLen,
    text: new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen)),
  };
}

/** A hand-built .npy (any descr / order / version), for what our writer never produces. */
function rawNpy(dict: string, payload: Uint8Array, version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const out = new Uint8Array(total + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, total - prefix, true);
  else view.setUint32(8, total - prefix, true);
  const text = dict.padEnd(total - prefix - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) out[prefix + i] = text.charCodeAt(i);
  out.set(payload, total);
  return out;
}

describe('npy writer', () => {
  it('writes int64 indices with a version 1.0 header padded to 64 bytes, little-endian, C order', () => {
    const bytes = indicesNpy([3, 0, 59999]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const h = headerOf(bytes);
    expect(h.version).toBe(1);
    expect((10 + h.headerLen) % 64).toBe(0);
    expect(h.text).toBe(
      `{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }`.padEnd(h.headerLen - 1) + '\n',
    );
    expect(bytes.length).toBe(10 + h.headerLen + 3 * 8);
    const view = new DataView(bytes.buffer, 10 + h.headerLen);
    expect([0, 8, 16].map((o) => view.getBigInt64(o, true))).toEqual([3n, 0n, 59999n]);
  });

  it('round-trips every dtype and shape it writes', () => {
    const cases: [NpyData, number[]][] = [
      [Float32Array.from([1.5, -2, 3.25, 0, 7, 8]), [2, 3]],
      [Float64Array.from([Math.PI, -1e300]), [2]],
      [Int8Array.from([-128, 127]), [2, 1]],
      [Uint8Array.from([0, 255, 7]), [3]],
      [Int16Array.from([-30000, 2]), [2]],
      [Uint16Array.from([65535]), [1]],
      [Int32Array.from([-5, 2 ** 31 - 1, 0, 1]), [2, 2]],
      [Uint32Array.from([2 ** 32 - 1]), [1]],
      [BigInt64Array.from([-(2n ** 62n), 5n]), [2]],
      [BigUint64Array.from([2n ** 63n]), [1]],
      [new Float32Array(0), [0, 4]],
      [Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2]],
    ];
    for (const [data, shape] of cases) {
      const back = readNpy(writeNpy(data, shape));
      expect(back.shape).toEqual(shape);
      expect(back.data.constructor).toBe(data.constructor);
      expect(Array.from(back.data as ArrayLike<number>)).toEqual(Array.from(data as ArrayLike<number>));
    }
  });

  it('moves to a version 2.0 header only when the dict outgrows 65535 bytes', () => {
    const shape = Array.from({ length: 25000 }, () => 1);
    const bytes = writeNpy(new Float32Array(1), shape);
    const h = headerOf(bytes);
    expect(h.version).toBe(2);
    expect((12 + h.headerLen) % 64).toBe(0);
    expect(readNpy(bytes).shape).toHaveLength(25000);
  });
});

describe('npy reader', () => {
  it('reorders Fortran-order arrays to C order', () => {
    // [[1, 2, 3], [4, 5, 6]] stored column by column.
    const payload = new Uint8Array(Float64Array.from([1, 4, 2, 5, 3, 6]).buffer);
    const a = readNpy(rawNpy(`{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }`, payload));
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data as Float64Array)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads big-endian data and version 2.0 headers', () => {
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setFloat32(0, 1.5, false);
    new DataView(payload.buffer).setFloat32(4, -2, false);
    const a = readNpy(rawNpy(`{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }`, payload, 2));
    expect(Array.from(a.data as Float32Array)).toEqual([1.5, -2]);
  });

  it('refuses what it cannot read with a message saying why', () => {
    expect(() => readNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x.npy')).toThrow(
      /x\.npy is not a \.npy file/,
    );
    expect(() =>
      readNpy(rawNpy(`{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }`, new Uint8Array(16))),
    ).toThrow(/dtype '<c16' is not supported/);
    expect(() =>
      readNpy(
        rawNpy(`{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }`, new Uint8Array(4)),
      ),
    ).toThrow(/structured/);
    expect(() =>
      readNpy(rawNpy(`{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }`, new Uint8Array(8))),
    ).toThrow(/needs 40 bytes of data, the file holds/);
    expect(() =>
      readNpy(
        rawNpy(`{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }`, new Uint8Array(4)).map((b, i) =>
          i === 6 ? 9 : b,
        ),
      ),
    ).toThrow(NpyError);
  });

  it('reads int64 as exact numbers and refuses values beyond 2^53', () => {
    expect(Array.from(npyNumbers(readNpy(indicesNpy([1, 2 ** 40]))))).toEqual([1, 2 ** 40]);
    expect(() => npyNumbers(readNpy(writeNpy(BigInt64Array.from([2n ** 60n]))))).toThrow(/too large/);
  });
});

let hasNumpy = false;
try {
  execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  hasNumpy = true;
} catch {
  hasNumpy = false;
}

describe.skipIf(!hasNumpy)('npy against numpy itself', () => {
  it('numpy reads what we write and we read what numpy writes (incl. Fortran order)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(join(dir, 'ours.npy'), indicesNpy([5, 1, 60000]));
    writeFileSync(join(dir, 'emb.npy'), writeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]));
    const script = [
      'import numpy as np, sys',
      `d = sys.argv[1]`,
      `a = np.load(d + '/ours.npy'); assert a.dtype == np.int64 and a.tolist() == [5, 1, 60000], a`,
      `e = np.load(d + '/emb.npy'); assert e.dtype == np.float32 and e.shape == (3, 2) and e[2, 1] == 6, e`,
      `np.save(d + '/f.npy', np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4)))`,
      `np.save(d + '/u8.npy', np.array([0, 200], dtype=np.uint8))`,
    ].join('\n');
    execFileSync('python3', ['-c', script, dir]);
    const f = readNpy(readFileSync(join(dir, 'f.npy')));
    expect(f.shape).toEqual([3, 4]);
    expect(Array.from(f.data as Float64Array)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(Array.from(readNpy(readFileSync(join(dir, 'u8.npy'))).data as Uint8Array)).toEqual([0, 200]);
  });
});
