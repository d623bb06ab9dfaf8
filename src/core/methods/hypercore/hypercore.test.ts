import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng';
import { hyperCoreMethod } from './hypercore';
import { classThreshold, pickClass } from './hypercoreClass';
import { hyperCoreDiagnostics } from './hypercoreDiagnostics';
import { tieKeys } from '../ranking';
import { MissingTrainerError } from '../types';
import { syntheticSignals } from '../../../test/coreFixtures';

const f32 = (a: number[]) => Float32Array.from(a);

describe('HyperCore thresholds (Youden J per class)', () => {
  it('perfectly separated distances: J = 1 and every positive is kept', () => {
    const pos = f32([0.1, 0.2, 0.3, 0.35, 0.5]);
    const neg = f32([0.9, 1.2, 2, 3, 4]);
    const t = classThreshold(0, pos, neg);
    expect(t.j).toBe(1);
    expect(t.tpr).toBe(1);
    expect(t.fpr).toBe(0);
    expect(t.auroc).toBe(1);
    const positives = Int32Array.from([3, 8, 11, 20, 42]);
    const p = pickClass(
      { cls: 0, positives, positiveScores: pos },
      t.threshold,
      'adaptive',
      0,
      tieKeys(50, createRng(1)),
    );
    expect(Array.from(p.kept)).toEqual(Array.from(positives));
  });

  it('identical distances: J ≈ 0 (no evidence, so nothing is cut)', () => {
    const t = classThreshold(0, new Float32Array(30).fill(0.7), new Float32Array(30).fill(0.7));
    expect(Math.abs(t.j)).toBeLessThan(1e-9);
    expect(t.auroc).toBeCloseTo(0.5, 9);
    expect(t.tpr).toBe(1);
  });

  it('an overlapping outlier among the positives is cut at τ_c', () => {
    const pos = f32([0.1, 0.2, 0.25, 0.3, 5]);
    const neg = f32([1, 1.5, 2, 3, 4]);
    const t = classThreshold(2, pos, neg);
    expect(t.threshold).toBeCloseTo(0.3, 6);
    const positives = Int32Array.from([0, 1, 2, 3, 4]);
    const p = pickClass(
      { cls: 2, positives, positiveScores: pos },
      t.threshold,
      'adaptive',
      0,
      tieKeys(5, createRng(1)),
    );
    expect(Array.from(p.kept)).toEqual([0, 1, 2, 3]);
  });

  it('fixed mode: exactly the class budget, trimming below τ_c or filling above it by distance', () => {
    const positives = Int32Array.from([10, 11, 12, 13, 14, 15]);
    const pos = f32([0.5, 0.1, 0.9, 0.3, 2.5, 3]);
    const ties = tieKeys(20, createRng(3));
    const trim = pickClass({ cls: 0, positives, positiveScores: pos }, 1, 'fixed', 2, ties);
    expect(Array.from(trim.kept).sort()).toEqual([11, 13]);
    expect([trim.belowThreshold, trim.trimmed, trim.filled]).toEqual([4, 2, 0]);
    const fill = pickClass({ cls: 0, positives, positiveScores: pos }, 1, 'fixed', 5, ties);
    expect(Array.from(fill.kept).sort()).toEqual([10, 11, 12, 13, 14]);
    expect([fill.trimmed, fill.filled]).toEqual([0, 1]);
  });

  it('fixed mode breaks ties with the seeded keys, reproducibly', () => {
    const positives = Int32Array.from({ length: 20 }, (_, i) => i);
    const pos = new Float32Array(20).fill(1);
    const a = pickClass({ cls: 0, positives, positiveScores: pos }, 1, 'fixed', 7, tieKeys(20, createRng(5)));
    const b = pickClass({ cls: 0, positives, positiveScores: pos }, 1, 'fixed', 7, tieKeys(20, createRng(5)));
    expect(a.kept).toEqual(b.kept);
    expect(a.kept.length).toBe(7);
  });
});

describe('HyperCore method contract', () => {
  it('names the paper and asks for the trainer it needs', async () => {
    expect(hyperCoreMethod.paper).toContain(
      'HyperCore: Coreset Selection under Noise via Hypersphere Models',
    );
    expect(hyperCoreMethod.needs).toEqual(['embeddings', 'hypersphere']);
    const s = syntheticSignals({ n: 60, numClasses: 3, seed: 1 });
    const ctx = {
      fraction: 0.5,
      budget: 30,
      rng: createRng(1),
      onProgress: () => {},
      signal: { aborted: false },
    };
    await expect(
      hyperCoreMethod.select(
        s,
        { mode: 'adaptive', embedding: 'pixels', sphereEpochs: 1, sphereLr: 0.001, sphereBatch: 8 },
        ctx,
      ),
    ).rejects.toBeInstanceOf(MissingTrainerError);
  });

  it('diagnostics: the clean-vs-noisy table counts every row once, τ_c markers, farthest first', () => {
    const s = syntheticSignals({ n: 40, numClasses: 2, seed: 2 });
    const labels = s.labels;
    s.noisyMask = Uint8Array.from(labels, (_, i) => (i % 5 === 0 ? 1 : 0));
    const trained = [0, 1].map((c) => {
      const positives = Int32Array.from(labels.keys()).filter((i) => labels[i] === c);
      const negatives = Int32Array.from(labels.keys()).filter((i) => labels[i] !== c);
      return {
        cls: c,
        positives,
        positiveScores: Float32Array.from(positives, (r) => (s.noisyMask![r] ? 3 : 0.5) + r / 100),
        negatives,
        negativeScores: Float32Array.from(negatives, () => 2),
        epochLoss: [1, 0.5],
        ms: 1,
      };
    });
    const thresholds = trained.map((t) => classThreshold(t.cls, t.positiveScores, t.negativeScores));
    const picks = trained.map((t, i) =>
      pickClass(t, thresholds[i]!.threshold, 'adaptive', 0, tieKeys(40, createRng(1))),
    );
    const scores = new Float32Array(40);
    for (const t of trained) t.positives.forEach((r, i) => (scores[r] = t.positiveScores[i]!));
    const kept = Int32Array.from(picks.flatMap((p) => Array.from(p.kept))).sort();
    const d = hyperCoreDiagnostics({
      signals: s,
      mode: 'adaptive',
      trained,
      thresholds,
      picks,
      scores,
      kept,
    });
    const table = d.find((x) => x.kind === 'table' && x.title === 'kept: clean vs noisy');
    expect(table && table.kind === 'table' && table.rows[1]).toEqual(['injected noise', 0, 8, 8]);
    const ranking = d.find((x) => x.kind === 'imageRanking');
    expect(ranking && ranking.kind === 'imageRanking' && s.noisyMask[ranking.rows[0]!]).toBe(1);
    const hist = d.filter((x) => x.kind === 'histogram' && x.title.startsWith('Class'));
    expect(hist).toHaveLength(2);
    expect(d.find((x) => x.kind === 'roc')).toBeDefined();
  });
});
