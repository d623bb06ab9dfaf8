/**
 * Browser figures for the foundation: time to load MNIST 60k into the worker, training
 * samples/s of the MLP and the CNN on each backend (a warm epoch: the second of two, so shader
 * compilation and wasm start-up are not counted), and the tab's peak memory (renderer + GPU
 * process RSS, sampled every 100 ms). Drives the built app (vite preview) in Debian Chromium.
 *
 *   npx tsx bench/browser.ts [--quick] [--record]   (--record: only the 60k training-record scenarios)
 *   npx tsx bench/browser.ts --cifar [--quick]      (only CIFAR-sized colour data: bench/cifarTab.ts)
 *   [--no-build] serves the dist/ already built; BENCH_PORT=… another port (beside a running bench)
 */
import { chromium, type Browser } from '@playwright/test';
import { execSync } from 'node:child_process';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { chromiumPath } from '../e2e/chromium';
import { BASE, startServer, tabRssMb } from './tab';
import { runCifarTabBench } from './cifarTab';

async function measure(browser: Browser, query: string, train: boolean) {
  const page = await browser.newPage();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, tabRssMb())), 100);
  try {
    await page.goto(`${BASE}/?test&${query}`);
    await page.waitForFunction(
      () => {
        const s = window.__workbench?.getState();
        return (
          s &&
          s.backend.status !== 'starting' &&
          s.backend.status !== 'idle' &&
          (s.data.status === 'ready' || s.data.status === 'error')
        );
      },
      undefined,
      { timeout: 300_000 },
    );
    let state = await page.evaluate(() => window.__workbench!.getState());
    if (state.data.status !== 'ready') throw new Error('data did not load');
    if (train) {
      await page.getByTestId('training.train').click();
      await page.waitForFunction(
        () => {
          const r = window.__workbench?.getState().runs[0];
          return r && r.status !== 'running';
        },
        undefined,
        { timeout: 600_000 },
      );
      state = await page.evaluate(() => window.__workbench!.getState());
    }
    const run = state.runs[0];
    if (run && run.status !== 'done') throw new Error(`run ${run.status}: ${run.error ?? ''}`);
    const warmMs = run?.epochMs?.at(-1);
    return {
      backend: state.backend.choice?.name ?? '?',
      gflops: state.backend.choice?.gflops ?? 0,
      loadMs: state.data.summary?.loadMs ?? 0,
      samplesPerSecond: run && warmMs ? run.size / (warmMs / 1000) : undefined,
      peakMb: Math.max(peak, tabRssMb()),
    };
  } finally {
    clearInterval(timer);
    await page.close();
  }
}

/**
 * A baseline on all 60k MNIST training images in the tab: pixel-PCA embeddings (the signals
 * phase, cached after the first method), per-class selection, then one epoch on the coreset.
 */
async function measureSelection(browser: Browser, method: string, query = 'f=0.1&epochs=1') {
  const page = await browser.newPage();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, tabRssMb())), 100);
  try {
    await page.goto(`${BASE}/?test&v=1&n=60000&m=${method}&${query}`);
    await page.waitForFunction(() => window.__workbench?.getState().data.status === 'ready', undefined, {
      timeout: 300_000,
    });
    await page.getByTestId(`methods.${method}.run`).click();
    await page.waitForFunction(
      () => {
        const r = window.__workbench?.getState().runs[0];
        return r && r.status !== 'running' && r.status !== 'queued';
      },
      undefined,
      { timeout: 600_000 },
    );
    const run = (await page.evaluate(() => window.__workbench!.getState())).runs[0]!;
    if (run.status !== 'done') throw new Error(`${method} run ${run.status}: ${run.error ?? ''}`);
    return { ...run.timings, peakMb: Math.max(peak, tabRssMb()) };
  } finally {
    clearInterval(timer);
    await page.close();
  }
}

