// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTestMode } from '../../charts/theme';
import { quietNoCanvas } from '../../charts/testUtil';
import { nodeAssetLoader } from '../../cli/nodeData';
import { classCounts } from '../../core/budget/budgets';
import { dataKeyOf, type PreparedData } from '../../core/data/prepare';
import { subsetDataset } from '../../core/data/dataset';
import { loadImageSplit } from '../../core/data/sources';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { createJobs } from '../../state/jobs';
import { appStore, setSpec } from '../../state/store';
import type { AppState } from '../../state/types';
import { useBackend } from '../../test/tf';
import type { Progress, SwastRequest } from '../../workers/api/types';
import { runSwastJob } from '../../workers/api/swastJob';
import { jobContext } from '../../workers/api/jobTypes';
import type { LabClient } from '../../workers/client/labClient';
import { JobsContext } from '../context';
import { SwastPanel } from './SwastPanel';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

type Summary = NonNullable<AppState['data']['summary']>;
let data: PreparedData;

beforeAll(async () => {
  setTestMode(true);
  quietNoCanvas();
  await useBackend('cpu');
  const train = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const test = await loadImageSplit('mnist', 'test', nodeAssetLoader);
  data = {
    train: subsetDataset(
      train,
      Int32Array.from({ length: 300 }, (_, i) => i),
    ),
    test: subsetDataset(
      test,
      Int32Array.from({ length: 200 }, (_, i) => i),
    ),
    truth: { trueLabels: new Uint8Array(300), sourceRows: new Int32Array(300), sourceSize: 300 },
  };
});

/**
 * The worker's part runs in place (the real SWaST job on real MNIST rows, cpu backend); jobs.ts
 * and the store are the real ones.
 */
function inProcessClient() {
  const ctrls = new Map<string, AbortController>();
  let next = 1;
  const client = {
    generation: 1,
    newJobId: () => `job-${next++}`,
    summary: (spec: ExperimentSpec): Summary => ({
      key: dataKeyOf(spec),
      name: 'MNIST 300',
      n: 300,
      testN: 200,
      shape: [28, 28, 1],
      numClasses: 10,
      classNames: data.train.classNames,
      classCounts: classCounts(data.train.labels, 10),
      testClassCounts: classCounts(data.test.labels, 10),
      sampleRows: [],
      labels: data.train.labels,
      noisyCount: 0,
      oodCount: 0,
      truth: {},
      source: { id: 'radio', numbering: 'rows of the generated radio I/Q set', size: 300 },
      sourceRows: new Int32Array(300),
      loadMs: 1,
    }),
    runJob: (
      jobId: string,
      name: 'loadData' | 'runSwast',
      request: { spec: ExperimentSpec; swast: SwastRequest },
      onProgress: (p: Progress) => void,
    ) => {
      // The data is already here: a load only says what it is.
      if (name === 'loadData') return Promise.resolve(client.summary(request as unknown as ExperimentSpec));
      const ctrl = new AbortController();
      ctrls.set(jobId, ctrl);
      const { spec, swast } = request;
      return runSwastJob(data, dataKeyOf(spec), spec, swast, jobContext(ctrl.signal, onProgress));
    },
    cancel: async (jobId: string) => ctrls.get(jobId)?.abort(),
    kill: () => {},
  };
  return client as unknown as LabClient;
}

let root: Root | null = null;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

async function mount(): Promise<void> {
  setSpec(appStore, { model: 'linear', epochs: 3, batchSize: 32, learningRate: 0.01 });
  const jobs = createJobs(appStore, inProcessClient());
  await jobs.loadData();
  el = document.createElement('div');
  document.body.appendChild(el);
  root = createRoot(el);
  await act(async () => {
    root!.render(createElement(JobsContext.Provider, { value: jobs }, createElement(SwastPanel)));
  });
}

const byId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const until = async (done: () => boolean, ms = 60000) => {
  const t0 = Date.now();
  while (!done()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await act(async () => new Promise((r) => setTimeout(r, 20)));
  }
};

describe('SwastPanel', () => {
  it('runs SWaST with its comparison and overlays accuracy, density and FLOPs', async () => {
    await mount();
    expect(el.textContent).toContain('K = ceil(T·f/2) = 1');
    expect(byId('methods.swast.variant')).not.toBeNull(); // the schema-generated form
    await act(async () => byId('swast.run')!.click());
    await until(() => appStore.getState().swast?.status !== 'running');
    const s = appStore.getState().swast!;
    expect(s.error).toBeUndefined();
    expect(s.status).toBe('done');
    expect(s.outcome!.runs.map((r) => r.name)).toEqual(['swast-trim+sp', 'swast-trim', 'coreset-only']);
    // Live epochs arrived for every run before the outcome.
    expect(s.live.map((l) => [l.run, l.epochs.length])).toEqual([
      ['swast-trim+sp', 3],
      ['swast-trim', 3],
      ['coreset-only', 3],
    ]);
    expect(byId('swast.summary')!.querySelectorAll('.stat').length).toBe(3);
    for (const id of ['swast.accuracy', 'swast.density', 'swast.flops'])
      expect(byId(id)!.querySelector('svg')).not.toBeNull();
    expect(byId('swast.accuracy')!.textContent).toContain('coreset-only');
    expect(byId('swast.flops')!.textContent).toContain('dense full data');
  });

  it('cancels a running job', async () => {
    await mount();
    await act(async () => byId('swast.run')!.click());
    await until(() => byId('swast.cancel') !== null);
    await act(async () => byId('swast.cancel')!.click());
    await until(() => appStore.getState().swast?.status !== 'running', 10000);
    expect(appStore.getState().swast?.status).toBe('cancelled');
    expect(el.textContent).toContain('Cancelled.');
  });
});
