/**
 * EasyCore — Ramesh, Roy, Ravikumar, Roy & Srinivasan, "The Easy Path to Robustness: Coreset
 * Selection using Sample Hardness", arXiv 2510.11018 (2025).
 * Keep easy samples for adversarial robustness: score every sample by its average
 * input-gradient norm AIGN_i = (1/T) Σ_t ‖∇ₓ ℓ(f_t(x_i), y_i)‖₂ over the recorded run and keep
 * the lowest (docs/methods-decisions.md, "EasyCore").
 * Decisions: AIGN over all recorded epochs of the shared training-dynamics run (recorded with
 * input gradients, batch-norm-free models in inference mode); keep the lowest AIGN;
 * class-proportional budgets by default (`balance: global` ranks everything at once);
 * `keep: hardest` flips the rule for comparison.
 */
import { aign, aum } from '../../signals/scores';
import type { ScatterDiagnostic } from '../diagnostics';
import { requireRecord } from '../inputs';
import { BALANCE_PARAM } from '../ranking';
import { rankedSelection, keepOrder } from '../scoreBased';
import type { MethodDef } from '../types';

export const easyCoreMethod: MethodDef = {
  id: 'easycore',
  name: 'EasyCore',
  paper:
    'Ramesh, Roy, Ravikumar, Roy & Srinivasan, The Easy Path to Robustness: Coreset Selection using Sample Hardness, arXiv 2510.11018 (2025)',
  summary:
    'Scores each sample by its average input-gradient norm (AIGN) over training and keeps the lowest, the easy samples whose loss is flat around them, which train more robust models. Decision: AIGN over every recorded epoch of the shared run, with class-proportional budgets by default.',
  kind: 'pre-training',
  needs: ['inputGradNorms'],
  params: [
    BALANCE_PARAM,
    {
      name: 'keep',
      type: 'enum',
      default: 'easiest',
      options: ['easiest', 'hardest'],
      help: 'easiest: keep the lowest AIGN (the paper’s rule); hardest: keep the highest, for comparison.',
    },
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'EasyCore');
    if (!record.inputGradNorm)
      throw new Error(
        'EasyCore needs input-gradient norms: the recorded run must be made with input gradients',
      );
    const scores = aign(record);
    const order = keepOrder(params, 'highest');
    const sel = rankedSelection(signals, params, ctx, { id: 'easycore', scores, order, scoreLabel: 'AIGN' });
    const scatter: ScatterDiagnostic = {
      kind: 'scatter',
      title: 'AIGN vs mean margin (kept ringed)',
      xLabel: 'mean margin p_y − max p_other',
      yLabel: 'AIGN',
      x: aum(record),
      y: scores,
      group: signals.labels,
      groupNames: signals.classNames,
      highlight: sel.indices,
      highlightLabel: 'kept',
    };
    // After the histograms, before the budget bars and the ranking.
    sel.diagnostics.splice(2, 0, scatter);
    return sel;
  },
};
