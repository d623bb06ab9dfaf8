import { describe, expect, it } from 'vitest';
import type { NamedSwastRun } from '../../core/methods/swast/swastDiagnostics';
import type { SslRunState } from '../../state/sslTypes';
import { sslConclusion } from '../ssl/sslConclusion';
import { swastConclusion } from './swastConclusion';

const run = (name: string, finalAccuracy: number, relative: number) =>
  ({
    name,
    result: { finalAccuracy, flops: { relative, relativeTraining: relative } },
  }) as unknown as NamedSwastRun;

describe('swastConclusion', () => {
  it('reads memory and pruning against their baselines from the numbers', () => {
    const c = swastConclusion(
      [run('swast-trim+sp', 0.9, 0.05), run('swast-trim', 0.86, 0.05), run('coreset-only', 0.91, 0.1)],
      10,
    );
    expect(c.sentences[0]).toBe(
      'SWaST (last layer pruned, with memory) reached 90.0% test accuracy using 0.05× the training FLOPs of dense full-data training.',
    );
    expect(c.sentences[1]).toMatch(/\(\+4\.0 points\), so state preservation helped here/);
    expect(c.sentences[2]).toMatch(/pruning cost 1\.0 points for 50% fewer FLOPs/);
    expect(c.warnings).toEqual([]);
  });

  it('warns when a run is near chance', () => {
    const c = swastConclusion([run('swast-cut+sp', 0.12, 0.02)], 10);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/near chance \(12\.0%; chance is 10\.0%\)/);
  });
});

describe('sslConclusion', () => {
  const ssl = (method: SslRunState['method'], finalAccuracy: number, gains?: number[]) =>
    ({
      method,
      status: 'done',
      epochs: [],
      rounds: [],
      result: {
        finalAccuracy,
        unlabeledSize: 100,
        oodInPool: 50,
        rounds: [{ oodShare: 0.2, gains: gains ? Float32Array.from(gains) : undefined }],
      },
    }) as unknown as SslRunState;

  it('compares RETRIEVE with random and the OOD it picked against the pool', () => {
    const c = sslConclusion([ssl('retrieve', 0.8, [0.1, 0.2]), ssl('random', 0.7)]);
    expect(c.sentences[0]).toBe('Best: RETRIEVE at 80.0% test accuracy.');
    expect(c.sentences[1]).toMatch(/gained 10\.0 points/);
    expect(c.sentences[2]).toMatch(
      /held 20\.0% OOD images on average against 50\.0% in the pool: it steered away/,
    );
    expect(c.warnings).toEqual([]);
  });

  it('says when RETRIEVE gains were all zero and when a run is near chance', () => {
    const c = sslConclusion([ssl('retrieve', 0.11, [0, 0, 0])]);
    expect(c.warnings.some((w) => w.includes('gains were all zero'))).toBe(true);
    expect(c.warnings.some((w) => w.includes('near chance'))).toBe(true);
  });
});
