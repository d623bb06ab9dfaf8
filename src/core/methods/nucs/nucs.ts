/**
 * NUCS — Zhang, Xing, He, Yang, Ma, Tan & Yan, "Non-Uniform Class-Wise Coreset Selection:
 * Characterizing Category Difficulty for Data-Efficient Transfer Learning", arXiv 2504.13234
 * (2025). Class budgets follow class difficulty; every class keeps a contiguous difficulty
 * window (docs/methods-decisions.md, "NUCS"). `window: oracle` is the paper's grid-search upper
 * bound (NUCS-O).
 * Decisions: d_i = EL2N averaged over the first E recorded epochs (forgetting, loss or
 * 1 − AUM-normalised selectable); S_c = winsorized mean (5th/95th percentiles), shifted > 0;
 * b_c ∝ S_c·N_c, capped at N_c, overflow re-apportioned by the same rule, largest-remainder
 * rounding; one relative window offset o shared by all classes (start = o·(N_c − b_c)), chosen
 * on a grid by a closed-form ridge one-vs-rest classifier fitted on the window's embeddings
 * (pixel PCA by default) and scored on a seeded held-out 20% of the training rows (held-out
 * rows are left out of the fit during the search only; the final window may keep them).
 * `window: oracle` scores each offset by training the spec's model; `manual` uses `offset`.
 */
import { rowsByClass, classCounts, proportionalBudgets } from '../../budget/budgets';
import type { CurvesDiagnostic, Diagnostic } from '../diagnostics';
import { requireEmbeddings, requireRecord } from '../inputs';
import {
  DIFFICULTIES,
  classDifficulty,
  nucsBudgets,
  offsetGrid,
  ridgeWindowScore,
  sampleDifficulty,
  sortByDifficulty,
  windowRows,
  type Difficulty,
} from './nucsCore';
import { numParam, strParam } from '../params';
import { tieKeys } from '../ranking';
import { EARLY_EPOCHS_PARAM } from '../scoreBased';
import { finalizeSelection } from '../selection';
import { MissingTrainerError, throwIfAborted, type MethodDef, type SelectContext } from '../types';
import { keptHistogram } from '../baselineDiagnostics';
import { featuredClasses, windowHistogram } from './nucsDiagnostics';

const DIFFICULTY_LABEL: Record<Difficulty, string> = {
  el2n: 'EL2N',
  forgetting: 'forgetting events',
  loss: 'loss',
  aum: '1 − AUM (normalised)',
};

/**
 * Hold-out score of every grid offset: the ridge proxy (ridge and manual modes; manual shows it
 * for reference) or, in oracle mode, the spec's model trained on the window.
 */
async function scoreOffsets(
  mode: string,
  grid: number[],
  ctx: SelectContext,
  ridgeAt: (o: number) => number,
  rowsAt: (o: number) => { trainRows: Int32Array; valRows: Int32Array },
): Promise<number[]> {
  const out: number[] = [];
  const trainAndScore = ctx.trainers?.trainAndScore;
  if (mode === 'oracle' && !trainAndScore)
    throw new MissingTrainerError('NUCS (oracle window)', 'a trainAndScore trainer');
  for (let j = 0; j < grid.length; j++) {
    throwIfAborted(ctx.signal);
    const o = grid[j]!;
    const report = (f: number) =>
      ctx.onProgress(
        (j + f) / grid.length,
        `${mode === 'oracle' ? 'training' : 'ridge'} at offset ${o.toFixed(2)}`,
      );
    report(0);
    if (mode === 'oracle' && trainAndScore) {
      const req = rowsAt(o);
      out.push(
        req.trainRows.length ? await trainAndScore({ ...req, signal: ctx.signal, onProgress: report }) : NaN,
      );
    } else out.push(ridgeAt(o));
  }
  return out;
}

/** The grid offset with the best score; ties go to the smaller (easier) offset. */
export function bestOffset(grid: number[], scores: number[]): number {
  let best = -1;
  scores.forEach((y, j) => {
    if (!Number.isNaN(y) && (best < 0 || y > scores[best]!)) best = j;
  });
  return best >= 0 ? grid[best]! : 0;
}

