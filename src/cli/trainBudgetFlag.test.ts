import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { planFromArgs } from './compare';
import { expandPlan } from '../core/experiment/plan';

const plan = (...argv: string[]) => planFromArgs(parseArgs(['compare', ...argv], new Set())).plan;

describe('compare --train-budget', () => {
  it('defaults to steps, takes each budget, and reaches every cell', () => {
    expect(expandPlan(plan('--methods', 'random')).cells[0]!.spec.trainBudget).toBe('steps');
    for (const b of ['epochs', 'steps', 'converge'])
      expect(expandPlan(plan('--methods', 'random', '--train-budget', b)).cells[0]!.spec.trainBudget).toBe(b);
  });

  it('overrides a preset and refuses an unknown budget, naming the field', () => {
    expect(plan('--preset', 'ccs-high-pruning', '--train-budget', 'epochs').trainBudget).toBe('epochs');
    expect(plan('--preset', 'ccs-high-pruning').trainBudget).toBe('steps');
    expect(() => plan('--train-budget', 'forever')).toThrow(
      /trainBudget must be one of epochs, steps, converge/,
    );
  });
});
