// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTestMode } from '../../charts/theme';
import { DEFAULT_SPEC } from '../../core/experiment/spec';
import { RADIO_SNRS, makeRadio, snrNames } from '../../core/data/radio';
import type { Jobs } from '../../state/jobs';
import { appStore } from '../../state/store';
import type { DataSummary, RunRecord } from '../../state/types';
import { JobsContext } from '../context';
import { StrataAccuracy, strataCurve } from '../results/SignalRunViews';
import { DataOverview } from './DataOverview';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
beforeAll(() => setTestMode(true));

let root: Root | null = null;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  appStore.setState({ spec: DEFAULT_SPEC, runs: [], data: { status: 'empty' } });
});

async function mount(node: ReturnType<typeof createElement>): Promise<void> {
  el = document.createElement('div');
  document.body.appendChild(el);
  root = createRoot(el);
  await act(async () => root!.render(createElement(JobsContext.Provider, { value: {} as Jobs }, node)));
}

const byId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

function radioSummary(): DataSummary {
  const ds = makeRadio({ n: 70, seed: 1 });
  const sampleRows = Array.from({ length: 14 }, (_, i) => i);
  const dim = 256;
  const sampleSignals = new Float32Array(sampleRows.length * dim);
  sampleRows.forEach((r, i) => sampleSignals.set(ds.x.subarray(r * dim, (r + 1) * dim), i * dim));
  return {
    key: 'radio-test',
    name: ds.name,
    n: 70,
    testN: 0,
    shape: ds.shape,
    numClasses: ds.numClasses,
    classNames: ds.classNames,
    classCounts: new Array<number>(ds.numClasses).fill(10),
    testClassCounts: [],
    sampleRows,
    sampleSignals,
    strata: { ...ds.strata!, of: ds.strata!.of.slice() },
    labels: ds.labels,
    noisyCount: 0,
    oodCount: 0,
    truth: {},
    source: { id: 'radio', numbering: 'rows of the generated radio I/Q set', size: 1 },
    sourceRows: new Int32Array(0),
    loadMs: 1,
  } as DataSummary;
}

describe('radio data in the UI', () => {
  it('the overview draws I/Q constellations per class and the SNR histogram instead of images', async () => {
    appStore.setState({ data: { status: 'ready', summary: radioSummary() } });
    await mount(createElement(DataOverview));
    expect(byId('dataset.signals')).not.toBeNull();
    expect(byId('dataset.samples')).toBeNull();
    expect(byId('dataset.signals')!.querySelectorAll('g.cell')).toHaveLength(14);
    expect(byId('dataset.signals')!.querySelector('text.caption')!.textContent).toMatch(/^BPSK -?\d+ dB$/);
    expect(byId('dataset.strataCounts')!.textContent).toContain('Samples per SNR');
  });

  it('accuracy per SNR is a curve over dB, with the full-data run beside the coreset', async () => {
    const per = {
      name: 'SNR',
      names: snrNames(),
      accuracy: RADIO_SNRS.map((s) => 0.2 + (s + 10) / 50),
      counts: RADIO_SNRS.map(() => 10),
    };
    const c = strataCurve(per, 'foqus');
    expect(c.series[0]!.x).toEqual([...RADIO_SNRS]);
    expect(c.xLabel).toBe('SNR (dB)');
    const metrics = {
      accuracy: 0.5,
      perClassAccuracy: [],
      worstClassAccuracy: 0,
      balancedAccuracy: 0,
      macroF1: 0,
      confusion: [],
      perStratum: per,
    };
    const base: Omit<RunRecord, 'id' | 'kind'> = {
      dataKey: 'k',
      dataName: 'radio',
      model: 'cnn',
      epochs: 1,
      seed: 1,
      status: 'done',
      startedAt: 0,
      curve: [],
      size: 10,
      metrics,
    };
    const coreset: RunRecord = { ...base, id: 'a', kind: 'coreset', method: 'foqus' };
    const full: RunRecord = { ...base, id: 'b', kind: 'full' };
    appStore.setState({ runs: [coreset, full] });
    await mount(createElement(StrataAccuracy, { run: coreset }));
    const view = byId('run.strataAccuracy')!;
    expect(view.textContent).toContain('Test accuracy per SNR');
    expect(view.textContent).toContain('full data');
  });
});
