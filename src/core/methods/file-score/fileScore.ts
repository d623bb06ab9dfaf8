/**
 * Score from file — ranks by a per-sample score computed elsewhere (a cluster's EL2N / forgetting
 * / memorization estimate, a data-valuation run) and imported as `.npy` or CSV in the dataset's
 * own numbering (core/data/importedSignals.ts).
 * Decisions: keep the highest scores by default (most scores in the literature mark hard or
 * valuable rows high); class-proportional budgets by default, like the score baselines.
 */
import { MissingSignalError } from '../inputs';
import { BALANCE_PARAM } from '../ranking';
import { rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const fileScoreMethod: MethodDef = {
  id: 'file-score',
  name: 'Score from file',
  paper: 'Your own per-sample score, imported as .npy or CSV (one value per row of the training file)',
  summary:
    'Ranks the rows by a score you computed elsewhere and keeps one end of the ranking. Decision: class-proportional budgets by default; "hardest" keeps the highest scores.',
  kind: 'pre-training',
  needs: [],
  params: [
    BALANCE_PARAM,
    {
      name: 'keep',
      type: 'enum',
      default: 'hardest',
      options: ['hardest', 'easiest'],
      help: 'hardest: keep the highest scores; easiest: keep the lowest.',
    },
  ],
  select(signals, params, ctx) {
    const file = signals.fileScores;
    if (!file)
      throw new MissingSignalError(
        'Score from file',
        'a scores file (CLI: --scores FILE; app: import scores beside the data)',
      );
    if (file.values.length !== signals.n)
      throw new Error(
        `Score from file: ${file.name} maps to ${file.values.length} rows, the data has ${signals.n}`,
      );
    const order = keepOrder(params, 'highest');
    return rankedSelection(signals, params, ctx, {
      id: 'file-score',
      scores: file.values,
      order,
      scoreLabel: file.name,
    });
  },
};
