/**
 * AUM — Pleiss, Zhang, Elenberg & Weinberger, "Identifying Mislabeled Data using the Area
 * Under the Margin Ranking", NeurIPS 2020.
 * Decisions: the margin is the record's probability margin p_y − max_{j≠y} p_j (the paper uses
 * logits), averaged over all recorded epochs; low AUM = hard or mislabeled, and as a coreset
 * score we keep the hardest (lowest) by default, with `keep: easiest` to drop them instead;
 * class-proportional budgets by default.
 */
import { aum } from '../signals/scores';
import { requireRecord } from './inputs';
import { strParam } from './params';
import { BALANCE_PARAM } from './ranking';
import { keepParam, rankedSelection } from './scoreBased';
import type { MethodDef } from './types';

export const aumMethod: MethodDef = {
  id: 'aum',
  name: 'AUM',
  paper: 'Pleiss et al., Identifying Mislabeled Data using the Area Under the Margin Ranking, NeurIPS 2020',
  summary:
    'Averages each sample’s margin (true-class probability minus the best other class) over training; low AUM marks hard or mislabeled samples. Decision: keep the lowest-AUM (hardest) samples by default, "easiest" keeps the highest, with class-proportional budgets.',
  kind: 'pre-training',
  needs: ['record'],
  params: [BALANCE_PARAM, keepParam('keep the lowest AUM')],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'AUM');
    const scores = aum(record);
    const order = strParam(params, 'keep') === 'easiest' ? 'highest' : 'lowest';
    return rankedSelection(signals, params, ctx, {
      id: 'aum',
      scores,
      order,
      scoreLabel: 'AUM (mean margin)',
    });
  },
};
