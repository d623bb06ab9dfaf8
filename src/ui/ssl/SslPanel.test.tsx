// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTestMode } from '../../charts/theme';
import { quietNoCanvas } from '../../charts/testUtil';
import { nodeAssetLoader } from '../../cli/nodeData';
import { providerFromLoader } from '../../core/data/prepare';
import type { SslSpec } from '../../core/experiment/sslSpec';
import { createJobs } from '../../state/jobs';
import { setSslCompare, setSslSetup } from '../../state/ssl';
import { appStore } from '../../state/store';
import { useBackend } from '../../test/tf';
import { createSslJobs } from '../../workers/api/sslJob';
import { jobContext } from '../../workers/api/jobTypes';
import type { SslProgressDto } from '../../workers/api/types';
import type { LabClient } from '../../workers/client/labClient';
import { JobsContext } from '../context';
import { SslPanel } from './SslPanel';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

beforeAll(async () => {
  setTestMode(true);
  quietNoCanvas();
  await useBackend('cpu');
});

/** The worker's part runs in place: the real SSL job on real MNIST / Fashion-MNIST rows (cpu). */
function inProcessClient() {
  const ssl = createSslJobs(providerFromLoader(nodeAssetLoader));
  const ctrls = new Map<string, AbortController>();
  let next = 1;
  const client = {
    generation: 1,
    newJobId: () => `job-${next++}`,
    runJob: (jobId: string, _name: 'runSsl', spec: SslSpec, onProgress: (p: SslProgressDto) => void) => {
      const ctrl = new AbortController();
      ctrls.set(jobId, ctrl);
      return ssl.run(spec, jobContext(ctrl.signal, onProgress), 'cpu');
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

async function mount(epochs: number): Promise<void> {
  setSslSetup(appStore, {
    labelsPerClass: 3,
    unlabeled: 200,
    ood: 0.5,
    epochs,
    roundsEvery: 1,
    fraction: 0.25,
    testSize: 100,
    labeledBatch: 30,
    unlabeledBatch: 25,
  });
  setSslCompare(appStore, ['retrieve', 'random', 'full']);
  const jobs = createJobs(appStore, inProcessClient());
  el = document.createElement('div');
  document.body.appendChild(el);
  root = createRoot(el);
  await act(async () => {
    root!.render(createElement(JobsContext.Provider, { value: jobs }, createElement(SslPanel)));
  });
}

const byId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const until = async (done: () => boolean, ms = 90000) => {
  const t0 = Date.now();
  while (!done()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await act(async () => new Promise((r) => setTimeout(r, 20)));
  }
};

describe('SslPanel', () => {
  it('runs RETRIEVE, random and full pool in sequence and draws accuracy vs time, OOD share, class mix and gains', async () => {
    await mount(2);
    expect(byId('methods.ssl.algorithm')).not.toBeNull(); // the schema-generated form
    expect(byId('ssl.labelsPerClass')).not.toBeNull();
    await act(async () => byId('ssl.run')!.click());
    await until(() => appStore.getState().ssl?.status !== 'running');
    const s = appStore.getState().ssl!;
    expect(s.error).toBeUndefined();
    expect(s.status).toBe('done');
    expect(s.runs.map((r) => [r.method, r.status, r.epochs.length])).toEqual([
      ['retrieve', 'done', 2],
      ['random', 'done', 2],
      ['full', 'done', 2],
    ]);
    expect(s.runs[0]!.rounds.map((r) => r.size)).toEqual([50, 50]);
    for (const id of ['ssl.accuracyChart', 'ssl.oodChart', 'ssl.classMixChart', 'ssl.gainChart'])
      expect(byId(id)!.querySelector('svg')).not.toBeNull();
    expect(byId('ssl.accuracyChart')!.textContent).toContain('full pool');
    expect(byId('ssl.classMixChart')!.textContent).toContain('OOD');
    for (const m of ['retrieve', 'random', 'full'])
      expect(byId(`ssl.summary.${m}`)!.textContent).toContain('done');
  }, 120_000);

  it("the schema-generated form edits the setup through RETRIEVE's config (one param at a time)", async () => {
    await mount(2);
    const change = async (id: string, value: string) => {
      const select = byId(id) as HTMLSelectElement;
      select.value = value;
      await act(async () => select.dispatchEvent(new Event('change', { bubbles: true })));
    };
    await change('methods.ssl.algorithm', 'vat');
    await change('methods.ssl.gradients', 'lastLayer');
    expect(appStore.getState().ssl!.setup).toMatchObject({
      algorithm: 'vat',
      gradients: 'lastLayer',
      roundsEvery: 1,
      warmStart: 0,
      epsilon: 0.01,
      labelsPerClass: 3,
    });
    expect((byId('methods.ssl.algorithm') as HTMLSelectElement).value).toBe('vat');
    setSslSetup(appStore, { algorithm: 'fixmatch', gradients: 'logits' }); // the next test's defaults
  });

  it('cancel stops the current run and skips the rest', async () => {
    await mount(30);
    await act(async () => byId('ssl.run')!.click());
    await until(
      () => byId('ssl.cancel') !== null && (appStore.getState().ssl?.runs[0]?.epochs.length ?? 0) > 0,
    );
    await act(async () => byId('ssl.cancel')!.click());
    await until(() => appStore.getState().ssl?.status !== 'running', 20000);
    const s = appStore.getState().ssl!;
    expect(s.status).toBe('cancelled');
    expect(s.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(el.textContent).toContain('Cancelled.');
  }, 120_000);
});
