/**
 * Moderate-DS — Xia et al., "Moderate Coreset: A Universal Method of Data Selection for
 * Real-world Data-efficient Deep Learning", ICLR 2023.
 * Decisions: the class prototype is the component-wise median feature (as in the authors'
 * code; `reference: mean` is offered); score = euclidean distance to the own class prototype;
 * keep a contiguous window of the sorted distances whose start is `center · (n − k)` (0.5 =
 * the paper's band around the median distance); per class with proportional budgets by
 * default, one window over all distances in global mode.
 */
import { gatherRows, type Matrix } from '../../math/distances';
import { rowsByClass } from '../../budget/budgets';
import { embeddingParam } from '../geometryParams';
import { requireEmbeddings } from '../inputs';
import { numParam, strParam } from '../params';
import { BALANCE_PARAM, balanceOf, runPerBlock, selectionBlocks, tieKeys } from '../ranking';
import { finalizeSelection } from '../selection';
import type { MethodDef } from '../types';
import { budgetBars, classScoreHistogram, keptHistogram, picksScatter } from '../baselineDiagnostics';

/** Component-wise median (or mean) of the rows of m. */
export function prototype(m: Matrix, reference: 'median' | 'mean'): Float64Array {
  const d = m.dim;
  const out = new Float64Array(d);
  const col = new Float64Array(m.rows);
  for (let q = 0; q < d; q++) {
    for (let i = 0; i < m.rows; i++) col[i] = m.data[i * d + q]!;
    if (reference === 'mean') {
      let s = 0;
      for (let i = 0; i < m.rows; i++) s += col[i]!;
      out[q] = s / m.rows;
    } else {
      col.sort();
      const h = m.rows >> 1;
      out[q] = m.rows % 2 ? col[h]! : 0.5 * (col[h - 1]! + col[h]!);
    }
  }
  return out;
}

/** Distance of every row to its own class prototype. */
export function distanceToClassPrototype(
  emb: Matrix,
  labels: Uint8Array,
  numClasses: number,
  reference: 'median' | 'mean',
): Float32Array {
  const out = new Float32Array(emb.rows);
  const d = emb.dim;
  rowsByClass(labels, numClasses).forEach((rows) => {
    if (rows.length === 0) return;
    const p = prototype(gatherRows(emb, rows), reference);
    for (const r of rows) {
      let s = 0;
      for (let q = 0; q < d; q++) {
        const v = emb.data[r * d + q]! - p[q]!;
        s += v * v;
      }
      out[r] = Math.sqrt(s);
    }
  });
  return out;
}

/** The window of `count` rows, sorted by score, starting at round(center · (n − count)). */
export function bandWindow(
  rows: Int32Array,
  scores: Float32Array,
  count: number,
  center: number,
  ties: Float64Array,
): Int32Array {
  const order = Int32Array.from(rows).sort((a, b) => scores[a]! - scores[b]! || ties[a]! - ties[b]!);
  const start = Math.round(center * (order.length - count));
  return order.slice(start, start + count);
}

export const moderateMethod: MethodDef = {
  id: 'moderate',
  name: 'Moderate-DS',
  paper:
    'Xia et al., Moderate Coreset: A Universal Method of Data Selection for Real-world Data-efficient Deep Learning, ICLR 2023',
  summary:
    'Measures each sample’s distance to its class’s median feature and keeps those with moderate distances (around the median distance), skipping both the most typical and the most atypical. Decision: a contiguous band of the sorted distances centred at `center` (0.5 = the paper), per class with proportional budgets by default.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    BALANCE_PARAM,
    embeddingParam('penultimate', 'Moderate-DS measures distances in the features of a trained extractor.'),
    {
      name: 'center',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'Where the kept band sits among the sorted distances: 0 = nearest the prototype, 0.5 = around the median distance (paper), 1 = farthest.',
    },
    {
      name: 'reference',
      type: 'enum',
      default: 'median',
      options: ['median', 'mean'],
      help: 'Class prototype: component-wise median feature (paper) or mean feature.',
    },
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'Moderate-DS');
    const center = numParam(params, 'center');
    const reference = strParam(params, 'reference') === 'mean' ? 'mean' : 'median';
    ctx.onProgress(0, 'distances to class prototypes');
    const dist = distanceToClassPrototype(emb, signals.labels, signals.numClasses, reference);
    const ties = tieKeys(signals.n, ctx.rng);
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const rows = runPerBlock(blocks, ctx, (block) =>
      bandWindow(block.rows, dist, block.budget, center, ties),
    );
    const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: dist });
    sel.diagnostics.push(
      classScoreHistogram(`Distance to the class ${reference}`, 'distance', dist, signals),
      keptHistogram('Distance: kept band vs pruned', 'distance', dist, sel.indices),
      budgetBars('moderate', sel.perClassCounts, signals, ctx.budget),
    );
    const scatter = picksScatter(signals, sel.indices);
    if (scatter) sel.diagnostics.push(scatter);
    return sel;
  },
};
