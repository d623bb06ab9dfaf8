/**
 * Time to first result (`npm run bench -- first-result`): how long a person waits from opening
 * the page until MNIST is loaded and the Train button is enabled (backend started), and until
 * the first training batch of a run started at that moment is reported (the per-workload
 * backend probe included). A first visit uses an empty profile (no IndexedDB caches); a return
 * visit reopens the page in the same profile. Each figure is the median of several rounds.
 * Drives the built app (vite preview) in Debian Chromium; names the CPU and the load.
 * `--against=DIR` also serves another build (e.g. the previous commit's `dist`) and alternates
 * the two round by round, so a change is judged by a same-run comparison on a loaded machine.
 *
 *   npx tsx bench/firstResult.ts [--rounds=N] [--against=DIR]
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
import { BASE, PORT, startServer } from './tab';

interface Visit {
  /**
   * Page opened → the page can train: MNIST loaded (the Train button enabled) and the backend
   * started (the header names it), whichever comes later.
   */
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
async function visit(profile: string, base: string): Promise<Visit> {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const t0 = Date.now();
    await page.goto(`${base}/?test`);
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
    const enabledMs = Date.now() - t0;
    const [dataMs, backendMs] = await parts;
    const readyMs = Math.max(enabledMs, backendMs);
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

interface Build {
  name: string;
  base: string;
  first: Visit[];
  again: Visit[];
}

function report(b: Build): void {
  console.log(
    `${b.name}: visit  ready (ms)  first batch (ms)  data (ms)  backend (ms)  backend at ready → first batch  rounds (ready/first batch)`,
  );
  for (const [name, vs] of [
    ['first', b.first],
    ['return', b.again],
  ] as const) {
    const r = median(vs.map((v) => v.readyMs));
    const f = median(vs.map((v) => v.firstBatchMs));
    const d = median(vs.map((v) => v.dataMs));
    const k = median(vs.map((v) => v.backendMs));
    const be = [...new Set(vs.map((v) => `${v.backendName} → ${v.backend}`))].join(', ');
    console.log(
      `  ${name.padEnd(6)} ${String(r).padStart(10)}  ${String(f).padStart(16)}  ${String(d).padStart(9)}  ${String(k).padStart(12)}  ${be.padEnd(30)}  ${vs
        .map((v) => `${v.readyMs}/${v.firstBatchMs}`)
        .join(' ')}`,
    );
  }
}

export async function runFirstResultBench(rounds = 3, against?: string): Promise<void> {
  execSync('npm run build', { stdio: 'ignore' });
  const servers = [await startServer()];
  const builds: Build[] = [{ name: 'this build', base: BASE, first: [], again: [] }];
  try {
    if (against) {
      servers.push(await startServer(PORT + 1, against));
      builds.push({ name: against, base: `http://localhost:${PORT + 1}`, first: [], again: [] });
    }
    for (let i = 0; i < rounds; i++)
      for (const b of i % 2 ? [...builds].reverse() : builds) {
        const profile = mkdtempSync(join(tmpdir(), 'cw-first-'));
        try {
          b.first.push(await visit(profile, b.base));
          b.again.push(await visit(profile, b.base));
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      }
  } finally {
    for (const s of servers) if (s.pid) process.kill(-s.pid);
  }
  console.log(`time to first result (built app, Chromium, 1280×800), ${cpuLine()}`);
  for (const b of builds) report(b);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  await runFirstResultBench(Number(arg('rounds') ?? 3), arg('against'));
}
