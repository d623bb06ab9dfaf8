/**
 * Random — seeded uniform sampling, the baseline every method must beat.
 * Decision (docs/methods-decisions.md, Budgets): class-proportional by default (largest-remainder budgets,
 * then uniform within each class); `global` samples uniformly from the whole set.
 */
import { classCounts, proportionalBudgets, rowsByClass } from '../../budget/budgets';
import { strParam } from '../params';
import { finalizeSelection } from '../selection';
import type { MethodDef } from '../types';
import { throwIfAborted } from '../types';

export const randomMethod: MethodDef = {
  id: 'random',
  name: 'Random',
  paper: 'Uniform random sampling (the standard baseline)',
  summary:
    'Keeps a seeded uniform sample of the data. Class-proportional by default, so each class keeps the same share as in the full set; "global" samples without looking at labels.',
  kind: 'pre-training',
  needs: [],
  params: [
    {
      name: 'balance',
      type: 'enum',
      default: 'proportional',
      options: ['proportional', 'global'],
      help: 'proportional: every class keeps fraction f of its samples; global: one uniform draw over all samples.',
    },
  ],
  select(signals, params, ctx) {
    const { labels, numClasses, n } = signals;
    const mode = strParam(params, 'balance');
    let rows: Int32Array;
    if (mode === 'global') {
      rows = ctx.rng.sample(n, ctx.budget);
    } else {
      const counts = classCounts(labels, numClasses);
      const budgets = proportionalBudgets(counts, ctx.budget);
      const byClass = rowsByClass(labels, numClasses);
      rows = new Int32Array(ctx.budget);
      let at = 0;
      for (let c = 0; c < numClasses; c++) {
        throwIfAborted(ctx.signal);
        const pick = ctx.rng.fork(c).sample(byClass[c]!.length, budgets[c]!);
        for (const p of pick) rows[at++] = byClass[c]![p]!;
        ctx.onProgress((c + 1) / numClasses);
      }
    }
    const expected = proportionalBudgets(classCounts(labels, numClasses), ctx.budget);
    const sel = finalizeSelection(rows, labels, numClasses);
    sel.diagnostics.push({
      kind: 'classBars',
      title: 'Kept per class',
      classNames: signals.classNames,
      yLabel: 'samples kept',
      series: [
        { name: 'random', values: sel.perClassCounts },
        { name: 'proportional', values: expected },
      ],
    });
    return sel;
  },
};
