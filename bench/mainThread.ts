/**
 * Main-thread long tasks during the app's long journeys (bench/journeys.ts), the benchmark that
 * holds the 50 ms goal: per journey, the longest main-thread task of the run (from a Chromium
 * trace, however short) and the tasks over 50 ms (a `longtask` PerformanceObserver), once at
 * full speed and once under Chromium's CPU throttling (DevTools protocol
 * `Emulation.setCPUThrottlingRate`, 4×: a machine four times slower). Names the machine's CPU.
 * With --trace[=ms], every task over that threshold is attributed: its event tree and the
 * JavaScript functions the V8 sampling profiler caught in it. Drives the built app (vite preview,
 * port BENCH_PORT, default 4174) in Chromium (e2e/chromium.ts).
 *
 *   npm run bench -- main-thread [--journeys=compare,el2n] [--rates=1,4]
 *   npx tsx bench/mainThread.ts [journey ...] [--rates=1,4] [--trace[=30]] [--no-samples]
 *                               [--unminified] [--load=2] [--repeat=1]
 *
 * journeys: compare, el2n, dynamics, load60k, diff, teach (default: all). --no-samples leaves the
 * sampling profiler off (cheaper, no function names); --unminified builds without minification
 * into a temporary folder so function names are readable; --load starts that many busy loops
 * beside the browser (a loaded 2-core CI box) and stops them afterwards.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { chromiumPath } from '../e2e/chromium';
import { throttleCpu } from '../e2e/throttle';
import { JOURNEYS } from './journeys';
import { TRACE_CATEGORIES, longTasksOf, longestTask } from './traceLongTasks';

/** The goal: no main-thread task over 50 ms, so input never waits a visible moment. */
export const GOAL_MS = 50;

export interface MainThreadFigure {
  journey: string;
  rate: number;
  /** Longest main-thread task of the run, from the trace: wall time, and the most CPU time one task took. */
  longestMs: number;
  cpuMs: number;
  /** Tasks over 50 ms the page's PerformanceObserver saw, and the longest of them. */
  over: number;
  observedMs: number;
  runMs: number;
}

export interface MainThreadOptions {
  journeys?: string[];
  rates?: number[];
  /** Attribute every task over this many ms (full trace categories). */
  traceMs?: number;
  samples?: boolean;
  unminified?: boolean;
  load?: number;
  repeat?: number;
  /** Print as it goes (default true). */
  log?: boolean;
}

type W = { __longTasks: { start: number; dur: number }[] };

/** The machine, in words: CPU model, cores, load. */
export function machine(): string {
  const c = cpus();
  return `${c[0]?.model.trim() ?? 'unknown CPU'}, ${c.length} cores, load ${loadavg()[0]!.toFixed(1)}`;
}

async function measure(
  browser: Browser,
  base: string,
  name: string,
  rate: number,
  o: MainThreadOptions,
): Promise<MainThreadFigure> {
  const j = JOURNEYS[name]!;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: base });
  await page.addInitScript(() => {
    const w = window as unknown as W;
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await j.setup(page);
    await throttleCpu(page, rate);
    await page.waitForTimeout(500);
    const t0 = await page.evaluate(() => performance.now());
    const categories =
      o.traceMs === undefined
        ? ['toplevel']
        : o.samples === false
          ? TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler'))
          : TRACE_CATEGORIES;
    await browser.startTracing(page, { categories });
    const started = Date.now();
    await j.run(page);
    const runMs = Date.now() - started;
    await page.waitForTimeout(300);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const observed = await page.evaluate(
      (from) => (window as unknown as W).__longTasks.filter((t) => t.start >= from),
      t0,
    );
    const observedMs = Math.max(0, ...observed.map((t) => t.dur));
    const { wallMs, cpuMs } = longestTask(trace);
    const figure = {
      journey: name,
      rate,
      longestMs: wallMs,
      cpuMs,
      over: observed.length,
      observedMs,
      runMs,
    };
    if (o.log !== false) {
      console.log(
        `${name.padEnd(9)} ${`${rate}×`.padStart(3)}  longest ${figure.longestMs.toFixed(0).padStart(4)} ms (CPU ${cpuMs.toFixed(0)} ms), ` +
          `${figure.over} over ${GOAL_MS} ms (longest seen by the page ${observedMs.toFixed(0)} ms; run ${(runMs / 1000).toFixed(1)} s)`,
      );
    }
    if (o.traceMs !== undefined) {
      for (const t of longTasksOf(trace, o.traceMs)) {
        console.log(`-- task at ${t.startMs.toFixed(0)} ms, ${t.durMs.toFixed(1)} ms`);
        for (const line of t.tree.slice(0, 40)) console.log(`   ${line}`);
        if (t.topSelf.length) console.log(`   self: ${t.topSelf.map((f) => `${f.fn} ${f.ms}`).join(' | ')}`);
        if (t.topApp.length) console.log(`   app:  ${t.topApp.map((f) => `${f.fn} ${f.ms}`).join(' | ')}`);
      }
    }
    return figure;
  } finally {
    await page.close();
  }
}

