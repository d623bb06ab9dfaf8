import { describe, expect, it } from 'vitest';
import { ImportedSignalError, checkRowsMatch, parseSignalFile, rowsForRun } from './importedSignals';
import { writeNpy } from './npy';
import type { SourceNumbering } from './sourceNumbering';

const text = (s: string) => new TextEncoder().encode(s);
const mnist: SourceNumbering = {
  id: 'mnist-train',
  numbering: 'rows of the official MNIST training file',
  size: 4,
};

function fails(f: () => unknown, message: RegExp): void {
  expect(f).toThrow(ImportedSignalError);
  expect(f).toThrow(message);
}

describe('imported embeddings and scores', () => {
  it('reads float32 / float64 .npy (N × d and N) and CSV with or without a header', () => {
    const e = parseSignalFile(
      writeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]),
      'emb.npy',
      'embeddings',
    );
    expect([e.rows, e.dim, e.format]).toEqual([3, 2, 'float32']);
    const s = parseSignalFile(writeNpy(Float64Array.from([0.5, 1.5])), 's.npy', 'scores');
    expect([s.rows, s.dim, Array.from(s.values)]).toEqual([2, 1, [0.5, 1.5]]);
    const col = parseSignalFile(writeNpy(Float32Array.from([7, 8]), [2, 1]), 'col.npy', 'scores');
    expect([col.rows, col.dim]).toEqual([2, 1]);
    const c = parseSignalFile(text('f0,f1\n1,2\r\n3,4\n'), 'emb.csv', 'embeddings');
    expect([c.rows, c.dim, Array.from(c.values)]).toEqual([2, 2, [1, 2, 3, 4]]);
    expect(parseSignalFile(text('0.1\n0.2\n'), 's.csv', 'scores').rows).toBe(2);
  });

  it('maps rows of the whole training file to the run’s training rows', () => {
    const t = parseSignalFile(
      writeNpy(Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), [4, 2]),
      'e.npy',
      'embeddings',
    );
    expect(Array.from(rowsForRun(t, Int32Array.from([3, 1])))).toEqual([3, 3, 1, 1]);
  });

  it('names the problem with each bad file', () => {
    fails(
      () => parseSignalFile(writeNpy(BigInt64Array.from([1n, 2n])), 'ids.npy', 'embeddings'),
      /ids\.npy holds int64 values; embeddings must be float32 or float64/,
    );
    fails(
      () => parseSignalFile(writeNpy(new Float32Array(8), [2, 2, 2]), 'cube.npy', 'embeddings'),
      /cube\.npy has shape \(2, 2, 2\); embeddings must be \(N, d\)/,
    );
    fails(
      () => parseSignalFile(writeNpy(new Float32Array(6), [3, 2]), 's.npy', 'scores'),
      /s\.npy has shape \(3, 2\); scores must be one value per row/,
    );
    fails(
      () =>
        parseSignalFile(writeNpy(Float32Array.from([1, NaN, 3, Infinity]), [2, 2]), 'nan.npy', 'embeddings'),
      /nan\.npy: 2 values are NaN or infinite \(first at row 0, column 1\)/,
    );
    fails(
      () => parseSignalFile(text('1,2\n3\n'), 'ragged.csv', 'embeddings'),
      /ragged\.csv: line 2 has 1 values, line 1 has 2/,
    );
    fails(
      () => parseSignalFile(text('1\nabc\n'), 'word.csv', 'scores'),
      /word\.csv: line 2, column 1: "abc" is not a number/,
    );
    fails(
      () => parseSignalFile(text('1,2\n'), 'two.csv', 'scores'),
      /two\.csv has 2 columns; a scores CSV has one value per line/,
    );
    fails(() => parseSignalFile(text('score\n'), 'empty.csv', 'scores'), /empty\.csv holds no values/);
    fails(
      () => parseSignalFile(writeNpy(new Float32Array(0), [0, 3]), 'none.npy', 'embeddings'),
      /none\.npy holds no values/,
    );
    fails(
      () => checkRowsMatch(parseSignalFile(writeNpy(new Float32Array(3)), 'short.npy', 'scores'), mnist),
      /short\.npy has 3 rows but the data's numbering has 4 \(rows of the official MNIST training file\): give one row per row of the whole training file/,
    );
    // A broken .npy says so rather than being read as CSV.
    const truncated = writeNpy(new Float32Array(10)).subarray(0, 128 + 20);
    fails(
      () => parseSignalFile(truncated, 'cut.npy', 'embeddings'),
      /cut\.npy: shape \(10\) needs 40 bytes of data/,
    );
  });
});
