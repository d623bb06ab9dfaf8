/**
 * EL2N — Paul, Ganguli & Dziugaite, "Deep Learning on a Data Diet: Finding Important Examples
 * Early in Training", NeurIPS 2021.
 * Decisions: ‖p − e_y‖ from the recorded run's evaluation passes, averaged over the first E
 * epochs of one run (the paper averages several runs at one early epoch); keep the highest;
 * class-proportional budgets by default.
 */
import { el2nScores } from '../../signals/scores';
import { requireRecord } from '../inputs';
import { numParam } from '../params';
import { BALANCE_PARAM } from '../ranking';
import { EARLY_EPOCHS_PARAM, keepParam, rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const el2nMethod: MethodDef = {
  id: 'el2n',
  name: 'EL2N',
  paper:
    'Paul, Ganguli & Dziugaite, Deep Learning on a Data Diet: Finding Important Examples Early in Training, NeurIPS 2021',
  summary:
    'Scores each sample by the L2 norm of its error vector p − e_y early in training and keeps the highest (hardest) ones. Decision: the score is averaged over the first E recorded epochs of one run, with class-proportional budgets by default.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    BALANCE_PARAM,
    EARLY_EPOCHS_PARAM,
    keepParam({
      paper: 'hardest',
      hardest: 'keep the highest EL2N',
      easiest: 'keep the lowest EL2N',
      paperSays: 'Paul et al. prune the lowest-EL2N (easy) samples and keep the highest',
    }),
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'EL2N');
    const scores = el2nScores(record, numParam(params, 'epochs'));
    const order = keepOrder(params, 'highest');
    return rankedSelection(signals, params, ctx, { id: 'el2n', scores, order, scoreLabel: 'EL2N' });
  },
};
