import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImportCorpus } from '../../scripts/make-import-corpus';
import { ImportError } from '../core/data/import/errors';
import { prepareData } from '../core/data/prepare';
import { parseArgs } from './args';
import { nodeSplitProvider } from './nodeData';
import { specFromArgs } from './spec';

const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
writeImportCorpus(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (...argv: string[]) => specFromArgs(parseArgs(['select', ...argv], new Set()));

describe('--dataset PATH', () => {
  it('reads a folder of class folders, a ZIP and an IDX images file with its labels beside it', async () => {
    for (const [path, n] of [
      [join(dir, 'folder', 'mine'), 9],
      [join(dir, 'classes.zip', 'classes.zip'), 18],
      [join(dir, 'idx_pair', 'x-images.idx'), 9],
      [join(dir, 'pixels.csv', 'pixels.csv'), 12],
    ] as const) {
      const s = spec('--dataset', path);
      expect(s.dataset).toBe('custom');
      const data = await prepareData(s, nodeSplitProvider());
      expect(data.train.labels.length + data.test.labels.length).toBe(n);
    }
  });

  it('names the problem, and the --resize fix for mixed sizes', () => {
    expect(() => spec('--dataset', join(dir, 'truncated.zip', 'truncated.zip'))).toThrow(
      /truncated or damaged/,
    );
    let err: unknown;
    try {
      spec('--dataset', join(dir, 'mixed-sizes.zip', 'mixed-sizes.zip'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toContain('--resize 8x8');
    expect(spec('--dataset', join(dir, 'folder', 'mine'), '--resize', '6x6').dataset).toBe('custom');
    expect(() => spec('--dataset', join(dir, 'nope'))).toThrow(/does not exist/);
    expect(() => spec('--dataset', 'mnist', '--resize', '6x6')).toThrow(/your own data/);
  });

  it('--dataset colour-shapes[:D] is the built-in colour set; a bad difficulty is refused', async () => {
    const s = spec('--dataset', 'colour-shapes:0.25');
    expect(s.dataset).toBe('custom');
    const data = await prepareData(s, nodeSplitProvider());
    expect([
      data.train.shape,
      data.train.numClasses,
      data.train.labels.length + data.test.labels.length,
    ]).toEqual([[32, 32, 3], 10, 6000]);
    expect(() => spec('--dataset', 'colour-shapes:2')).toThrow(
      '--dataset colour-shapes:D takes a difficulty D in 0–1, got "2"',
    );
  });

  it('refuses devices and FIFOs at once, without reading them', () => {
    const t0 = Date.now();
    expect(() => spec('--dataset', '/dev/zero')).toThrow(/\/dev\/zero is a device, not a file or folder/);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(() => spec('--dataset', fifo)).toThrow(/is a FIFO \(named pipe\), not a file or folder/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('keeps spec flags for the spec when a method has a param of the same name', () => {
    const s = spec('--method', 'el2n', '--epochs', '7', '--param', 'epochs=2');
    expect(s.epochs).toBe(7);
    expect(s.params.epochs).toBe(2);
  });
});
