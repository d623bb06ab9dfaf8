import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from './args';
import { SPEC_BOOLEAN_FLAGS, rejectLeftovers, specFromArgs } from './spec';
import { DEFAULT_SPEC, SpecError } from '../core/experiment/spec';

const parse = (line: string) => {
  const args = parseArgs(
    ['select', ...line.split(' ').filter(Boolean)],
    new Set(['evaluate', ...SPEC_BOOLEAN_FLAGS]),
  );
  const spec = specFromArgs(args);
  rejectLeftovers(args);
  return spec;
};

describe('CLI attack flags', () => {
  it('no flag: the default (no attack, standard training)', () => {
    expect(parse('--evaluate').attack).toEqual(DEFAULT_SPEC.attack);
  });

  it.each([
    ['--attack fgsm:0.1', { kind: 'fgsm', epsilon: 0.1, pgdSteps: 10, pgdStepSize: 0.025, trades: false }],
    ['--attack pgd:0.2', { kind: 'pgd', epsilon: 0.2, pgdSteps: 10, pgdStepSize: 0.05, trades: false }],
    [
      '--attack both:0.3 --pgd-steps 20',
      { kind: 'both', epsilon: 0.3, pgdSteps: 20, pgdStepSize: 0.075, trades: false },
    ],
    [
      '--attack pgd --pgd-step-size 0.01 --trades',
      { kind: 'pgd', epsilon: 0.1, pgdSteps: 10, pgdStepSize: 0.01, trades: true },
    ],
    ['--attack=none', { ...DEFAULT_SPEC.attack }],
  ])('%s', (line, attack) => {
    expect(parse(line).attack).toEqual(attack);
  });

  it.each([
    ['--attack cw:0.1', UsageError, /KIND one of none, fgsm, pgd, both/],
    ['--attack fgsm:abc', UsageError, /ε must be a number/],
    ['--attack fgsm:0.1:2', UsageError, /KIND\[:EPSILON\]/],
    ['--attack fgsm:-0.1', SpecError, /attack.epsilon/],
    ['--attack pgd:0.1 --pgd-steps 0', SpecError, /attack.pgdSteps/],
    ['--pgd-steps x', UsageError, /--pgd-steps must be a number/],
  ])('%s is refused', (line, kind, msg) => {
    expect(() => parse(line)).toThrow(kind);
    expect(() => parse(line)).toThrow(msg);
  });
});
