/**
 * Forgetting — Toneva et al., "An Empirical Study of Example Forgetting during Deep Neural
 * Network Learning", ICLR 2019.
 * Decisions: events are counted between consecutive per-epoch evaluation passes of the recorded
 * run (not per mini-batch presentation); never-learned samples score T, above any real count;
 * class-proportional budgets by default; ties broken by a seeded random key.
 */
import { forgettingEvents } from '../../signals/scores';
import { requireRecord } from '../inputs';
import { BALANCE_PARAM } from '../ranking';
import { keepParam, rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const forgettingMethod: MethodDef = {
  id: 'forgetting',
  name: 'Forgetting',
  paper:
    'Toneva et al., An Empirical Study of Example Forgetting during Deep Neural Network Learning, ICLR 2019',
  summary:
    'Counts how often each sample goes from correctly to incorrectly classified between epochs of the recorded run and keeps the most-forgotten ones. Decision: never-learned samples get the maximal count T so they rank first; budgets are class-proportional by default.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    BALANCE_PARAM,
    keepParam({
      paper: 'hardest',
      hardest: 'keep the most-forgotten samples',
      easiest: 'keep the least-forgotten (unforgettable) ones',
      paperSays: 'Toneva et al. remove unforgettable samples and keep the forgotten ones',
    }),
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'Forgetting');
    const scores = forgettingEvents(record);
    const order = keepOrder(params, 'highest');
    return rankedSelection(signals, params, ctx, {
      id: 'forgetting',
      scores,
      order,
      scoreLabel: 'forgetting events',
    });
  },
};
