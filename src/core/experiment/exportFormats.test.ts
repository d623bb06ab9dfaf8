import { describe, expect, it } from 'vitest';
import { readNpy } from '../data/npy';
import {
  csvCell,
  exportName,
  indicesNpyBytes,
  indicesText,
  scoresCsv,
  scoresNpyBytes,
  selectionCsv,
  selectionJson,
  toCsv,
  type SelectionExport,
} from './exportFormats';

const sel: SelectionExport = {
  method: 'el2n',
  methodName: 'EL2N',
  dataKey: 'mnist|1000|1',
  dataName: 'MNIST 1,000',
  fraction: 0.3,
  seed: 1,
  params: { keep: 'hardest', epochs: 3 },
  indices: Int32Array.from([2, 5, 9]),
  labels: Uint8Array.from([1, 0, 1]),
  classNames: ['T-shirt, top', 'Trouser "long"'],
  scores: Float32Array.from([0, 0, 0.5, 0, 0, 0.25, 0, 0, 0, 1]),
  noisy: Uint8Array.from([0, 1, 0]),
};

describe('export formats', () => {
  it('quotes CSV cells that need it and leaves the rest alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('writes one CSV line per kept row with its label, class, score and truth flag', () => {
    const lines = selectionCsv(sel).trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,label,class,score,noisy');
    expect(lines.slice(1)).toEqual([
      '2,1,"Trouser ""long""",0.5,0',
      '5,0,"T-shirt, top",0.25,1',
      '9,1,"Trouser ""long""",1,0',
    ]);
  });

  it('writes JSON that parses back to the same selection, scores of the kept rows only', () => {
    const back = JSON.parse(selectionJson(sel)) as Record<string, unknown>;
    expect(back.format).toBe('coreset-workbench/selection@1');
    expect(back.indices).toEqual([2, 5, 9]);
    expect(back.labels).toEqual([1, 0, 1]);
    expect(back.scores).toEqual([0.5, 0.25, 1]);
    expect(back.size).toBe(3);
    expect(back.params).toEqual({ keep: 'hardest', epochs: 3 });
    expect(back.data).toEqual({ key: 'mnist|1000|1', name: 'MNIST 1,000' });
  });

  it('omits columns it has no data for and refuses misaligned arrays', () => {
    const bare = { ...sel, labels: undefined, scores: undefined, noisy: undefined, classNames: undefined };
    expect(selectionCsv(bare).split('\r\n')[0]).toBe('row,label,class');
    expect(selectionCsv(bare).split('\r\n')[1]).toBe('2,,');
    expect(() => selectionCsv({ ...sel, labels: [1] })).toThrow(/labels has 1 entries for 3/);
  });

  it('builds file names from the run', () => {
    expect(exportName(['EL2N', '30pct', 'seed1', 'MNIST 1,000'], 'csv')).toBe(
      'el2n-30pct-seed1-mnist-1-000.csv',
    );
    expect(exportName([], 'json')).toBe('export.json');
  });

  it('says the kept rows in the dataset’s own numbering in every format', () => {
    // Training row r is row 100 + 10 r of a 200-row source file.
    const src: SelectionExport = {
      ...sel,
      source: { numbering: 'rows of a file', size: 200 },
      sourceRows: Int32Array.from({ length: 10 }, (_, r) => 100 + 10 * r),
      sourcePaths: ['a/2.png', 'b/5.png', 'a/9.png'],
    };
    const json = JSON.parse(selectionJson(src)) as Record<string, unknown>;
    expect(json.sourceIndices).toEqual([120, 150, 190]);
    expect(json.sourcePaths).toEqual(['a/2.png', 'b/5.png', 'a/9.png']);
    expect(json.note).toMatch(/KEPT/);
    expect(selectionCsv(src).split('\r\n')[0]).toBe('row,label,class,source_index,source_path,score,noisy');
    expect(selectionCsv(src).split('\r\n')[1]).toBe('2,1,"Trouser ""long""",120,a/2.png,0.5,0');
    expect(indicesText(src)).toBe('120\n150\n190\n');
    const npy = readNpy(indicesNpyBytes(src));
    expect([npy.dtype, npy.shape, Array.from(npy.data as BigInt64Array, Number)]).toEqual([
      'i8',
      [3],
      [120, 150, 190],
    ]);
    const scores = readNpy(scoresNpyBytes(src));
    expect([scores.dtype, scores.shape]).toEqual(['f4', [200]]);
    const s = scores.data as Float32Array;
    expect([s[120], s[150], s[190], s[0]]).toEqual([0.5, 0.25, 1, NaN]);
    expect(scoresCsv(src).split('\r\n').slice(0, 4)).toEqual([
      'source_index,score,kept',
      '100,0,0',
      '110,0,0',
      '120,0.5,1',
    ]);
    // Without a numbering: rows of the training subset.
    expect(indicesText(sel)).toBe('2\n5\n9\n');
    expect(readNpy(scoresNpyBytes(sel)).shape).toEqual([10]);
  });
});
