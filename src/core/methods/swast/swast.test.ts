import { describe, expect, it } from 'vitest';
import { flopsSummary, forwardFlops, type LayerShape } from '../../experiment/flops';
import type { Dataset } from '../../data/dataset';
import { createRng } from '../../math/rng';
import { defaultParams } from '../params';
import {
  maskUpdateEvery,
  cosineDropFraction,
  layerPruneRates,
  maskUpdateEnd,
  swastComparison,
  swastPick,
  swastSchedule,
  warmupEpochs,
} from './swastSchedule';
import { swastConfigOf, swastMethod, SWAST_PARAMS } from './swast';
import { MissingTrainerError } from '../types';
import { overallDensity } from './swastDiagnostics';

describe('SWaST schedule', () => {
  it('K = ceil(T·f/2)', () => {
    expect(warmupEpochs(10, 0.05)).toBe(1); // ceil(0.25)
    expect(warmupEpochs(10, 0.3)).toBe(2); // ceil(1.5)
    expect(warmupEpochs(20, 0.5)).toBe(5);
    expect(warmupEpochs(40, 0.25)).toBe(5);
    expect(warmupEpochs(7, 1)).toBe(4); // ceil(3.5)
    expect(warmupEpochs(1, 0.1)).toBe(1);
    expect(() => warmupEpochs(0, 0.1)).toThrow(RangeError);
    expect(() => warmupEpochs(5, 0)).toThrow(RangeError);
  });

  it('warms up for K epochs, then selects before epochs K, K+R, K+2R, …', () => {
    const plan = swastSchedule(10, 0.3, 3); // K = 2
    expect(plan.map((p) => p.phase)).toEqual(['warmup', 'warmup', ...Array<string>(8).fill('subset')]);
    expect(plan.filter((p) => p.select).map((p) => p.epoch)).toEqual([2, 5, 8]);
    expect(plan.map((p) => p.round)).toEqual([-1, -1, 0, 0, 0, 1, 1, 1, 2, 2]);
    expect(
      swastSchedule(3, 0.1, 1)
        .filter((p) => p.select)
        .map((p) => p.epoch),
    ).toEqual([1, 2]);
    expect(() => swastSchedule(3, 0.1, 0)).toThrow(RangeError);
  });

  it('cosine-decays the drop fraction from α to 0 at T_end = 75% of the steps', () => {
    expect(cosineDropFraction(0.3, 0, 100)).toBeCloseTo(0.3, 12);
    expect(cosineDropFraction(0.3, 50, 100)).toBeCloseTo(0.15, 12);
    expect(cosineDropFraction(0.3, 25, 100)).toBeCloseTo(0.15 * (1 + Math.SQRT1_2), 12);
    expect(cosineDropFraction(0.3, 100, 100)).toBe(0);
    expect(cosineDropFraction(0.3, 150, 100)).toBe(0);
    // Monotone non-increasing.
    const xs = Array.from({ length: 101 }, (_, t) => cosineDropFraction(0.5, t, 100));
    for (let t = 1; t < xs.length; t++) expect(xs[t]!).toBeLessThanOrEqual(xs[t - 1]!);
    expect(maskUpdateEnd(200)).toBe(150);
  });

  it('trim prunes only the final layer, cut every layer, none nothing', () => {
    const base = { pruneRate: 0.3, finalPruneRate: 0.9 };
    expect(layerPruneRates({ ...base, variant: 'trim' }, 3)).toEqual([0, 0, 0.9]);
    expect(layerPruneRates({ ...base, variant: 'cut' }, 3)).toEqual([0.3, 0.3, 0.9]);
    expect(layerPruneRates({ ...base, variant: 'none' }, 3)).toEqual([0, 0, 0]);
    expect(layerPruneRates({ ...base, variant: 'cut' }, 1)).toEqual([0.9]);
  });
});

describe('SWaST selection rule', () => {
  it('keeps the highest scores per class with proportional budgets, seeded and sorted', () => {
    const labels = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.2, 0.3, 0.8, 0.1, 0.7, 0.6, 0.2]);
    const picked = swastPick(scores, labels, 2, 5, 'proportional', createRng(1));
    // Budgets 2 / 3 (largest remainder of 2 / 3): class 0 keeps rows 1, 2; class 1 keeps 5, 7, 8.
    expect(Array.from(picked)).toEqual([1, 2, 5, 7, 8]);
    const global = swastPick(scores, labels, 2, 3, 'global', createRng(1));
    expect(Array.from(global)).toEqual([1, 5, 7]);
    const ties = new Float32Array(10).fill(1);
    expect(swastPick(ties, labels, 2, 4, 'global', createRng(3))).toEqual(
      swastPick(ties, labels, 2, 4, 'global', createRng(3)),
    );
  });
});

