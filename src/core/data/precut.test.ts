import { describe, expect, it } from 'vitest';
import { encodeIdx } from './idx';
import { findPrecut, manifestPrecuts, precutDataset, precutNames } from './precut';
import { MNIST_CLASSES } from './dataset';

const meta = {
  id: 'mnist' as const,
  name: 'MNIST train',
  scale: 1 / 255,
  numClasses: 10,
  classNames: MNIST_CLASSES,
};

describe('pre-cut subsets', () => {
  const names = precutNames('mnist', 2, 1);
  const entry = { source: 'mnist' as const, ...names, rows: [3, 1] };

  it('are listed by the manifest with their rows, and found only for exactly those rows', () => {
    expect(names).toEqual({
      images: 'mnist-train-2-seed1-images.idx',
      labels: 'mnist-train-2-seed1-labels.idx',
    });
    const list = manifestPrecuts({ version: 1, precut: [entry] });
    expect(findPrecut(list, 'mnist', Int32Array.of(3, 1))).toEqual(entry);
    expect(findPrecut(list, 'mnist', [1, 3])).toBeUndefined();
    expect(findPrecut(list, 'fashion', [3, 1])).toBeUndefined();
    expect(findPrecut(list, 'mnist', [3])).toBeUndefined();
    expect(manifestPrecuts({ version: 1 })).toEqual([]);
  });

  it('refuse a malformed manifest entry, or one naming a file outside the pre-cut names', () => {
    expect(() => manifestPrecuts({ precut: {} })).toThrow(/"precut" is not a list/);
    expect(() => manifestPrecuts({ precut: [{ ...entry, rows: [1.5] }] })).toThrow(/pre-cut 0 is malformed/);
    expect(() => manifestPrecuts({ precut: [{ ...entry, images: '../secret' }] })).toThrow(/malformed/);
  });

  it('are the rows of the full file, checked against its labels', () => {
    const pixels = Uint8Array.from({ length: 2 * 4 }, (_, i) => i);
    const images = encodeIdx([2, 2, 2], pixels);
    const fullLabels = Uint8Array.of(0, 5, 0, 7);
    const d = precutDataset(entry, images, encodeIdx([2], Uint8Array.of(7, 5)), fullLabels, meta);
    expect([...d.labels]).toEqual([7, 5]);
    expect(d.shape).toEqual([2, 2, 1]);
    expect(d.x).toEqual(pixels);
    expect(() => precutDataset(entry, images, encodeIdx([2], Uint8Array.of(5, 7)), fullLabels, meta)).toThrow(
      /row 3 is labelled 5, the full file says 7/,
    );
    expect(() =>
      precutDataset(
        { ...entry, rows: [3, 1, 0] },
        images,
        encodeIdx([2], Uint8Array.of(7, 5)),
        fullLabels,
        meta,
      ),
    ).toThrow(/2 images, the manifest lists 3 rows/);
  });
});
