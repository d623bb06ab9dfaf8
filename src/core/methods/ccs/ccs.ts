/**
 * CCS — Zheng, Liu, Li & Prakash, "Coverage-centric Coreset Selection for High Pruning
 * Rates", ICLR 2023.
 * Decisions: difficulty from the recorded run (AUM by default, low AUM = hard; forgetting or
 * EL2N selectable); drop the hardest β·N (capped so k samples remain); split the rest into
 * `strata` equal-width bins of the score; stratified budgets (smallest stratum first, each
 * min(size, remaining / strata left)); uniform seeded sampling inside each stratum. One global
 * pass by default, as in the paper; `balance: proportional` runs it per class.
 */
import type { Rng } from '../../math/rng';
import { aum, el2nScores, forgettingEvents } from '../../signals/scores';
import { stratifiedBudgets } from '../../budget/budgets';
import { requireRecord } from '../inputs';
import { numParam, strParam } from '../params';
import { balanceOf, runPerBlock, selectionBlocks, tieKeys } from '../ranking';
import { finalizeSelection } from '../selection';
import type { MethodDef } from '../types';
import { budgetBars, classScoreHistogram } from '../baselineDiagnostics';

export interface CcsResult {
  kept: Int32Array;
  /** Rows available in each stratum after the hard cut. */
  strataSizes: number[];
  /** Rows kept from each stratum. */
  strataKept: number[];
  /** Rows dropped as too hard. */
  dropped: number;
}

/**
 * CCS on one block. `hardness`: larger = harder (AUM callers pass −AUM). Ties at the cut are
 * broken by `ties`, so exactly the requested number is dropped.
 */
export function ccsBlock(
  rows: Int32Array,
  hardness: Float32Array,
  budget: number,
  beta: number,
  strata: number,
  rng: Rng,
  ties: Float64Array,
): CcsResult {
  const n = rows.length;
  const order = Int32Array.from(rows).sort((a, b) => hardness[b]! - hardness[a]! || ties[a]! - ties[b]!);
  const dropped = Math.max(0, Math.min(Math.floor(beta * n), n - budget));
  const rest = order.subarray(dropped);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rest) {
    lo = Math.min(lo, hardness[r]!);
    hi = Math.max(hi, hardness[r]!);
  }
  const width = (hi - lo) / strata;
  const bin = (v: number): number => (width > 0 ? Math.min(strata - 1, Math.floor((v - lo) / width)) : 0);
  const strataSizes = new Array<number>(strata).fill(0);
  for (const r of rest) strataSizes[bin(hardness[r]!)]! += 1;
  const members = strataSizes.map((s) => new Int32Array(s));
  const fill = new Array<number>(strata).fill(0);
  // `rest` is in hardness order, so members are too: the sample below depends only on the seed.
  for (const r of rest) {
    const b = bin(hardness[r]!);
    members[b]![fill[b]!++] = r;
  }
  const strataKept = stratifiedBudgets(strataSizes, budget);
  const kept = new Int32Array(budget);
  let at = 0;
  for (let s = 0; s < strata; s++) {
    const take = strataKept[s]!;
    if (take === 0) continue;
    const pick = rng.fork(`stratum:${s}`).sample(members[s]!.length, take);
    for (const p of pick) kept[at++] = members[s]![p]!;
  }
  return { kept, strataSizes, strataKept, dropped };
}

export const ccsMethod: MethodDef = {
  id: 'ccs',
  name: 'CCS',
  paper: 'Zheng et al., Coverage-centric Coreset Selection for High Pruning Rates, ICLR 2023',
  summary:
    'Drops the hardest β of the data by a difficulty score, then samples evenly across equal-width score strata so both easy and hard regions stay covered at high pruning rates. Decision: AUM difficulty, 50 strata, stratified budgets filling the smallest strata first, one global pass by default.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    {
      name: 'balance',
      type: 'enum',
      default: 'global',
      options: ['global', 'proportional'],
      help: 'global: CCS over all samples (paper); proportional: CCS inside each class with class-proportional budgets.',
    },
    {
      name: 'beta',
      type: 'number',
      default: 0.1,
      min: 0,
      max: 0.9,
      step: 0.01,
      help: 'β: fraction of the hardest samples dropped before stratifying (capped so the budget still fits).',
    },
    {
      name: 'strata',
      type: 'number',
      default: 50,
      min: 2,
      max: 500,
      step: 1,
      integer: true,
      help: 'Number of equal-width score strata.',
    },
    {
      name: 'score',
      type: 'enum',
      default: 'aum',
      options: ['aum', 'forgetting', 'el2n'],
      help: 'Difficulty score: AUM (low = hard, paper default), forgetting events or EL2N (first 3 epochs; high = hard).',
    },
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'CCS');
    const which = strParam(params, 'score');
    const raw =
      which === 'forgetting'
        ? forgettingEvents(record)
        : which === 'el2n'
          ? el2nScores(record, 3)
          : aum(record);
    const hardness = which === 'aum' ? raw.map((v) => -v) : raw;
    const beta = numParam(params, 'beta');
    const strata = numParam(params, 'strata');
    const ties = tieKeys(signals.n, ctx.rng);
    const blocks = selectionBlocks(signals.labels, signals.numClasses, ctx.budget, balanceOf(params));
    const sizes = new Array<number>(strata).fill(0);
    const kept = new Array<number>(strata).fill(0);
    let dropped = 0;
    const rows = runPerBlock(blocks, ctx, (block) => {
      const res = ccsBlock(
        block.rows,
        hardness,
        block.budget,
        beta,
        strata,
        ctx.rng.fork(`ccs:${block.cls}`),
        ties,
      );
      res.strataSizes.forEach((s, i) => (sizes[i]! += s));
      res.strataKept.forEach((s, i) => (kept[i]! += s));
      dropped += res.dropped;
      return res.kept;
    });
    const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: raw });
    const label = which === 'aum' ? 'AUM' : which === 'el2n' ? 'EL2N' : 'forgetting events';
    sel.diagnostics.push(
      classScoreHistogram(`${label} by class`, label, raw, signals),
      {
        kind: 'classBars',
        title: `Strata (easy → hard), after dropping the ${dropped} hardest`,
        classNames: sizes.map((_, i) => `${i + 1}`),
        xLabel: 'difficulty stratum (1 = easiest)',
        yLabel: 'samples',
        series: [
          { name: 'available', values: sizes },
          { name: 'kept', values: kept },
        ],
      },
      budgetBars('ccs', sel.perClassCounts, signals, ctx.budget),
    );
    return sel;
  },
};
