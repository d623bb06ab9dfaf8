/**
 * Time to first result (`npm run bench -- first-result`): how long a person waits from opening
 * the page until MNIST is loaded and the Train button is enabled (backend started), and until
 * the first training batch of a run started at that moment is reported (the per-workload
 * backend probe included). A first visit uses an empty profile (no IndexedDB caches); a return
 * visit reopens the page in the same profile. Each figure is the median of several rounds.
 * Drives the built app (vite preview) in Debian Chromium; names the CPU and the load.
 *
 *   npx tsx bench/firstResult.ts [--rounds=N]
 */
import { median } from './stats';
import { chromium, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { chromiumPath } from '../e2e/chromium';
import { cpuLine } from './machine';
import { BASE, startServer } from './tab';

interface Visit {
  /** Page opened → MNIST loaded and the Train button enabled. */
  readyMs: number;
  /** Page opened → the first batch of a run started as soon as Train was enabled. */
  firstBatchMs: number;
  /** Page opened → the data shown as loaded; → the backend ready (the Train button needs both). */
  dataMs: number;
  backendMs: number;
  backendName: string;
  backend: string;
}

/** Resolves with ms since `t0` once `fn` holds in the page (polled every 20 ms). */
async function when(page: Page, t0: number, fn: () => boolean): Promise<number> {
  await page.waitForFunction(fn, undefined, { timeout: 120_000, polling: 20 });
  return Date.now() - t0;
}

/** One visit in `profile`: open the page, click Train as soon as it can, wait for a batch. */
async function visit(profile: string): Promise<Visit> {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const t0 = Date.now();
    await page.goto(`${BASE}/?test`);
    const parts = Promise.all([
      when(page, t0, () => window.__workbench?.getState()?.data.status === 'ready'),
      when(page, t0, () => window.__workbench?.getState()?.backend.status === 'ready'),
    ]);
    const train = page.getByTestId('training.train');
    await train.waitFor({ state: 'visible', timeout: 120_000 });
    await page.waitForFunction(
      () => {
        const b = document.querySelector<HTMLButtonElement>('[data-testid="training.train"]');
        return !!b && !b.disabled;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    const readyMs = Date.now() - t0;
    const [dataMs, backendMs] = await parts;
    const backendName = await page.evaluate(
      () => window.__workbench?.getState()?.backend.choice?.name ?? '?',
    );
    await train.click();
    await page.waitForFunction(
      () => {
        const r = window.__workbench?.getState()?.runs[0];
        return !!r && (r.progress?.batch !== undefined || r.status !== 'running');
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    const firstBatchMs = Date.now() - t0;
    const backend = await page.evaluate(() => window.__workbench?.getState()?.backend.choice?.name ?? '?');
    return { readyMs, firstBatchMs, dataMs, backendMs, backendName, backend };
  } finally {
    await ctx.close();
  }
}

export async function runFirstResultBench(rounds = 3): Promise<void> {
  execSync('npm run build', { stdio: 'ignore' });
  const server = await startServer();
  const first: Visit[] = [];
  const again: Visit[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'cw-first-'));
      try {
        first.push(await visit(profile));
        again.push(await visit(profile));
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
  console.log(`time to first result (built app, Chromium, 1280×800), ${cpuLine()}`);
  console.log(
    'visit    ready (ms)  first batch (ms)  data (ms)  backend (ms)  backend at ready → first batch  rounds (ready/first batch)',
  );
  for (const [name, vs] of [
    ['first', first],
    ['return', again],
  ] as const) {
    const r = median(vs.map((v) => v.readyMs));
    const b = median(vs.map((v) => v.firstBatchMs));
    const d = median(vs.map((v) => v.dataMs));
    const k = median(vs.map((v) => v.backendMs));
    const be = [...new Set(vs.map((v) => `${v.backendName} → ${v.backend}`))].join(', ');
    console.log(
      `${name.padEnd(8)} ${String(r).padStart(10)}  ${String(b).padStart(16)}  ${String(d).padStart(9)}  ${String(k).padStart(12)}  ${be.padEnd(30)}  ${vs
        .map((v) => `${v.readyMs}/${v.firstBatchMs}`)
        .join(' ')}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.find((a) => a.startsWith('--rounds='));
  await runFirstResultBench(arg ? Number(arg.slice(9)) : 3);
}
