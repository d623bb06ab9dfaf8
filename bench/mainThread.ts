/**
 * Main-thread long tasks during the app's long journeys, attributed from a Chromium trace:
 * for each journey, the longest task seen by a `longtask` PerformanceObserver during the run and,
 * for every trace task over the threshold, its event tree and the JavaScript functions sampled
 * in it. Drives the built app (vite preview, port 4174) in Debian Chromium.
 *
 *   npx tsx bench/mainThread.ts [journey ...] [--unminified] [--no-samples] [--threshold=30] [--load=2] [--repeat=1]
 *
 * journeys: compare, el2n, dynamics, load60k, diff, teach (default: all). --no-samples leaves
 * the V8 sampling profiler off (cheaper, no function names). --unminified builds
 * without minification into a temporary folder so function names are readable; --load starts that
 * many busy loops beside the browser (a loaded 2-core CI box) and stops them afterwards.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { TRACE_CATEGORIES, longTasksOf } from './traceLongTasks';

const PORT = 4174;
const BASE = `http://localhost:${PORT}`;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const THRESHOLD = Number(arg('threshold') ?? 30);
const LOAD = Number(arg('load') ?? 0);
const UNMINIFIED = process.argv.includes('--unminified');
/** Without the sampling profiler the trace costs less, so task lengths are closer to an untraced run. */
const CATEGORIES = process.argv.includes('--no-samples')
  ? TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler'))
  : TRACE_CATEGORIES;

type W = { __longTasks: { start: number; dur: number }[]; __workbench: { getState(): { runs: { status: string }[] } } };

async function done(page: Page, selector: string, timeout = 600_000) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout });
}

async function ready(page: Page, query: string, count = '1,000') {
  await page.goto(`${BASE}/?test${query ? `&${query}` : ''}`);
  await page.getByTestId('dataset.count').filter({ hasText: count }).waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="dataset.load"]')?.hasAttribute('disabled'));
}

async function runDone(page: Page, n: number) {
  await page.waitForFunction(
    (k) => (window as unknown as W).__workbench.getState().runs.filter((r) => r.status === 'done').length >= k,
    n,
    { timeout: 600_000 },
  );
}

/** Each journey: setup (not measured), then the run (measured) until the UI shows it finished. */
const JOURNEYS: Record<string, { setup(p: Page): Promise<void>; run(p: Page): Promise<void> }> = {
  compare: {
    async setup(page) {
      await ready(page, 'v=1&epochs=2');
      for (const box of await page.locator('[data-testid^="compare.method."]').all()) {
        const id = (await box.getAttribute('data-testid'))!.slice('compare.method.'.length);
        if (['random', 'el2n', 'moderate'].includes(id)) await box.check();
        else await box.uncheck();
      }
      await page.getByTestId('compare.fraction').fill('0.1, 0.3');
      await page.getByTestId('compare.seeds').fill('2');
    },
    async run(page) {
      await page.getByTestId('compare.run').click();
      await page.getByTestId('compare.status').filter({ hasText: 'Done: 12 cells' }).waitFor({ timeout: 600_000 });
    },
  },
  el2n: {
    setup: (page) => ready(page, 'v=1&epochs=3&m=el2n&f=0.3'),
    async run(page) {
      await page.getByTestId('methods.el2n.run').click();
      await runDone(page, 1);
      await done(page, '[data-testid="run.keptGrid"]');
    },
  },
  dynamics: {
    setup: (page) => ready(page, 'v=1&epochs=4&noise=0.2'),
    async run(page) {
      await page.getByTestId('signals.record').click();
      await page.getByTestId('signals.summary').filter({ hasText: 'epochs recorded' }).waitFor({ timeout: 600_000 });
    },
  },
  load60k: {
    setup: (page) => ready(page, 'v=1'),
    async run(page) {
      await page.getByTestId('dataset.trainSize').selectOption('60000');
      await page.getByTestId('dataset.load').click();
      await page.getByTestId('dataset.count').filter({ hasText: '60,000' }).waitFor({ timeout: 300_000 });
    },
  },
  diff: {
    async setup(page) {
      await ready(page, 'v=1&epochs=1&f=0.2');
      await page.getByTestId('methods.random.run').click();
      await runDone(page, 1);
      await page.getByTestId('methods.select').selectOption('el2n');
      await page.getByTestId('methods.fraction').fill('0.2');
    },
    async run(page) {
      await page.getByTestId('methods.el2n.run').click();
      await runDone(page, 2);
      await done(page, '[data-testid="diff.onlyBGrid"] canvas');
    },
  },
  teach: {
    async setup(page) {
      await page.goto(`${BASE}/?test&v=1`);
      await page.getByTestId('dataset.select').selectOption('toy');
      await page.getByTestId('teach.panel').waitFor({ timeout: 120_000 });
      await page.getByTestId('teach.method').selectOption('facility-location');
      await page.getByTestId('teach.budget').fill('12');
    },
    async run(page) {
      await page.getByTestId('teach.play').click();
      await page.getByTestId('teach.status').filter({ hasText: 'Step 12 of 12' }).waitFor({ timeout: 120_000 });
      await page.getByTestId('teach.method').selectOption('subzero');
      await page.getByTestId('teach.status').filter({ hasText: 'K = ' }).waitFor({ timeout: 120_000 });
    },
  },
};

async function measure(browser: Browser, name: string) {
  const j = JOURNEYS[name]!;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as W;
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await j.setup(page);
    await page.waitForTimeout(500);
    const t0 = await page.evaluate(() => performance.now());
    await browser.startTracing(page, { categories: CATEGORIES });
    await j.run(page);
    await page.waitForTimeout(300);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const observed = await page.evaluate((from) => (window as unknown as W).__longTasks.filter((t) => t.start >= from), t0);
    const longest = Math.max(0, ...observed.map((t) => t.dur));
    console.log(`\n== ${name}: ${observed.length} long tasks (observer) during the run, longest ${longest.toFixed(0)} ms ==`);
    for (const t of longTasksOf(trace, THRESHOLD)) {
      console.log(`-- task at ${t.startMs.toFixed(0)} ms, ${t.durMs.toFixed(1)} ms`);
      for (const line of t.tree.slice(0, 40)) console.log(`   ${line}`);
      if (t.topSelf.length) console.log(`   self: ${t.topSelf.map((f) => `${f.fn} ${f.ms}`).join(' | ')}`);
      if (t.topApp.length) console.log(`   app:  ${t.topApp.map((f) => `${f.fn} ${f.ms}`).join(' | ')}`);
    }
    return longest;
  } finally {
    await page.close();
  }
}

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const names = asked.length ? asked : Object.keys(JOURNEYS);
  const outDir = UNMINIFIED ? '/tmp/wb-mainthread-dist' : 'dist';
  execSync(`npx vite build ${UNMINIFIED ? `--minify false --outDir ${outDir} --emptyOutDir` : ''}`, { stdio: 'ignore' });
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--outDir', outDir], {
    stdio: 'ignore',
    detached: true,
  });
  const loops = Array.from({ length: LOAD }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    for (let i = 0; i < 100; i++) {
      if (await fetch(BASE).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const summary: string[] = [];
    const repeat = Number(arg('repeat') ?? 1);
    for (const name of names)
      for (let r = 0; r < repeat; r++) summary.push(`${name}: longest ${(await measure(browser, name)).toFixed(0)} ms`);
    console.log(`\nlongest long task during each run (${LOAD} busy loops beside): ${summary.join(', ')}`);
  } finally {
    await browser.close();
    for (const l of loops) l.kill();
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
