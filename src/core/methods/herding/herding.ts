/**
 * Herding — Welling, "Herding Dynamical Weights to Learn", ICML 2009; as a coreset baseline
 * in Chen, Welling & Smola, "Super-Samples from Kernel Herding", UAI 2010 and DeepCore (Guo et
 * al. 2022).
 * Decisions: euclidean feature space of the given embeddings; at step t add the unselected row
 * x minimising ‖μ − (s + x)/(t + 1)‖ (s = sum of the kept rows, μ = the block mean), i.e.
 * argmin ‖x‖² − 2 r·x with r = (t + 1)μ − s; per class with proportional budgets by default.
 */
import { gatherRows, rowSqNorms, type Matrix } from '../../math/distances';
import type { CurvesDiagnostic } from '../diagnostics';
import { embeddingParam } from '../geometryParams';
import { requireEmbeddings } from '../inputs';
import { BALANCE_PARAM, balanceOf, runPerBlock, selectionBlocks, blockName } from '../ranking';
import { finalizeSelection } from '../selection';
import type { MethodDef } from '../types';
import { budgetBars, classScoreHistogram, picksScatter } from '../baselineDiagnostics';

export interface HerdingResult {
  picks: Int32Array;
  /** ‖mean(S_t) − μ‖ after each pick. */
  gap: Float64Array;
  /** Distance of every row to the mean μ. */
  distToMean: Float32Array;
}

export function herding(
  m: Matrix,
  k: number,
  hooks: { onProgress?: (done: number) => void; checkpoint?: () => void } = {},
): HerdingResult {
  const n = m.rows;
  const d = m.dim;
  const x = m.data;
  if (k < 0 || k > n) throw new RangeError(`herding: cannot pick ${k} of ${n} rows`);
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) mu[q]! += x[i * d + q]!;
  for (let q = 0; q < d; q++) mu[q] = mu[q]! / n;
  const norms = rowSqNorms(m);
  const distToMean = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) {
      const v = x[i * d + q]! - mu[q]!;
      s += v * v;
    }
    distToMean[i] = Math.sqrt(s);
  }
  const sum = new Float64Array(d);
  const r = new Float64Array(d);
  // Unpicked rows in ascending order, so ties go to the lower row as in a plain scan.
  const live = Int32Array.from({ length: n }, (_, i) => i);
  let left = n;
  const picks = new Int32Array(k);
  const gap = new Float64Array(k);
  const every = Math.max(1, Math.floor(k / 50));
  for (let t = 0; t < k; t++) {
    for (let q = 0; q < d; q++) r[q] = (t + 1) * mu[q]! - sum[q]!;
    let bestAt = -1;
    let bestV = Infinity;
    // ‖x‖² − 2 r·x for four rows per sweep over r (the same trick as k-center's distance pass).
    let a = 0;
    for (; a + 3 < left; a += 4) {
      const o0 = live[a]! * d;
      const o1 = live[a + 1]! * d;
      const o2 = live[a + 2]! * d;
      const o3 = live[a + 3]! * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < d; q++) {
        const v = r[q]!;
        s0 += x[o0 + q]! * v;
        s1 += x[o1 + q]! * v;
        s2 += x[o2 + q]! * v;
        s3 += x[o3 + q]! * v;
      }
      const v0 = norms[live[a]!]! - 2 * s0;
      const v1 = norms[live[a + 1]!]! - 2 * s1;
      const v2 = norms[live[a + 2]!]! - 2 * s2;
      const v3 = norms[live[a + 3]!]! - 2 * s3;
      if (v0 < bestV) {
        bestV = v0;
        bestAt = a;
      }
      if (v1 < bestV) {
        bestV = v1;
        bestAt = a + 1;
      }
      if (v2 < bestV) {
        bestV = v2;
        bestAt = a + 2;
      }
      if (v3 < bestV) {
        bestV = v3;
        bestAt = a + 3;
      }
    }
    for (; a < left; a++) {
      const o = live[a]! * d;
      let s0 = 0;
      for (let q = 0; q < d; q++) s0 += x[o + q]! * r[q]!;
      const v = norms[live[a]!]! - 2 * s0;
      if (v < bestV) {
        bestV = v;
        bestAt = a;
      }
    }
    const best = live[bestAt]!;
    live.copyWithin(bestAt, bestAt + 1, left);
    left--;
    picks[t] = best;
    let g = 0;
    for (let q = 0; q < d; q++) {
      sum[q]! += x[best * d + q]!;
      const v = sum[q]! / (t + 1) - mu[q]!;
      g += v * v;
    }
    gap[t] = Math.sqrt(g);
    if (t % every === 0) {
      hooks.checkpoint?.();
      hooks.onProgress?.((t + 1) / k);
    }
  }
  return { picks, gap, distToMean };
}

export const herdingMethod: MethodDef = {
  id: 'herding',
  name: 'Herding',
  paper:
    'Welling, Herding Dynamical Weights to Learn, ICML 2009 (coreset use: Chen, Welling & Smola, UAI 2010)',
  summary:
    'Adds, one at a time, the sample that keeps the mean of the kept set closest to the mean of all samples, so the coreset matches the data’s first moment. Decision: euclidean embedding space, per class with proportional budgets by default.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    BALANCE_PARAM,
    embeddingParam(
      'penultimate',
      'herding as a coreset baseline (DeepCore) matches means of a trained network’s features.',
    ),
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'Herding');
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const dist = new Float32Array(signals.n);
    const curves: CurvesDiagnostic['series'] = [];
    const rows = runPerBlock(blocks, ctx, (block, hooks) => {
      const res = herding(gatherRows(emb, block.rows), block.budget, hooks);
      for (let i = 0; i < block.rows.length; i++) dist[block.rows[i]!] = res.distToMean[i]!;
      curves.push({
        name: blockName(block, signals.classNames),
        x: Array.from(res.gap, (_, t) => t + 1),
        y: Array.from(res.gap),
      });
      return Array.from(res.picks, (p) => block.rows[p]!);
    });
    const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: dist });
    sel.diagnostics.push(
      classScoreHistogram('Distance to the (class) mean', 'distance to mean', dist, signals),
      {
        kind: 'curves',
        title: 'Kept mean vs full mean',
        xLabel: 'picks',
        yLabel: '‖mean(kept) − mean‖',
        series: curves,
      },
      budgetBars('herding', sel.perClassCounts, signals, ctx.budget),
    );
    const scatter = picksScatter(signals, sel.indices);
    if (scatter) sel.diagnostics.push(scatter);
    return sel;
  },
};
