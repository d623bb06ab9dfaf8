import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, validateSpec } from '../core/experiment/spec';
import { applyProject, parseProject, projectJson, PROJECT_FORMAT } from './projectFile';
import { createStore } from 'zustand/vanilla';
import { initialState } from './store';
import type { AppState } from './types';
import type { RunRecord } from './types';

const run = (id: string, status: RunRecord['status'] = 'done'): RunRecord => ({
  id,
  kind: 'coreset',
  dataKey: 'k',
  dataName: 'MNIST 1,000',
  model: 'mlp',
  epochs: 2,
  method: 'el2n',
  fraction: 0.1,
  params: { keep: 'hardest' },
  seed: 1,
  status,
  startedAt: 5,
  curve: [{ x: 1, loss: 0.5, accuracy: 0.8 }],
  size: 3,
  indices: Int32Array.from([1, 4, 9]),
  scores: Float32Array.from([0.25, -1, 3.5e-8]),
  keptLabels: Uint8Array.from([0, 2, 9]),
  sourceRows: Int32Array.from({ length: 10 }, (_, i) => 100 + i),
  metrics: {
    accuracy: 0.8,
    perClassAccuracy: [0.8],
    worstClassAccuracy: 0.8,
    balancedAccuracy: 0.8,
    macroF1: 0.8,
  } as RunRecord['metrics'],
  diagnostics: [
    {
      kind: 'imageRanking',
      title: 't',
      rows: Int32Array.from([9, 4]),
      scores: Float32Array.from([2, 1]),
      scoreLabel: 's',
    },
  ],
});

describe('project file', () => {
  it('round-trips the setup and finished runs with their typed arrays; runs in flight stay out', () => {
    const spec = validateSpec({ ...DEFAULT_SPEC, method: 'kcenter', fraction: 0.2, params: {} });
    const text = projectJson({ spec, runs: [run('a'), run('b', 'running')], comparison: undefined });
    const p = parseProject(text);
    expect(p.spec).toEqual(spec);
    expect(p.runs).toHaveLength(1);
    const r = p.runs[0]!;
    expect(r.indices).toBeInstanceOf(Int32Array);
    expect(Array.from(r.indices!)).toEqual([1, 4, 9]);
    expect(Array.from(r.scores!)).toEqual(Array.from(Float32Array.from([0.25, -1, 3.5e-8])));
    expect(Array.from(r.sourceRows!)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    const d = r.diagnostics![0]!;
    expect(d.kind === 'imageRanking' && d.rows instanceof Int32Array && Array.from(d.rows)).toEqual([9, 4]);
  });

  it('refuses bad files with the reason and leaves the store alone', () => {
    expect(() => parseProject('{nope')).toThrow(/not a project file: it is not JSON/);
    expect(() => parseProject('{"format":"other"}')).toThrow(
      /format is "other", expected "coreset-workbench\/project"/,
    );
    expect(() => parseProject(`{"format":"${PROJECT_FORMAT}","version":9}`)).toThrow(
      /version 9 is not one this app reads/,
    );
    const good = JSON.parse(projectJson({ spec: DEFAULT_SPEC, runs: [run('a')] })) as Record<string, unknown>;
    expect(() => parseProject(JSON.stringify({ ...good, spec: { ...DEFAULT_SPEC, fraction: 7 } }))).toThrow(
      /setup is not valid: fraction/,
    );
    expect(() => parseProject(JSON.stringify({ ...good, runs: [{ schema: 1, run: { id: 3 } }] }))).toThrow(
      /run 1 of 1 is damaged/,
    );
    expect(() =>
      parseProject(JSON.stringify({ ...good, runs: [{ $typed: 'BigInt64Array', base64: '' }] })),
    ).toThrow(/tagged "BigInt64Array"/);
  });

  it('adds the runs it does not have and makes its setup current', () => {
    const store = createStore<AppState>(() => initialState());
    store.setState({ runs: [run('a')] });
    const p = parseProject(projectJson({ spec: { ...DEFAULT_SPEC, seed: 7 }, runs: [run('a'), run('z')] }));
    expect(applyProject(store, p)).toBe(1);
    expect(store.getState().runs.map((r) => r.id)).toEqual(['a', 'z']);
    expect(store.getState().spec.seed).toBe(7);
  });
});
