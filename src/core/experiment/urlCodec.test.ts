import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, SpecError, validateSpec, type ExperimentSpec } from './spec';
import { decodeSpecLenient, decodeSpec, encodeSpec } from './urlCodec';

describe('URL codec', () => {
  it('round-trips a spec that differs from the defaults everywhere it can', () => {
    const spec: ExperimentSpec = validateSpec({
      dataset: 'fashion',
      trainSize: 5000,
      toy: { shape: 'circles', n: 900, noise: 0.35 },
      corruption: { noise: 0.2, noiseType: 'asymmetric', imbalance: 10, ood: 0.1 },
      model: 'cnn',
      epochs: 7,
      trainBudget: 'converge',
      batchSize: 128,
      learningRate: 0.003,
      attack: { kind: 'both', epsilon: 0.2, pgdSteps: 20, pgdStepSize: 0.01, trades: true },
      method: 'random',
      fraction: 0.05,
      params: { balance: 'global' },
      seed: 42,
    });
    const url = encodeSpec(spec, () => new URLSearchParams()).toString();
    expect(decodeSpec(new URLSearchParams(url))).toEqual(spec);
  });

  it('carries the training budget and refuses an unknown one, naming the field', () => {
    for (const trainBudget of ['epochs', 'steps', 'converge'] as const) {
      const url = encodeSpec({ ...DEFAULT_SPEC, trainBudget }, () => new URLSearchParams()).toString();
      expect(decodeSpec(new URLSearchParams(url))?.trainBudget).toBe(trainBudget);
    }
    expect(() => decodeSpec(new URLSearchParams('v=1&budget=forever'))).toThrow(
      /trainBudget must be one of epochs, steps, converge/,
    );
  });

  it('round-trips each attack setting alone, leaving the defaults untouched', () => {
    const before = JSON.stringify(DEFAULT_SPEC);
    for (const attack of [
      { ...DEFAULT_SPEC.attack, kind: 'fgsm' as const },
      { ...DEFAULT_SPEC.attack, kind: 'pgd' as const, pgdSteps: 40, pgdStepSize: 0.005 },
      { ...DEFAULT_SPEC.attack, epsilon: 0.3 },
      { ...DEFAULT_SPEC.attack, trades: true },
    ]) {
      const spec = { ...DEFAULT_SPEC, attack };
      const url = encodeSpec(spec, () => new URLSearchParams()).toString();
      expect(decodeSpec(new URLSearchParams(url))).toEqual(spec);
    }
    expect(
      encodeSpec(
        { ...DEFAULT_SPEC, attack: { ...DEFAULT_SPEC.attack, kind: 'both', trades: true } },
        () => new URLSearchParams(),
      ).toString(),
    ).toBe('v=1&atk=both&trades=1');
    expect(JSON.stringify(DEFAULT_SPEC)).toBe(before);
  });

  it('a spec saved before attacks existed validates with the default attack', () => {
    const { attack: _old, ...legacy } = DEFAULT_SPEC;
    expect(validateSpec(legacy as ExperimentSpec).attack).toEqual(DEFAULT_SPEC.attack);
  });

  it('writes only what differs from the defaults', () => {
    expect(encodeSpec(DEFAULT_SPEC, () => new URLSearchParams()).toString()).toBe('v=1');
    expect(encodeSpec({ ...DEFAULT_SPEC, fraction: 0.3 }, () => new URLSearchParams()).toString()).toBe(
      'v=1&f=0.3',
    );
  });

  it('ignores URLs without a spec and unrelated keys', () => {
    expect(decodeSpec(new URLSearchParams('backend=wasm'))).toBeUndefined();
    expect(decodeSpec(new URLSearchParams('v=1&backend=wasm&test'))).toEqual(DEFAULT_SPEC);
  });

  it.each([
    ['v=1&f=1.5', 'fraction', /\(0, 1\]/],
    ['v=1&f=abc', 'fraction', /got null|NaN|must be in/],
    ['v=1&m=nope', 'method', /unknown method "nope"/],
    ['v=1&p.balance=sideways', 'params', /balance/],
    ['v=1&n=-5', 'trainSize', /between 1 and 60000/],
    ['v=2', 'v', /version 2/],
    ['v=1&ds=toy&ood=0.2', 'corruption.ood', /image dataset/],
    ['v=1&atk=cw', 'attack.kind', /none, fgsm, pgd, both/],
    ['v=1&eps=-0.1', 'attack.epsilon', /between 0 and 10/],
    ['v=1&pgdSteps=2.5', 'attack.pgdSteps', /integer/],
    ['v=1&trades=yes', 'attack.trades', /true or false/],
  ])('%s is refused, naming %s', (query, field, msg) => {
    try {
      decodeSpec(new URLSearchParams(query));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      expect((e as SpecError).field).toBe(field);
      expect((e as Error).message).toMatch(msg);
    }
  });

  it.each([
    ['v=1&f=1.5&epochs=7&seed=3', 'f', { epochs: 7, seed: 3, fraction: DEFAULT_SPEC.fraction }],
    ['v=1&ds=toy&ood=0.2&seed=4', 'ood', { dataset: 'toy', seed: 4 }],
    ['v=1&m=el2n&p.keep=sideways&f=0.3', 'p.keep', { method: 'el2n', fraction: 0.3 }],
    ['v=1&m=nope&epochs=2', 'm', { method: DEFAULT_SPEC.method, epochs: 2 }],
  ])('leniently, %s drops only %s and restores the rest', (query, key, kept) => {
    const { spec, dropped } = decodeSpecLenient(new URLSearchParams(query));
    expect(dropped.map((d) => d.key)).toEqual([key]);
    expect(dropped[0]!.message).not.toBe('');
    expect(spec).toMatchObject(kept);
  });

  it('leniently restores nothing from a link of another version, and everything from a good one', () => {
    expect(decodeSpecLenient(new URLSearchParams('v=2&seed=3'))).toEqual({
      spec: undefined,
      dropped: [{ key: 'v', message: expect.stringMatching(/version 2/) }],
    });
    expect(decodeSpecLenient(new URLSearchParams('v=1&seed=3'))).toEqual({
      spec: { ...DEFAULT_SPEC, seed: 3 },
      dropped: [],
    });
  });
});