export const nucsMethod: MethodDef = {
  id: 'nucs',
  name: 'NUCS',
  paper:
    'Zhang, Xing, He, Yang, Ma, Tan & Yan, Non-Uniform Class-Wise Coreset Selection: Characterizing Category Difficulty for Data-Efficient Transfer Learning, arXiv 2504.13234 (2025)',
  summary:
    'Gives harder classes more of the budget (b_c ∝ S_c·N_c, capped at the class size) and keeps, inside every class, a contiguous window of the difficulty ranking at one shared offset. Decisions: EL2N over the first E epochs, winsorized (5–95%) class means, largest-remainder budgets, and the offset picked on an 11-point grid by a closed-form ridge classifier on pixel-PCA features scored on a seeded 20% hold-out.',
  kind: 'pre-training',
  needs: ['record', 'embeddings'],
  params: [
    {
      name: 'difficulty',
      type: 'enum',
      default: 'el2n',
      options: DIFFICULTIES,
      help: 'Per-sample difficulty d_i: EL2N over the first E epochs (Decision), mean loss over the first E epochs, forgetting events, or 1 − AUM min-max normalised.',
    },
    EARLY_EPOCHS_PARAM,
    {
      name: 'budgets',
      type: 'enum',
      default: 'nucs',
      options: ['nucs', 'proportional'],
      help: 'nucs: b_c ∝ S_c·N_c (the method); proportional: uniform class-wise budgets with the same window rule, the ablation the paper compares against.',
    },
    {
      name: 'window',
      type: 'enum',
      default: 'ridge',
      options: ['ridge', 'oracle', 'manual'],
      help: 'How the shared window offset is chosen: ridge (closed-form proxy classifier on the hold-out), oracle (train the model on each grid window: slow), manual (the offset below).',
    },
    {
      name: 'offset',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'Manual window offset o: 0 keeps the easiest b_c of every class, 1 the hardest.',
    },
    {
      name: 'grid',
      type: 'number',
      default: 11,
      min: 2,
      max: 41,
      step: 1,
      integer: true,
      help: 'Offsets tried, evenly spaced from 0 to 1.',
    },
    {
      name: 'holdout',
      type: 'number',
      default: 0.2,
      min: 0.05,
      max: 0.5,
      step: 0.05,
      help: 'Share of training rows (seeded) held out to score each offset; they are left out of the fit during the search only.',
    },
    {
      name: 'lambda',
      type: 'number',
      default: 1,
      min: 0.0001,
      max: 10000,
      help: 'Ridge penalty λ in (XᵀX + λI)W = XᵀY.',
    },
    {
      name: 'windowScore',
      type: 'enum',
      default: 'accuracy',
      options: ['accuracy', 'balanced'],
      help: 'Hold-out score that picks the offset: plain accuracy, or balanced (mean per-class) accuracy.',
    },
    {
      name: 'embedding',
      type: 'enum',
      default: 'pixels',
      options: ['pixels', 'penultimate'],
      help: 'Features for the ridge search: PCA of the pixels (training-free) or the recorded run’s penultimate layer.',
    },
  ],
  async select(signals, params, ctx) {
    const record = requireRecord(signals, 'NUCS');
    const x = requireEmbeddings(signals, 'NUCS');
    const { labels, numClasses, n } = signals;
    const kind = strParam(params, 'difficulty') as Difficulty;
    const d = sampleDifficulty(record, kind, numParam(params, 'epochs'));
    const classRows = rowsByClass(labels, numClasses);
    const sizes = classCounts(labels, numClasses);
    const S = classDifficulty(d, classRows);
    const proportional = proportionalBudgets(sizes, ctx.budget);
    const budgets =
      strParam(params, 'budgets') === 'proportional' ? proportional : nucsBudgets(sizes, S, ctx.budget);
    const ties = tieKeys(n, ctx.rng);
    const sorted = classRows.map((rows) => sortByDifficulty(rows, d, ties));

    const mode = strParam(params, 'window');
    const grid = offsetGrid(numParam(params, 'grid'));
    const held = ctx.rng.fork('holdout').sample(n, Math.max(1, Math.round(numParam(params, 'holdout') * n)));
    held.sort();
    const heldMask = new Uint8Array(n);
    for (const r of held) heldMask[r] = 1;
    const fitRowsAt = (o: number) => windowRows(sorted, budgets, o).filter((r) => !heldMask[r]);
    const balanced = strParam(params, 'windowScore') === 'balanced';
    const lambda = numParam(params, 'lambda');

    const ridgeAt = (o: number) =>
      ridgeWindowScore(x, fitRowsAt(o), held, labels, numClasses, lambda, balanced);
    const curveY = await scoreOffsets(mode, grid, ctx, ridgeAt, (o) => ({
      trainRows: fitRowsAt(o),
      valRows: held,
    }));
    const chosen = mode === 'manual' ? numParam(params, 'offset') : bestOffset(grid, curveY);
    const rows = windowRows(sorted, budgets, chosen);
    const sel = finalizeSelection(rows, labels, numClasses, { scores: d });
    const names = signals.classNames;
    const label = DIFFICULTY_LABEL[kind];
    const chosenY = mode === 'manual' ? ridgeAt(chosen) : (curveY[grid.indexOf(chosen)] ?? NaN);
    const scoreName = mode === 'oracle' ? 'accuracy' : balanced ? 'balanced accuracy' : 'accuracy';
    const curve: CurvesDiagnostic = {
      kind: 'curves',
      title: `Window offset vs ${mode === 'oracle' ? 'trained-model' : 'ridge'} hold-out ${scoreName}`,
      xLabel: 'window offset o (0 = easiest, 1 = hardest)',
      yLabel: scoreName,
      series: [
        {
          name:
            mode === 'oracle' ? 'trained model (oracle)' : mode === 'manual' ? 'ridge (reference)' : 'ridge',
          // Offsets that could not be scored (an empty fit set) are left out of the line.
          x: grid.filter((_, j) => !Number.isNaN(curveY[j])),
          y: curveY.filter((v) => !Number.isNaN(v)),
        },
      ],
      markers: Number.isNaN(chosenY)
        ? []
        : [
            {
              x: chosen,
              y: chosenY,
              label: `${mode === 'manual' ? 'manual' : 'chosen'} o = ${chosen.toFixed(2)}`,
            },
          ],
    };
    const views: Diagnostic[] = [
      {
        kind: 'classBars',
        title: `Class difficulty S_c (winsorized mean ${label})`,
        classNames: names,
        yLabel: 'S_c',
        series: [{ name: 'S_c', values: S }],
      },
      {
        kind: 'classBars',
        title: 'Class budgets: NUCS vs proportional',
        classNames: names,
        yLabel: 'samples kept',
        series: [
          {
            name: strParam(params, 'budgets') === 'proportional' ? 'kept (proportional ablation)' : 'NUCS',
            values: budgets,
          },
          { name: 'proportional', values: proportional },
        ],
      },
      curve,
      ...featuredClasses(S, sizes).map((c) =>
        windowHistogram(names[c] ?? String(c), sorted[c]!, budgets[c]!, chosen, d),
      ),
      keptHistogram(`${label}: kept vs pruned`, label, d, sel.indices),
    ];
    sel.diagnostics.push(...views);
    ctx.onProgress(1);
    return sel;
  },
};
