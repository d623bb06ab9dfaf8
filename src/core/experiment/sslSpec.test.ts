import { describe, expect, it } from 'vitest';
import { retrieveMethod } from '../methods/retrieve/retrieve';
import { SpecError } from './spec';
import { DEFAULT_SSL_SPEC, validateSslSpec, type SslSpec } from './sslSpec';

function fieldOf(s: Partial<SslSpec>): string | undefined {
  try {
    validateSslSpec({ ...DEFAULT_SSL_SPEC, ...s } as SslSpec);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).field;
  }
}

describe('validateSslSpec', () => {
  it('takes the defaults, whose RETRIEVE fields are the params schema’s defaults', () => {
    expect(validateSslSpec({ ...DEFAULT_SSL_SPEC })).toEqual(DEFAULT_SSL_SPEC);
    const schema = Object.fromEntries(retrieveMethod.params.map((p) => [p.name, p.default]));
    expect(schema).toMatchObject({
      algorithm: DEFAULT_SSL_SPEC.algorithm,
      'rounds-every': DEFAULT_SSL_SPEC.roundsEvery,
      'warm-start': DEFAULT_SSL_SPEC.warmStart,
      epsilon: DEFAULT_SSL_SPEC.epsilon,
      gradients: DEFAULT_SSL_SPEC.gradients,
    });
  });

  it('checks RETRIEVE’s fields with the params schema’s ranges and names the SslSpec field', () => {
    const max = (name: string) => {
      const p = retrieveMethod.params.find((q) => q.name === name);
      return p?.type === 'number' ? (p.max ?? NaN) : NaN;
    };
    expect(fieldOf({ roundsEvery: max('rounds-every') })).toBeUndefined();
    expect(fieldOf({ roundsEvery: max('rounds-every') + 1 })).toBe('roundsEvery');
    expect(fieldOf({ warmStart: max('warm-start') + 0.05 })).toBe('warmStart');
    expect(fieldOf({ epsilon: max('epsilon') + 0.1 })).toBe('epsilon');
    expect(fieldOf({ gradients: 'weights' as SslSpec['gradients'] })).toBe('gradients');
    expect(fieldOf({ algorithm: 'mixmatch' as SslSpec['algorithm'] })).toBe('algorithm');
    expect(() => validateSslSpec({ ...DEFAULT_SSL_SPEC, roundsEvery: 500 })).toThrow(/between 1 and 100/);
  });

  it('still checks the setup fields', () => {
    expect(fieldOf({ labelsPerClass: 0 })).toBe('labelsPerClass');
    expect(fieldOf({ fraction: 0 })).toBe('fraction');
  });
});
