import { describe, expect, it } from 'vitest';
import { InTrainingMethodError } from './inTraining';
import { IN_TRAINING_IDS, METHODS, describeMethods, getMethod, getPreTrainingMethod } from './registry';

describe('the method registry', () => {
  it('`methods` lists every method with its kind, params schema and paper; in-training ones with their setting', () => {
    const listed = describeMethods() as Record<string, unknown>[];
    expect(listed.map((m) => m.id)).toEqual(METHODS.map((m) => m.id));
    for (const m of listed) {
      expect(['pre-training', 'in-training']).toContain(m.kind);
      expect(String(m.paper).length, String(m.id)).toBeGreaterThan(10);
      expect(Array.isArray(m.params)).toBe(true);
    }
    const byId = new Map(listed.map((m) => [m.id, m]));
    expect(byId.get('swast')).toMatchObject({ kind: 'in-training', setting: 'supervised' });
    expect(byId.get('retrieve')).toMatchObject({ kind: 'in-training', setting: 'semi-supervised' });
    expect(byId.get('random')).toMatchObject({ kind: 'pre-training' });
    expect(byId.get('random')).not.toHaveProperty('setting');
    expect((byId.get('swast')!.params as { name: string }[]).map((p) => p.name)).toContain('pruneRate');
    expect((byId.get('retrieve')!.params as { name: string }[]).map((p) => p.name)).toContain('rounds-every');
  });

  it('IN_TRAINING_IDS names exactly the in-training methods (getMethod’s literal-id types rely on it)', () => {
    expect([...IN_TRAINING_IDS].sort()).toEqual(
      METHODS.filter((m) => m.kind === 'in-training')
        .map((m) => m.id)
        .sort(),
    );
    for (const m of METHODS)
      expect(m.kind === 'in-training' ? typeof m.run : typeof m.select, m.id).toBe('function');
  });

  it('getPreTrainingMethod refuses an in-training method, naming where it runs', () => {
    expect(getPreTrainingMethod('el2n').id).toBe('el2n');
    expect(() => getPreTrainingMethod('swast')).toThrow(InTrainingMethodError);
    expect(() => getPreTrainingMethod('swast')).toThrow(/compare --methods random,swast/);
    expect(getMethod('swast').kind).toBe('in-training');
  });
});