/** Builds the app, serves it, and measures each journey at each throttling rate. */
export async function runMainThreadBench(o: MainThreadOptions = {}): Promise<MainThreadFigure[]> {
  const names = o.journeys?.length ? o.journeys : Object.keys(JOURNEYS);
  const unknown = names.filter((n) => !(n in JOURNEYS));
  if (unknown.length)
    throw new Error(`unknown journey ${unknown.join(', ')}; journeys: ${Object.keys(JOURNEYS).join(', ')}`);
  const rates = o.rates ?? [1, 4];
  const port = Number(process.env.BENCH_PORT ?? 4174);
  const base = `http://localhost:${port}`;
  const outDir = o.unminified ? '/tmp/wb-mainthread-dist' : 'dist';
  execSync(`npx vite build ${o.unminified ? `--minify false --outDir ${outDir} --emptyOutDir` : ''}`, {
    stdio: 'ignore',
  });
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', outDir],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const loops = Array.from({ length: o.load ?? 0 }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const figures: MainThreadFigure[] = [];
  try {
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(base).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (o.log !== false) {
      console.log(`\n== Main thread: longest task per journey (goal: none over ${GOAL_MS} ms) ==`);
      console.log(
        `machine: ${machine()}; Chromium ${browser.version()}; ${o.load ?? 0} busy loops beside; throttling ${rates.map((r) => `${r}×`).join(', ')}`,
      );
    }
    for (const name of names)
      for (const rate of rates)
        for (let r = 0; r < (o.repeat ?? 1); r++) figures.push(await measure(browser, base, name, rate, o));
  } finally {
    await browser.close();
    for (const l of loops) l.kill();
    if (server.pid) process.kill(-server.pid);
  }
  if (o.log !== false) printSummary(figures, rates);
  return figures;
}

/**
 * Per journey: the longest task at each rate (the worst of repeats, wall time), its verdict
 * against the goal, and the most CPU time one task took at full speed: on a loaded machine the
 * wall times mostly measure how long the thread waited for a core, the CPU time what the app did.
 */
function printSummary(figures: MainThreadFigure[], rates: number[]): void {
  console.log(`\nlongest main-thread task per journey (ms, wall time; goal: ${GOAL_MS})`);
  console.log(`journey    ${rates.map((r) => `${r}×`.padStart(7)).join('')}   CPU at ${rates[0]}×`);
  for (const journey of new Set(figures.map((f) => f.journey))) {
    const at = (r: number) => figures.filter((f) => f.journey === journey && f.rate === r);
    const worst = rates.map((r) => Math.max(0, ...at(r).map((f) => f.longestMs)));
    const cpu = Math.max(0, ...at(rates[0]!).map((f) => f.cpuMs));
    const cells = worst.map((ms) => `${ms.toFixed(0)}${ms > GOAL_MS ? '!' : ' '}`.padStart(7)).join('');
    console.log(`${journey.padEnd(10)} ${cells}   ${cpu.toFixed(0).padStart(8)}`);
  }
  console.log('(! over the goal; from a Chromium trace of the run, so tasks under 50 ms count too)');
}

/** Options from the command line (shared by `npm run bench -- main-thread` and this file). */
export function mainThreadOptions(argv: string[], positional: string[] = []): MainThreadOptions {
  const arg = (name: string) =>
    argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1];
  const has = (name: string) => argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : undefined);
  return {
    journeys: positional.length ? positional : list(arg('journeys')),
    rates: list(arg('rates'))?.map(Number),
    traceMs: has('trace') ? Number(arg('trace') ?? 30) : undefined,
    samples: !argv.includes('--no-samples'),
    unminified: argv.includes('--unminified'),
    load: Number(arg('load') ?? 0),
    repeat: Number(arg('repeat') ?? 1),
  };
}

if (process.argv[1]?.endsWith('mainThread.ts')) {
  const argv = process.argv.slice(2);
  runMainThreadBench(
    mainThreadOptions(
      argv,
      argv.filter((a) => !a.startsWith('--')),
    ),
  ).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