describe('FLOPs', () => {
  // A hand-countable model: conv 3×3, 1 → 2 filters on a 5×5 input (valid: 3×3 positions),
  // then dense 18 → 3.
  const layers: LayerShape[] = [
    { name: 'conv', kind: 'conv2d', weights: 3 * 3 * 1 * 2, outputs: 2, positions: 9 },
    { name: 'dense', kind: 'dense', weights: 18 * 3, outputs: 3, positions: 1 },
  ];

  it('counts 2 FLOPs per active weight and one per bias at every position', () => {
    // conv: 9 · (2·18 + 2) = 342; dense: 2·54 + 3 = 111.
    expect(forwardFlops(layers)).toBe(453);
    // Half the conv kernel and a tenth of the dense kernel: 9·(18 + 2) + (2·5.4 + 3) = 193.8.
    expect(forwardFlops(layers, [0.5, 0.1])).toBeCloseTo(193.8, 10);
    expect(() => forwardFlops(layers, [1])).toThrow(RangeError);
  });

  it('training is 3× forward, selection 1× forward per scored sample, relative to dense full data', () => {
    // Dense full data: 4 epochs × 100 samples × 3 × 453.
    const s = flopsSummary(
      layers,
      [
        { samples: 100, densities: [1, 1] },
        { samples: 10, densities: [0.5, 0.1] },
        { samples: 10, densities: [0.5, 0.1] },
        { samples: 10, densities: [0.5, 0.1] },
      ],
      [{ samples: 100, densities: [0.5, 0.1] }],
      { epochs: 4, samplesPerEpoch: 100 },
    );
    const dense = 4 * 100 * 3 * 453;
    expect(s.denseFullData).toBe(dense);
    expect(s.training).toBeCloseTo(100 * 3 * 453 + 30 * 3 * 193.8, 6);
    expect(s.selection).toBeCloseTo(100 * 193.8, 6);
    expect(s.relative).toBeCloseTo((s.training + s.selection) / dense, 12);
    expect(s.relativeTraining).toBeCloseTo(s.training / dense, 12);
  });

  it('overall density weights layers by kernel size', () => {
    expect(overallDensity({ layers }, [0.5, 0.1])).toBeCloseTo((18 * 0.5 + 54 * 0.1) / 72, 12);
  });
});

describe('SWaST comparison', () => {
  it('flips state preservation and adds coreset-only', () => {
    const config = swastConfigOf(defaultParams(SWAST_PARAMS));
    const cut = swastComparison({ ...config, variant: 'cut' }, true);
    expect(cut.map((r) => r.name)).toEqual(['swast-cut+sp', 'swast-cut', 'coreset-only']);
    expect(cut.map((r) => [r.config.variant, r.config.statePreservation])).toEqual([
      ['cut', true],
      ['cut', false],
      ['none', false],
    ]);
    expect(swastComparison({ ...config, statePreservation: false }, true).map((r) => r.name)).toEqual([
      'swast-trim',
      'swast-trim+sp',
      'coreset-only',
    ]);
    expect(swastComparison({ ...config, variant: 'none' }, true).map((r) => r.name)).toEqual([
      'coreset-only',
    ]);
    expect(swastComparison(config, false).map((r) => r.name)).toEqual(['swast-trim+sp']);
  });
});

describe('SWaST method', () => {
  it('is in-training, resolves its params and needs the ml trainer', async () => {
    expect(swastMethod.kind).toBe('in-training');
    const config = swastConfigOf(defaultParams(SWAST_PARAMS));
    expect(config).toMatchObject({
      selector: 'el2n',
      variant: 'trim',
      lambda: 0.1,
      finalPruneRate: 0.9,
      statePreservation: true,
    });
    const split = { labels: Uint8Array.from([0, 1, 0, 1]) } as unknown as Dataset;
    const ctx = { fraction: 0.5, seed: 1, onProgress: () => {}, signal: { aborted: false }, trainers: {} };
    await expect(
      swastMethod.run({ train: split, test: split }, defaultParams(SWAST_PARAMS), ctx),
    ).rejects.toThrow(MissingTrainerError);
  });
});

describe('SWaST mask-update cadence', () => {
  it('auto ΔT is a quarter of a subset epoch, so a tiny subset still updates its mask', () => {
    expect(maskUpdateEvery(0, 250, 64)).toBe(1); // 4 steps a subset epoch
    expect(maskUpdateEvery(0, 5000, 64)).toBe(20); // 79 steps
    expect(maskUpdateEvery(7, 250, 64)).toBe(7); // an explicit ΔT wins
  });
});
