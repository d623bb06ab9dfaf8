import { describe, expect, it } from 'vitest';
import { importCorpus, png } from '../../../test/importCorpus';
import { ImportError } from './errors';
import { importFiles } from './importData';
import { zipSync } from 'fflate';

describe('importing the user’s own data', () => {
  for (const c of importCorpus()) {
    if (c.problem) {
      it(`refuses ${c.name} with "${c.problem}" and a message naming it`, () => {
        let err: unknown;
        try {
          importFiles(c.files, c.name, { limits: c.limits });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ImportError);
        expect((err as ImportError).problem).toBe(c.problem);
        expect((err as ImportError).message).toMatch(/\S{3,}.*\S{3,}/);
      });
    } else {
      it(`imports ${c.name}`, () => {
        const r = importFiles(c.files, c.name);
        expect(r.train.labels.length + r.test.labels.length).toBe(c.samples);
        expect(r.train.numClasses).toBe(c.classes);
        expect(r.test.labels.length).toBeGreaterThan(0);
        expect(r.train.x.length).toBe(r.train.labels.length * r.train.shape.reduce((a, b) => a * b, 1));
        expect(r.report.hash).toMatch(/^[0-9a-f]{8}$/);
      });
    }
  }

  it('keeps labels that look like markup as plain strings', () => {
    const c = importCorpus().find((x) => x.name === 'markup-labels.csv')!;
    const r = importFiles(c.files, c.name);
    expect(r.train.classNames).toEqual(['<b>bold</b>', '<img src=x onerror=alert(1)>']);
  });

  it('uses train/ and test/ folders as the split, and a seeded 80/20 split otherwise', () => {
    const split = importCorpus().find((x) => x.name === 'split.zip')!;
    const r = importFiles(split.files, 'split');
    expect(r.report.split).toBe('folders');
    expect([r.train.labels.length, r.test.labels.length]).toEqual([4, 2]);
    const good = importCorpus()[0]!;
    const a = importFiles(good.files, 'x', { seed: 3 });
    const b = importFiles(good.files, 'x', { seed: 3 });
    expect(a.report.split).toBe('seeded');
    expect(Array.from(a.test.labels)).toEqual(Array.from(b.test.labels));
    expect(a.test.labels.length).toBe(3); // 20 % of 6 per class, three classes
  });

  it('names the sizes found when sizes disagree, and imports them when asked to resize', () => {
    const c = importCorpus().find((x) => x.name === 'mixed-sizes.zip')!;
    try {
      importFiles(c.files, c.name);
      expect.unreachable();
    } catch (e) {
      expect((e as ImportError).sizes?.map((s) => [s.width, s.height, s.count])).toEqual([
        [8, 8, 2],
        [10, 12, 1],
      ]);
      expect((e as Error).message).toContain('10×12');
    }
    const zip = zipSync({
      'a/1.png': png(8, 8, 0),
      'a/2.png': png(8, 8, 0),
      'b/1.png': png(16, 16, 1),
      'b/2.png': png(16, 16, 1),
      'b/3.png': png(16, 16, 1),
    });
    const r = importFiles([{ path: 'm.zip', bytes: zip }], 'm', { resize: { width: 8, height: 8 } });
    expect(r.train.shape).toEqual([8, 8, 1]);
  });

  it('gives the same content hash for the same data and a different one otherwise', () => {
    const [a, , folder] = importCorpus();
    expect(importFiles(a!.files, 'a').report.hash).toBe(importFiles(a!.files, 'b').report.hash);
    expect(importFiles(a!.files, 'a').report.hash).not.toBe(importFiles(folder!.files, 'f').report.hash);
  });
});
