/**
 * AUM — Pleiss, Zhang, Elenberg & Weinberger, "Identifying Mislabeled Data using the Area
 * Under the Margin Ranking", NeurIPS 2020.
 * Decisions: the margin is the record's probability margin p_y − max_{j≠y} p_j (the paper uses
 * logits), averaged over all recorded epochs; low AUM = hard or mislabeled, and the paper
 * removes the low-AUM samples, so by default we keep the highest (`keep: easiest`), with
 * `keep: hardest` to keep the lowest instead; class-proportional budgets by default.
 */
import { aum } from '../../signals/scores';
import { requireRecord } from '../inputs';
import { BALANCE_PARAM } from '../ranking';
import { keepParam, rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const aumMethod: MethodDef = {
  id: 'aum',
  name: 'AUM',
  paper: 'Pleiss et al., Identifying Mislabeled Data using the Area Under the Margin Ranking, NeurIPS 2020',
  summary:
    'Averages each sample’s margin (true-class probability minus the best other class) over training; low AUM marks hard or mislabeled samples. Decision: as in the paper, the lowest-AUM samples are removed (keep "easiest") by default; "hardest" keeps the lowest instead. Class-proportional budgets.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    BALANCE_PARAM,
    keepParam({
      paper: 'easiest',
      hardest: 'keep the lowest AUM (hard and mislabeled rows)',
      easiest: 'keep the highest AUM, i.e. remove the lowest',
      paperSays: 'Pleiss et al. flag low-AUM samples as mislabeled and remove them',
    }),
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'AUM');
    const scores = aum(record);
    const order = keepOrder(params, 'lowest');
    return rankedSelection(signals, params, ctx, {
      id: 'aum',
      scores,
      order,
      scoreLabel: 'AUM (mean margin)',
    });
  },
};
