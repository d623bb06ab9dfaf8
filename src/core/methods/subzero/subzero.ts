/**
 * SubZeroCore — Moser, Nauen, Shanbhag, Raue, Frolov, Folz & Dengel, "SubZeroCore: A Submodular
 * Approach with Zero Training for Coreset Selection", arXiv 2509.21748, 2025.
 *
 * Training-free: on L2-normalised embeddings (pixel PCA by default), K = the smallest integer with
 * 1 − Π_{i=1..K} (N−M−i)/(N−i) ≥ γ; r_i = cosine distance to the K-th nearest neighbour; density
 * weight s_i = exp(−(r_i − μ_r)² / (2σ_r²)) (1 when σ ≈ 0); then lazy greedy on
 * F(S) = Σ_i max_{j∈S} s_j · max(0, cos(x_i, x_j)).
 * Decisions (docs/methods-decisions.md, "SubZeroCore"): per class with proportional budgets by
 * default (global mode for unlabeled data); K, μ_r and σ_r are computed per block from that block's N and budget;
 * a dense cosine block up to 5000 rows per block, else a sparse top-K′ neighbour graph (one kNN
 * pass gives both the radii and the graph); embeddings from the `embedding` param.
 */
import { EMBEDDING_PARAM, GRAPH_PARAM, NEIGHBOURS_PARAM } from '../geometryParams';
import { gatherRows, type Matrix } from '../../math/distances';
import type { Precomputed } from '../../math/accelerator';
import { facilityLocation, type FacilityResult } from '../../math/facility';
import type { CurvesDiagnostic, TableDiagnostic } from '../diagnostics';
import { requireEmbeddings } from '../inputs';
import { numParam, strParam } from '../params';
import {
  BALANCE_PARAM,
  balanceOf,
  runPerBlock,
  runPerBlockAsync,
  selectionBlocks,
  type Block,
  blockName,
} from '../ranking';
import { finalizeSelection } from '../selection';
import {
  gammaKCurve,
  subzeroBlock,
  subzeroK,
  subzeroPrecompute,
  type SubzeroBlockOptions,
} from './subzeroMath';
import type { MethodDef, Selection } from '../types';
import { budgetBars, classScoreHistogram, keptHistogram, picksScatter } from '../baselineDiagnostics';

export { densityWeights, gammaKCurve, subzeroBlock, subzeroK } from './subzeroMath';

