// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../../core/experiment/spec';
import { SPEC_SCHEMA } from '../../core/experiment/specSchema';
import type { Jobs } from '../../state/jobs';
import { appStore } from '../../state/store';
import type { RunRecord } from '../../state/types';
import { JobsContext } from '../context';
import { RunsTable } from '../results/RunsTable';
import { RobustnessChart, robustnessBars } from '../results/RobustnessChart';
import { AttackControls } from './AttackControls';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let root: Root | null = null;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  appStore.setState({ spec: DEFAULT_SPEC, runs: [] });
});

async function mount(node: ReturnType<typeof createElement>): Promise<void> {
  el = document.createElement('div');
  document.body.appendChild(el);
  root = createRoot(el);
  await act(async () => root!.render(createElement(JobsContext.Provider, { value: {} as Jobs }, node)));
}

const byId = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);

/** Sets a controlled input's value the way a user's typing does (React listens to 'input'). */
async function type(id: string, value: string): Promise<void> {
  const input = byId<HTMLInputElement>(id)!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(id: string, value: string): Promise<void> {
  const select = byId<HTMLSelectElement>(id)!;
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('attack controls', () => {
  it('take their bounds, options and labels from the spec schema', async () => {
    await mount(createElement(AttackControls));
    await choose('train.attack', 'pgd');
    const kind = SPEC_SCHEMA['attack.kind'];
    expect([...byId<HTMLSelectElement>('train.attack')!.options].map((o) => [o.value, o.text])).toEqual(
      kind.options.map((k) => [k, kind.optionLabels[k]]),
    );
    for (const [id, f] of [
      ['train.attack.epsilon', SPEC_SCHEMA['attack.epsilon']],
      ['train.attack.pgdSteps', SPEC_SCHEMA['attack.pgdSteps']],
      ['train.attack.pgdStepSize', SPEC_SCHEMA['attack.pgdStepSize']],
    ] as const) {
      const input = byId<HTMLInputElement>(id)!;
      expect([input.min, input.max], id).toEqual([String(f.min), String(f.max)]);
    }
    expect(byId<HTMLInputElement>('train.attack.epsilon')!.step).toBe('0.05');
    expect(byId<HTMLInputElement>('train.attack.pgdSteps')!.step).toBe('1');
  });

  it('set spec.attack; the PGD step follows ε/4 until the user sets it', async () => {
    await mount(createElement(AttackControls));
    expect(byId('train.attack.pgdSteps')).toBeNull();
    await choose('train.attack', 'both');
    expect(appStore.getState().spec.attack.kind).toBe('both');
    expect(byId('train.attack.pgdSteps')).not.toBeNull();
    await type('train.attack.epsilon', '0.2');
    expect(appStore.getState().spec.attack).toMatchObject({ epsilon: 0.2, pgdStepSize: 0.05 });
    await type('train.attack.pgdStepSize', '0.01');
    await type('train.attack.pgdSteps', '20');
    await type('train.attack.epsilon', '0.3');
    expect(appStore.getState().spec.attack).toMatchObject({ epsilon: 0.3, pgdStepSize: 0.01, pgdSteps: 20 });
    await act(async () => byId('train.attack.trades')!.click());
    expect(appStore.getState().spec.attack.trades).toBe(true);
  });
});

describe('results table', () => {
  const run = (id: string, extra: Partial<RunRecord>): RunRecord => ({
    id,
    kind: 'coreset',
    dataKey: 'k',
    dataName: 'MNIST',
    model: 'mlp',
    epochs: 3,
    method: 'easycore',
    fraction: 0.3,
    seed: 1,
    status: 'done',
    startedAt: 0,
    curve: [],
    size: 300,
    metrics: {
      accuracy: 0.9,
      perClassAccuracy: [],
      worstClassAccuracy: 0.8,
      balancedAccuracy: 0.9,
      macroF1: 0.9,
      confusion: [],
    },
    ...extra,
  });

  it('shows FGSM / PGD columns only once a run measured them', async () => {
    appStore.setState({ runs: [run('a', {})] });
    await mount(createElement(RunsTable));
    expect(byId('results.fgsm')).toBeNull();
    await act(async () =>
      appStore.setState({
        runs: [
          run('a', {}),
          run('b', { adversarial: { epsilon: 0.1, fgsm: 0.267, pgd: 0.224 }, trades: true }),
        ],
      }),
    );
    const fgsm = el.querySelectorAll('[data-testid="results.fgsm"]');
    const pgd = el.querySelectorAll('[data-testid="results.pgd"]');
    expect(Array.from(fgsm, (c) => c.textContent)).toEqual(['–', '26.7%']);
    expect(Array.from(pgd, (c) => c.textContent)).toEqual(['–', '22.4%']);
    expect(el.textContent).toContain('TRADES');
    expect(Array.from(el.querySelectorAll('thead th'), (t) => t.textContent)).toContain('Clean');
  });

  it('draws clean vs FGSM vs PGD bars for the runs that measured them', async () => {
    const runs = [
      run('a', {}),
      run('b', { adversarial: { epsilon: 0.1, fgsm: 0.267 } }),
      run('c', { adversarial: { epsilon: 0.1, fgsm: 0.3 } }),
    ];
    const bars = robustnessBars(runs)!;
    expect(bars.series.map((x) => x.name)).toEqual(['clean', 'FGSM']);
    expect(bars.classNames).toEqual(['EasyCore 30% s1', 'EasyCore 30% s1 (2)']);
    expect(bars.series[1]!.values).toEqual([expect.closeTo(26.7, 6), expect.closeTo(30, 6)]);
    expect(robustnessBars([run('a', {})])).toBeNull();
    appStore.setState({ runs });
    await mount(createElement(RobustnessChart));
    expect(byId('results.robustness')!.querySelectorAll('rect').length).toBeGreaterThan(0);
  });
});
