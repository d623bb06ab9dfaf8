/**
 * Facility location — plain submodular coverage, F(S) = Σ_i max_{j∈S} w_ij (Mirzasoleiman,
 * Bilmes & Leskovec, "Coresets for Data-efficient Training of Machine Learning Models" (CRAIG),
 * ICML 2020; Minoux 1978 for lazy greedy; Mirzasoleiman et al. AAAI 2015 for stochastic greedy).
 * Decisions (docs/methods-decisions.md, "Facility location"): s ≡ 1, the comparison point for SubZeroCore;
 * cosine similarity clipped at 0 by default (euclidean: w = d_max − d as in CRAIG); a dense
 * block up to 5000 rows, else a top-K' neighbour graph; lazy greedy by default; per class with
 * proportional budgets by default. Uniform weights (no CRAIG cluster-size weights).
 */
import { GRAPH_PARAM, NEIGHBOURS_PARAM, embeddingParam } from '../geometryParams';
import {
  coverageFor,
  precomputeCoverage,
  type CoverageOptions,
  type FacilityGraph,
  type FacilitySimilarity,
} from '../../math/coverage';
import type { Precomputed } from '../../math/accelerator';
import { gatherRows, type Matrix } from '../../math/distances';
import { facilityLocation, type FacilityOptimizer, type FacilityResult } from '../../math/facility';
import type { CurvesDiagnostic } from '../diagnostics';
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
import type { MethodDef, Selection } from '../types';
import { budgetBars, classScoreHistogram, picksScatter } from '../baselineDiagnostics';

export const facilityLocationMethod: MethodDef = {
  id: 'facility-location',
  name: 'Facility location',
  paper:
    'Mirzasoleiman, Bilmes & Leskovec, Coresets for Data-efficient Training of Machine Learning Models (CRAIG), ICML 2020',
  summary:
    'Greedily keeps the samples that best “cover” all others, maximising the sum over samples of their similarity to the closest kept one. Decision: cosine similarity clipped at 0 with uniform weights (SubZeroCore without density weights), lazy greedy, per class with proportional budgets by default.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    BALANCE_PARAM,
    embeddingParam('lastLayerGrads', 'CRAIG measures similarity between last-layer gradient approximations.'),
    {
      name: 'optimizer',
      type: 'enum',
      default: 'lazy',
      options: ['lazy', 'stochastic', 'naive'],
      help: 'lazy: exact greedy with a heap of stale gains; stochastic: (N/k)·ln(1/ε) random candidates per step (ε = 0.01); naive: every candidate every step (slow, for checking).',
    },
    {
      name: 'similarity',
      type: 'enum',
      default: 'cosine',
      options: ['cosine', 'euclidean'],
      help: 'cosine: w = max(0, cos); euclidean: w = d_max − d (CRAIG).',
    },
    GRAPH_PARAM,
    NEIGHBOURS_PARAM,
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'Facility location');
    const optimizer = strParam(params, 'optimizer') as FacilityOptimizer;
    const similarity = strParam(params, 'similarity') as FacilitySimilarity;
    const graph = strParam(params, 'graph') as FacilityGraph;
    const neighbours = numParam(params, 'neighbours');
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const coverage = new Float32Array(signals.n);
    const gains: CurvesDiagnostic['series'] = [];
    const objective: CurvesDiagnostic['series'] = [];
    type Hooks = { onProgress: (done: number) => void; checkpoint: () => void };
    const coverageOpts = (hooks: Hooks): CoverageOptions => ({
      similarity,
      block: ctx.similarity,
      graph,
      neighbours,
      checkpoint: hooks.checkpoint,
      onProgress: (f) => hooks.onProgress(0.5 * f),
    });
    const pick = (block: Block, hooks: Hooks, m: Matrix, precomputed?: Precomputed): number[] => {
      const src = coverageFor(m, { ...coverageOpts(hooks), precomputed });
      let res: FacilityResult;
      try {
        res = facilityLocation(src, block.budget, {
          optimizer,
          rng: ctx.rng.fork(`fl:${block.cls}`),
          checkpoint: hooks.checkpoint,
          onProgress: (f) => hooks.onProgress(0.5 + 0.5 * f),
        });
      } finally {
        // The next block's dense build reuses the memory (no fresh page faults).
        src.release?.();
      }
      for (let i = 0; i < m.rows; i++) coverage[block.rows[i]!] = res.coverage[i]!;
      const name = blockName(block, signals.classNames);
      const x = Array.from(res.gains, (_, t) => t + 1);
      gains.push({ name, x, y: Array.from(res.gains) });
      objective.push({ name, x, y: Array.from(res.objective) });
      return Array.from(res.picks, (p) => block.rows[p]!);
    };
    const finish = (rows: Int32Array): Selection => {
      const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: coverage });
      sel.diagnostics.push(
        classScoreHistogram('Coverage: similarity to the closest kept sample', 'coverage', coverage, signals),
        { kind: 'curves', title: 'Marginal gain per pick', xLabel: 'picks', yLabel: 'gain', series: gains },
        { kind: 'curves', title: 'Objective F(S)', xLabel: 'picks', yLabel: 'F(S)', series: objective },
        budgetBars('facility location', sel.perClassCounts, signals, ctx.budget),
      );
      const scatter = picksScatter(signals, sel.indices);
      if (scatter) sel.diagnostics.push(scatter);
      return sel;
    };
    const acc = ctx.accelerator;
    if (!acc)
      return finish(
        runPerBlock(blocks, ctx, (block, hooks) => pick(block, hooks, gatherRows(emb, block.rows))),
      );
    // Similarities from the GPU, awaited per block; the CPU computes whatever it declines.
    return runPerBlockAsync(blocks, ctx, async (block, hooks) => {
      const m = gatherRows(emb, block.rows);
      return pick(block, hooks, m, await precomputeCoverage(m, coverageOpts(hooks), acc));
    }).then(finish);
  },
};
