import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { SPEC_BOOLEAN_FLAGS, SPEC_FLAG_NAMES, rejectLeftovers, specFlagsHelp, specFromArgs } from './spec';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { SPEC_FIELDS, getPath, type SchemaField, type SchemaPath } from '../core/experiment/specSchema';

const parse = (argv: string[]) => {
  const args = parseArgs(['select', ...argv], new Set(SPEC_BOOLEAN_FLAGS));
  const spec = specFromArgs(args);
  rejectLeftovers(args);
  return spec;
};

/** A valid value of `f` other than its default, as the CLI writes it. */
function otherValue(f: SchemaField): unknown {
  switch (f.kind) {
    case 'enum':
      return f.options.find((o) => o !== f.default && o !== 'custom');
    case 'boolean':
      return !f.default;
    case 'text':
      return 'el2n';
    case 'integer':
      return f.default + 1 <= f.max ? f.default + 1 : f.default - 1;
    case 'number':
      return f.default + (f.max - f.default) / 2;
  }
}

/** The flags with their own syntax: how a test sets each, and what the spec then holds. */
const SPECIAL: Record<string, { argv: string[]; value: unknown }> = {
  dataset: { argv: ['--dataset', 'fashion'], value: 'fashion' },
  'attack.kind': { argv: ['--attack', 'pgd'], value: 'pgd' },
  'attack.epsilon': { argv: ['--attack', 'none:0.3'], value: 0.3 },
  customId: { argv: ['--dataset', 'colour-shapes'], value: expect.stringMatching(/^[0-9a-f]{8}$/) },
};

describe('the spec flags, from the schema', () => {
  it.each(SPEC_FIELDS.map((f) => [f.path, f] as const))('%s is set by its CLI flag', (path, f) => {
    let argv: string[];
    let value: unknown;
    if (f.cliSpecial) {
      expect(SPECIAL[path], `${path}: a special flag needs a case here`).toBeDefined();
      ({ argv, value } = SPECIAL[path]!);
    } else {
      value = otherValue(f);
      argv = f.kind === 'boolean' ? [`--${f.cliFlag}`] : [`--${f.cliFlag}`, String(value)];
    }
    expect(value).not.toEqual(getPath(DEFAULT_SPEC, path));
    expect(getPath(parse(argv), path)).toEqual(value);
    expect(SPEC_FLAG_NAMES.has(f.cliFlag)).toBe(true);
  });

  it('no flags: the schema defaults', () => {
    expect(parse([])).toEqual(DEFAULT_SPEC);
  });

  it('a value out of the schema range is refused, naming the field', () => {
    expect(() => parse(['--epochs', '201'])).toThrow(/epochs must be between 1 and 200, got 201/);
    expect(() => parse(['--toy-shape', 'spiral'])).toThrow(/toy.shape must be one of blobs, moons, circles/);
    expect(() => parse(['--fraction', '0'])).toThrow(/fraction must be in \(0, 1\]/);
  });

  it('help has one line per flag with its values, range and default from the schema', () => {
    const help = specFlagsHelp();
    const flags = new Set(SPEC_FIELDS.map((f) => f.cliFlag));
    for (const flag of flags) expect(help, flag).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    expect(help).toMatch(/^ {2}--epochs N in 1\.\.200 +.*\(default 10\)$/m);
    expect(help).toMatch(/^ {2}--fraction X in \(0, 1\] +.*\(default 0\.1\)$/m);
    expect(help).toMatch(/^ {2}--noise-type symmetric\|asymmetric +.*\(default symmetric\)$/m);
    expect(help).toMatch(/^ {2}--attack KIND\[:EPS\] +.*none\|fgsm\|pgd\|both/m);
    expect(help).toMatch(/^ {2}--pgd-step-size .*\(default ε\/4\)$/m);
    const paths: SchemaPath[] = ['dataset'];
    expect(
      specFlagsHelp((p) => paths.includes(p))
        .trim()
        .startsWith('--dataset'),
    ).toBe(true);
  });
});