/**
 * Methods that need the training-dynamics record on all 60k MNIST images: the MLP trained on
 * wasm for a few epochs with per-sample per-epoch losses, correctness and margins recorded, the
 * score computed from them (EL2N), and NUCS, which also needs the recorded model's penultimate
 * embeddings of every image; then one epoch on the coreset.
 */
async function recordScenarios(browser: Browser, epochs: number): Promise<void> {
  const base = `backend=wasm&model=mlp&epochs=${epochs}&f=0.1`;
  console.log(
    `\nrecord on MNIST 60k (MLP, wasm, ${epochs} recorded epochs, f = 0.1)        signals s  selection s  tab peak RSS`,
  );
  for (const [method, query] of [
    ['el2n', base],
    ['nucs', `${base}&p.embedding=penultimate`],
  ] as const) {
    const r = await measureSelection(browser, method, query);
    const label = `${method}${query.includes('penultimate') ? ' (+ penultimate embeddings)' : ''}`;
    console.log(
      `${label.padEnd(66)} ${((r.signalsMs ?? 0) / 1000).toFixed(2).padStart(9)}  ${((r.selectionMs ?? 0) / 1000).toFixed(2).padStart(11)}  ${r.peakMb.toFixed(0).padStart(9)} MB`,
    );
  }
}

export async function runBrowserBench(quick = false, only?: 'record' | 'cifar'): Promise<void> {
  // --no-build: serve the dist/ already built (a second bench beside a running one).
  if (!process.argv.includes('--no-build')) execSync('npx vite build', { stdio: 'ignore' });
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  try {
    console.log('\n== Browser (Chromium, vite preview build) ==');
    if (only === 'record') return await recordScenarios(browser, quick ? 2 : 3);
    if (only === 'cifar') return await runCifarTabBench(browser, quick);
    const load = await measure(browser, 'v=1&n=60000', false);
    console.log(
      `load MNIST 60k into the worker: ${(load.loadMs / 1000).toFixed(2)} s, tab peak RSS ${load.peakMb.toFixed(0)} MB`,
    );
    console.log(
      '\nbaseline on MNIST 60k (pixel-PCA embeddings, per class, f = 0.1)  signals s  selection s  tab peak RSS',
    );
    for (const method of quick ? ['kcenter'] : ['kcenter', 'facility-location', 'herding', 'moderate']) {
      const r = await measureSelection(browser, method);
      console.log(
        `${method.padEnd(66)} ${((r.signalsMs ?? 0) / 1000).toFixed(2).padStart(9)}  ${((r.selectionMs ?? 0) / 1000).toFixed(2).padStart(11)}  ${r.peakMb.toFixed(0).padStart(9)} MB`,
      );
    }
    await recordScenarios(browser, quick ? 2 : 3);
    console.log('\nbackend  model  train size  warm-epoch samples/s  matMul GFLOP/s  tab peak RSS');
    const backends = quick ? ['wasm', 'webgpu'] : ['wasm', 'webgl', 'cpu', 'webgpu'];
    for (const backend of backends) {
      for (const model of ['mlp', 'cnn']) {
        const slow = backend !== 'wasm';
        const n = model === 'cnn' && slow ? 1000 : 5000;
        const bs = 64;
        const r = await measure(
          browser,
          `backend=${backend}&v=1&n=${n}&model=${model}&epochs=2&bs=${bs}`,
          true,
        );
        console.log(
          `${r.backend.padEnd(8)} ${model.padEnd(6)} ${String(n).padStart(10)}  ${(r.samplesPerSecond ?? 0).toFixed(0).padStart(20)}  ${r.gflops.toFixed(1).padStart(14)}  ${r.peakMb.toFixed(0).padStart(9)} MB`,
        );
      }
    }
    await runCifarTabBench(browser, quick);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runBrowserBench(
    process.argv.includes('--quick'),
    process.argv.includes('--record') ? 'record' : process.argv.includes('--cifar') ? 'cifar' : undefined,
  ).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
