import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError, encodeIdx, parseIdx, parseIdxPair } from './idx';
import { DATA_DIR } from '../../cli/nodeData';

describe('IDX parser', () => {
  it('round-trips what encodeIdx writes', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const parsed = parseIdx(encodeIdx([2, 3, 4], data));
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });

  it('reads the real MNIST training files', () => {
    const p = parseIdxPair(
      readFileSync(join(DATA_DIR, 'mnist-train-images.idx')),
      readFileSync(join(DATA_DIR, 'mnist-train-labels.idx')),
      'MNIST train',
    );
    expect([p.count, p.height, p.width]).toEqual([60000, 28, 28]);
    // The first MNIST training label is a 5, the second a 0 (the standard file).
    expect([p.labels[0], p.labels[1]]).toEqual([5, 0]);
    expect(Math.max(...p.labels)).toBe(9);
  });

  it.each([
    ['empty file', new Uint8Array(0), /only 0 bytes/],
    ['wrong magic', Uint8Array.from([1, 2, 8, 1, 0, 0, 0, 1, 0]), /bad magic/],
    ['float element type', Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), /element type 0xd/],
    ['too many dims', Uint8Array.from([0, 0, 8, 9]), /9 dimensions/],
    ['truncated header', Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1]), /truncated header/],
    ['zero dimension', Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 0]), /dimension 0 is zero/],
  ])('rejects %s', (_, bytes, msg) => {
    expect(() => parseIdx(bytes)).toThrow(DataFormatError);
    expect(() => parseIdx(bytes)).toThrow(msg);
  });

  it('rejects a truncated data section with the counts', () => {
    const full = encodeIdx([10, 28, 28], new Uint8Array(7840));
    expect(() => parseIdx(full.subarray(0, full.length - 100), 'images')).toThrow(
      'images: truncated — header says 10×28×28 = 7840 bytes of data, file has 7740',
    );
  });

  it('rejects trailing garbage and absurd headers before allocating', () => {
    const extra = new Uint8Array(encodeIdx([4], new Uint8Array(4)).length + 3);
    extra.set(encodeIdx([4], new Uint8Array(4)));
    expect(() => parseIdx(extra)).toThrow(/3 unexpected bytes/);
    const huge = Uint8Array.from([0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(() => parseIdx(huge)).toThrow(/too large/);
  });

  it('rejects an images/labels pair that disagree', () => {
    const img = encodeIdx([3, 2, 2], new Uint8Array(12));
    const lab = encodeIdx([4], new Uint8Array(4));
    expect(() => parseIdxPair(img, lab, 'x')).toThrow('x: 3 images but 4 labels');
    expect(() => parseIdxPair(lab, lab, 'x')).toThrow(/expected 3 dimensions/);
  });
});
