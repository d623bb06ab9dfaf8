/**
 * k-Center greedy — Sener & Savarese, "Active Learning for Convolutional Neural Networks: A
 * Core-Set Approach", ICLR 2018 (farthest-first traversal, Gonzalez 1985).
 * Decisions: euclidean distance on the given embeddings; a maintained min-distance vector with
 * triangle-inequality skipping (exact); per class with proportional budgets by default, one
 * traversal over everything in global mode; the first centre is the row nearest the block mean
 * (`start: mean`, default) or a seeded random row (`start: random`).
 */
import { gatherRows, rowSqNorms, type Matrix } from '../../math/distances';
import { kCenterGreedy } from '../../math/kcenter';
import type { CurvesDiagnostic } from '../diagnostics';
import { embeddingParam } from '../geometryParams';
import { requireEmbeddings } from '../inputs';
import { strParam } from '../params';
import { BALANCE_PARAM, balanceOf, runPerBlock, selectionBlocks, blockName } from '../ranking';
import { finalizeSelection } from '../selection';
import type { MethodDef } from '../types';
import { budgetBars, classScoreHistogram, picksScatter } from '../baselineDiagnostics';

/** The row of m nearest to m's mean (a deterministic, central first centre). */
export function nearestToMean(m: Matrix): number {
  const d = m.dim;
  const mean = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) for (let q = 0; q < d; q++) mean[q]! += m.data[i * d + q]!;
  for (let q = 0; q < d; q++) mean[q] = mean[q]! / m.rows;
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) {
      const v = m.data[i * d + q]! - mean[q]!;
      s += v * v;
    }
    if (s < bestD) {
      bestD = s;
      best = i;
    }
  }
  return best;
}

export const kCenterMethod: MethodDef = {
  id: 'kcenter',
  name: 'k-Center greedy',
  paper:
    'Sener & Savarese, Active Learning for Convolutional Neural Networks: A Core-Set Approach, ICLR 2018',
  summary:
    'Farthest-first traversal: repeatedly keeps the sample farthest from everything kept so far, so the kept set covers the embedding space with the smallest radius it greedily can. Decision: per class with proportional budgets by default, starting from the sample nearest the class mean.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    BALANCE_PARAM,
    embeddingParam(
      'penultimate',
      'Sener & Savarese run k-center on the penultimate features of the trained network.',
    ),
    {
      name: 'start',
      type: 'enum',
      default: 'mean',
      options: ['mean', 'random'],
      help: 'First centre: the sample nearest the (class) mean, or a seeded random sample.',
    },
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'k-Center greedy');
    const start = strParam(params, 'start');
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const dist = new Float32Array(signals.n);
    const curves: CurvesDiagnostic['series'] = [];
    const rows = runPerBlock(blocks, ctx, (block, hooks) => {
      const m = gatherRows(emb, block.rows);
      const first = start === 'random' ? ctx.rng.fork(`first:${block.cls}`).int(m.rows) : nearestToMean(m);
      const res = kCenterGreedy(m, block.budget, { first, ...hooks });
      for (let i = 0; i < m.rows; i++) dist[block.rows[i]!] = Math.sqrt(res.minSqDist[i]!);
      curves.push({
        name: blockName(block, signals.classNames),
        x: Array.from(res.radius, (_, t) => t + 1),
        y: Array.from(res.radius),
      });
      return Array.from(res.picks, (p) => block.rows[p]!);
    });
    const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: dist });
    sel.diagnostics.push(
      classScoreHistogram('Distance to the nearest kept sample', 'distance', dist, signals),
      {
        kind: 'curves',
        title: 'Covering radius',
        xLabel: 'picks',
        yLabel: 'max distance to a kept sample',
        series: curves,
      },
      budgetBars('k-center', sel.perClassCounts, signals, ctx.budget),
    );
    const scatter = picksScatter(signals, sel.indices);
    if (scatter) sel.diagnostics.push(scatter);
    return sel;
  },
};

/** Covering radius of a set of rows over all rows of m (tests; O(N·|S|·d)). */
export function coveringRadius(m: Matrix, set: ArrayLike<number>): number {
  const norms = rowSqNorms(m);
  const d = m.dim;
  let worst = 0;
  for (let i = 0; i < m.rows; i++) {
    let best = Infinity;
    for (let s = 0; s < set.length; s++) {
      const j = set[s]!;
      let dot = 0;
      for (let q = 0; q < d; q++) dot += m.data[i * d + q]! * m.data[j * d + q]!;
      best = Math.min(best, norms[i]! + norms[j]! - 2 * dot);
    }
    worst = Math.max(worst, best);
  }
  return Math.sqrt(Math.max(0, worst));
}
