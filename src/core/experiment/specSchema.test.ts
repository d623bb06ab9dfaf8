import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, SpecError, validateSpec, type ExperimentSpec } from './spec';
import { NOT_IN_SCHEMA, SPEC_FIELDS, getPath, setPath, type SchemaField } from './specSchema';
import { decodeSpec, encodeSpec } from './urlCodec';

/** A valid value of `f` other than its default (dataset custom needs an import id: toy instead). */
function otherValue(f: SchemaField): unknown {
  switch (f.kind) {
    case 'enum':
      return f.options.find((o) => o !== f.default && o !== 'custom');
    case 'boolean':
      return !f.default;
    case 'text':
      return f.path === 'method' ? 'el2n' : 'deadbeef';
    case 'integer':
      return f.default + 1 <= f.max ? f.default + 1 : f.default - 1;
    case 'number':
      return f.default + (f.max - f.default) / 2;
  }
}

/** DEFAULT_SPEC with one field changed, made valid where the rules tie it to another field. */
function specWith(f: SchemaField, value: unknown): ExperimentSpec {
  const spec = structuredClone(DEFAULT_SPEC) as unknown as Record<string, unknown>;
  setPath(spec, f.path, value);
  if (f.path === 'customId') spec.dataset = 'custom';
  if (f.path === 'method') spec.params = {};
  return spec as unknown as ExperimentSpec;
}

describe('the experiment spec schema', () => {
  it('covers every ExperimentSpec key (or names it as not user-settable)', () => {
    const top = new Set(SPEC_FIELDS.map((f) => f.path.split('.')[0]));
    for (const key of Object.keys(DEFAULT_SPEC))
      expect(top.has(key) || (NOT_IN_SCHEMA as readonly string[]).includes(key), key).toBe(true);
    for (const group of ['toy', 'corruption', 'attack'] as const)
      for (const key of Object.keys(DEFAULT_SPEC[group]))
        expect(
          SPEC_FIELDS.some((f) => f.path === `${group}.${key}`),
          `${group}.${key}`,
        ).toBe(true);
  });

  it('keeps the defaults users know', () => {
    expect(DEFAULT_SPEC).toEqual({
      dataset: 'mnist',
      trainSize: 1000,
      toy: { shape: 'moons', n: 600, noise: 0.2 },
      corruption: { noise: 0, noiseType: 'symmetric', imbalance: 1, ood: 0 },
      model: 'mlp',
      epochs: 10,
      trainBudget: 'steps',
      batchSize: 64,
      learningRate: 0.001,
      attack: { kind: 'none', epsilon: 0.1, pgdSteps: 10, pgdStepSize: 0.025, trades: false },
      customId: '',
      method: 'random',
      fraction: 0.1,
      params: { balance: 'proportional' },
      seed: 1,
    });
    expect(validateSpec(DEFAULT_SPEC)).toEqual(DEFAULT_SPEC);
  });

  it('gives every field its own URL key and CLI flag, defaults inside their ranges', () => {
    const keys = SPEC_FIELDS.map((f) => f.urlKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of SPEC_FIELDS) {
      expect(f.cliFlag, f.path).toMatch(/^[a-z][a-z-]*$/);
      if (f.kind === 'number' || f.kind === 'integer') {
        expect(f.default, f.path).toBeGreaterThanOrEqual(f.min);
        expect(f.default, f.path).toBeLessThanOrEqual(f.max);
      }
      if (f.kind === 'enum') expect(f.options, f.path).toContain(f.default);
    }
  });

  it.each(SPEC_FIELDS.map((f) => [f.path, f] as const))('%s round-trips through the URL alone', (_, f) => {
    const value = otherValue(f);
    const spec = validateSpec(specWith(f, value));
    const url = encodeSpec(spec, () => new URLSearchParams()).toString();
    expect(url, f.path).toContain(`${f.urlKey}=`);
    const back = decodeSpec(new URLSearchParams(url))!;
    expect(getPath(back, f.path)).toEqual(value);
    expect(back).toEqual(spec);
  });

  it.each(SPEC_FIELDS.filter((f) => f.kind !== 'text').map((f) => [f.path, f] as const))(
    '%s refuses a bad value, naming the field',
    (_, f) => {
      const bad = f.kind === 'enum' ? 'nope' : f.kind === 'boolean' ? 'yes' : f.max + 1;
      try {
        validateSpec(specWith(f, bad));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        expect((e as SpecError).field).toBe(f.path);
      }
    },
  );
});