export const subzeroMethod: MethodDef = {
  id: 'subzero',
  name: 'SubZeroCore',
  paper:
    'Moser et al., SubZeroCore: A Submodular Approach with Zero Training for Coreset Selection, arXiv 2509.21748, 2025',
  summary:
    'Training-free: weights every sample by how typical its local density is (distance to its K-th neighbour, K set by the coverage target γ) and greedily keeps the samples that best cover the rest, coverage scaled by that weight. Decision: per class with proportional budgets by default (global for unlabeled data), K and the density statistics per class, lazy greedy on a dense block up to 5000 rows or a top-K′ neighbour graph above.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    {
      name: 'gamma',
      type: 'number',
      default: 0.6,
      min: 0.05,
      max: 0.95,
      step: 0.05,
      help: 'γ: target probability that a random coreset of this size hits a sample’s K nearest neighbours; K is the smallest neighbourhood reaching it.',
    },
    BALANCE_PARAM,
    EMBEDDING_PARAM,
    GRAPH_PARAM,
    NEIGHBOURS_PARAM,
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'SubZeroCore');
    const gamma = numParam(params, 'gamma');
    const graph = strParam(params, 'graph') as 'auto' | 'dense' | 'knn';
    const neighbours = numParam(params, 'neighbours');
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const weights = new Float32Array(signals.n);
    const radii = new Float32Array(signals.n);
    const gains: CurvesDiagnostic['series'] = [];
    const table: TableDiagnostic['rows'] = [];
    type Hooks = { onProgress: (done: number) => void; checkpoint: () => void };
    const blockOpts = (block: Block, hooks: Hooks): SubzeroBlockOptions => ({
      k: subzeroK(block.rows.length, block.budget, gamma),
      graph,
      neighbours,
      block: ctx.similarity,
      checkpoint: hooks.checkpoint,
      onProgress: (f) => hooks.onProgress(0.6 * f),
    });
    const pick = (block: Block, hooks: Hooks, m: Matrix, precomputed?: Precomputed): number[] => {
      const opts = blockOpts(block, hooks);
      const k = opts.k;
      const sz = subzeroBlock(m, { ...opts, precomputed });
      let res: FacilityResult;
      try {
        res = facilityLocation(sz.source, block.budget, {
          optimizer: 'lazy',
          checkpoint: hooks.checkpoint,
          onProgress: (f) => hooks.onProgress(0.6 + 0.4 * f),
        });
      } finally {
        // The next block's dense build reuses the memory (no fresh page faults).
        sz.source.release?.();
      }
      for (let i = 0; i < m.rows; i++) {
        weights[block.rows[i]!] = sz.weights[i]!;
        radii[block.rows[i]!] = sz.radii[i]!;
      }
      const name = blockName(block, signals.classNames);
      gains.push({ name, x: Array.from(res.gains, (_, t) => t + 1), y: Array.from(res.gains) });
      const f = res.objective.length ? res.objective[res.objective.length - 1]! : 0;
      table.push([name, m.rows, block.budget, k, round(sz.mean), round(sz.std), sz.graphKind, round(f)]);
      return Array.from(res.picks, (p) => block.rows[p]!);
    };
    const acc = ctx.accelerator;
    if (acc)
      // kNN lists and Gram blocks from the GPU, awaited per block; the CPU computes what it declines.
      return runPerBlockAsync(blocks, ctx, async (block, hooks) => {
        const m = gatherRows(emb, block.rows);
        return pick(block, hooks, m, await subzeroPrecompute(m, blockOpts(block, hooks), acc));
      }).then(finish);
    return finish(
      runPerBlock(blocks, ctx, (block, hooks) => pick(block, hooks, gatherRows(emb, block.rows))),
    );

    function finish(rows: Int32Array): Selection {
      const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: weights });
      const curve = gammaKCurve(signals.n, ctx.budget);
      const kAll = subzeroK(signals.n, ctx.budget, gamma);
      const meanR = radii.reduce((a, b) => a + b, 0) / Math.max(1, signals.n);
      sel.diagnostics.push(
        {
          kind: 'curves',
          title: `γ → K for N = ${signals.n}, budget ${ctx.budget}`,
          xLabel: 'γ (target coverage probability)',
          yLabel: 'K (neighbour rank for the radius)',
          series: [{ name: 'K(γ)', ...curve }],
          markers: [{ x: gamma, y: kAll, label: `γ = ${gamma} → K = ${kAll}` }],
        },
        keptHistogram('Density weight s (kept vs pruned)', 'density weight s', weights, sel.indices),
        classScoreHistogram(
          'Coverage radius: cosine distance to the K-th neighbour',
          'radius r',
          radii,
          signals,
          [{ value: meanR, label: 'mean r' }],
        ),
        { kind: 'curves', title: 'Marginal gain per pick', xLabel: 'picks', yLabel: 'gain', series: gains },
        budgetBars('SubZeroCore', sel.perClassCounts, signals, ctx.budget),
        {
          kind: 'table',
          title: 'Per block: neighbourhood K, radius statistics, F(S)',
          columns: ['block', 'N', 'budget', 'K', 'mean r', 'std r', 'graph', 'F(S)'],
          rows: table,
        },
      );
      const scatter = picksScatter(signals, sel.indices, 'SubZeroCore picks');
      if (scatter) sel.diagnostics.push(scatter);
      return sel;
    }
  },
};

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
