/**
 * GraNd — Paul, Ganguli & Dziugaite, "Deep Learning on a Data Diet", NeurIPS 2021.
 * Decisions (docs/methods-decisions.md, "Last-layer gradient"): the gradient norm is the closed-form
 * last-layer norm ‖p − e_y‖·sqrt(1 + ‖h‖²) stored in the record, not the full-network norm;
 * averaged over the first E recorded epochs; keep the highest; class-proportional by default.
 */
import { grandScores } from '../../signals/scores';
import { requireRecord } from '../inputs';
import { numParam } from '../params';
import { BALANCE_PARAM } from '../ranking';
import { EARLY_EPOCHS_PARAM, keepParam, rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const grandMethod: MethodDef = {
  id: 'grand',
  name: 'GraNd',
  paper:
    'Paul, Ganguli & Dziugaite, Deep Learning on a Data Diet: Finding Important Examples Early in Training, NeurIPS 2021',
  summary:
    'Scores each sample by the norm of its loss gradient early in training and keeps the highest. Decision: the closed-form last-layer gradient norm, averaged over the first E recorded epochs, with class-proportional budgets by default.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    BALANCE_PARAM,
    EARLY_EPOCHS_PARAM,
    keepParam({
      paper: 'hardest',
      hardest: 'keep the largest gradient norms',
      easiest: 'keep the smallest',
      paperSays: 'Paul et al. prune the smallest-GraNd samples and keep the largest',
    }),
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'GraNd');
    const scores = grandScores(record, numParam(params, 'epochs'));
    const order = keepOrder(params, 'highest');
    return rankedSelection(signals, params, ctx, {
      id: 'grand',
      scores,
      order,
      scoreLabel: 'GraNd (last layer)',
    });
  },
};
