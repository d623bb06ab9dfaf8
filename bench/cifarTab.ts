/**
 * CIFAR-sized data in the tab (issue 21). Real CIFAR-10 cannot be downloaded here, so the bench
 * writes a synthetic archive in the official binary layout (`cifar-10-binary.tar.gz` holding
 * `cifar-10-batches-bin/data_batch_1..5.bin`, `test_batch.bin`, `batches.meta.txt`; records of
 * one label byte + 3,072 bytes of R, G, B planes) into a temp dir and imports it through the
 * app's file input, as a user would. Then, in the built app in Chromium, on wasm:
 *
 *   A. 50,000 training images (+ 10,000 test): import, then k-center (Sener & Savarese: the
 *      penultimate features of the recorded colour CNN) and facility location on the same
 *      penultimate embeddings (the record and the embeddings are cached, so the second pays
 *      selection and training only); tab peak memory (renderer + GPU process RSS).
 *   B. a 10,000-image subset (+ 2,000 test): a 5-method × 3-fraction comparison (random, EL2N,
 *      k-center, facility location, Moderate-DS at 5 / 10 / 30 %, one seed) with the colour
 *      CNN; total time and where it goes.
 *
 *   npx tsx bench/browser.ts --cifar [--quick] [--epochs=1] [--budget=epochs] [--only=a|b|import]
 *
 * --quick: 5,000 images for A, 2,000 for B. --budget: how long a coreset trains (epochs |
 * steps | converge; core/experiment/budget.ts); the app's default for comparisons is steps
 * (each coreset gets the full-data run's optimizer steps).
 */
import type { Browser, Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { tar } from '../src/test/formats';
import { BASE, trackPeak, type StoreView } from './tab';

const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const RECORD = 1 + 3072;

/**
 * One batch file: class-dependent colour, a bright patch whose place depends on the class, and
 * per-pixel noise, so a CNN has something to learn in one epoch (the timings do not depend on it).
 */
function cifarBatch(n: number, seed: number): Uint8Array {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const out = new Uint8Array(n * RECORD);
  for (let i = 0; i < n; i++) {
    const label = Math.floor(next() * 10);
    const at = i * RECORD;
    out[at] = label;
    const base = [60 + 18 * label, 200 - 15 * label, 40 + 20 * ((label * 3) % 10)];
    const px = 4 + ((label * 7) % 4) * 6 + Math.floor(next() * 4);
    const py = 4 + Math.floor(label / 4) * 8 + Math.floor(next() * 4);
    for (let c = 0; c < 3; c++)
      for (let p = 0; p < 1024; p++) {
        const x = p & 31;
        const y = p >> 5;
        const patch = x >= px && x < px + 8 && y >= py && y < py + 8;
        const v = (patch ? 255 - base[c]! : base[c]!) + (next() - 0.5) * 120;
        out[at + 1 + c * 1024 + p] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
  }
  return out;
}

/** A `cifar-10-binary.tar.gz` with `train` images in five batches and `test` in test_batch.bin. */
export function writeCifarArchive(dir: string, train: number, test: number, seed = 1): string {
  const dirName = 'cifar-10-batches-bin/';
  const entries: [string, Uint8Array][] = [[dirName, new Uint8Array(0)]];
  for (let b = 1; b <= 5; b++)
    entries.push([`${dirName}data_batch_${b}.bin`, cifarBatch(train / 5, seed * 10 + b)]);
  entries.push([`${dirName}test_batch.bin`, cifarBatch(test, seed * 10 + 9)]);
  entries.push([`${dirName}batches.meta.txt`, strToU8(CLASSES.join('\n') + '\n\n')]);
  const path = join(dir, 'cifar-10-binary.tar.gz');
  writeFileSync(path, gzipSync(tar(entries), { level: 6 }));
  return path;
}

const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function state(page: Page): Promise<StoreView> {
  return page.evaluate(() => window.__workbench!.getState());
}

/** Opens the app on wasm with the colour-CNN settings, then imports `archive` (returns seconds). */
async function openAndImport(page: Page, archive: string, n: number, query: string): Promise<number> {
  await page.goto(`${BASE}/?test&v=1&backend=wasm&model=cnn&${query}`);
  await page.waitForFunction(
    () => {
      const st = window.__workbench?.getState();
      return (
        st && st.backend.status !== 'starting' && st.backend.status !== 'idle' && st.data.status === 'ready'
      );
    },
    undefined,
    { timeout: 300_000 },
  );
  await page.getByTestId('dataset.select').selectOption('custom');
  const t0 = Date.now();
  await page.getByTestId('import.files').setInputFiles(archive);
  await page
    .getByTestId('dataset.count')
    .filter({ hasText: n.toLocaleString('en') })
    .waitFor({ timeout: 600_000 });
  await page.waitForFunction(() => window.__workbench?.getState().data.status === 'ready', undefined, {
    timeout: 600_000,
  });
  return (Date.now() - t0) / 1000;
}

/** Clicks the method's run button and waits for that run to end; its timings and wall seconds. */
async function runMethod(page: Page, method: string) {
  const before = (await state(page)).runs.length;
  const t0 = Date.now();
  await page.getByTestId(`methods.${method}.run`).click();
  await page.waitForFunction(
    (k) => {
      const runs = window.__workbench?.getState().runs ?? [];
      return runs.length > k && runs.every((r) => r.status !== 'running' && r.status !== 'queued');
    },
    before,
    { timeout: 3 * 3600_000 },
  );
  const run = (await state(page)).runs.find((r) => r.method === method);
  if (!run || run.status !== 'done') throw new Error(`${method} run ${run?.status}: ${run?.error ?? ''}`);
  return { ...run, wallS: (Date.now() - t0) / 1000 };
}

async function scenarioA(
  browser: Browser,
  dir: string,
  n: number,
  epochs: number,
  budget: string,
  importOnly = false,
) {
  const archive = writeCifarArchive(dir, n, n / 5);
  console.log(
    `\nA. CIFAR-10-format archive, ${n.toLocaleString('en')} train + ${(n / 5).toLocaleString('en')} test colour 32×32 images, colour CNN on wasm, ${epochs} recorded epoch(s), f = 0.1, coreset budget ${budget} (load ${load()})`,
  );
  const page = await browser.newPage();
  const mem = trackPeak();
  try {
    const importS = await openAndImport(
      page,
      archive,
      n,
      `epochs=${epochs}&budget=${budget}&m=kcenter&f=0.1`,
    );
    console.log(
      `import (read, gunzip, parse in the worker, split): ${importS.toFixed(1)} s, tab peak ${mem.peak().toFixed(0)} MB`,
    );
    if (importOnly) return;
    console.log(
      'method (embeddings)                         signals s  selection s  train+eval s  wall s  accuracy  tab peak',
    );
    const line = (label: string, r: Awaited<ReturnType<typeof runMethod>>) =>
      console.log(
        `${label.padEnd(42)} ${s(r.timings?.signalsMs).padStart(9)}  ${s(r.timings?.selectionMs).padStart(11)}  ${s((r.timings?.trainingMs ?? 0) + (r.timings?.evaluationMs ?? 0)).padStart(12)}  ${r.wallS.toFixed(0).padStart(6)}  ${((r.metrics?.accuracy ?? 0) * 100).toFixed(1).padStart(7)}%  ${mem.peak().toFixed(0).padStart(5)} MB`,
      );
    line('k-center (penultimate)', await runMethod(page, 'kcenter'));
    await page.getByTestId('methods.select').selectOption('facility-location');
    await page.getByTestId('methods.facility-location.embedding').selectOption('penultimate');
    line('facility location (penultimate, cached)', await runMethod(page, 'facility-location'));
    console.log(`tab peak over the scenario: ${mem.peak().toFixed(0)} MB (load ${load()})`);
  } finally {
    mem.stop();
    await page.close();
  }
}

const COMPARE_METHODS = ['random', 'el2n', 'kcenter', 'facility-location', 'moderate'];
const COMPARE_FRACTIONS = '0.05, 0.1, 0.3';

async function scenarioB(browser: Browser, dir: string, n: number, epochs: number, budget: string) {
  const archive = writeCifarArchive(dir, n, n / 5, 2);
  console.log(
    `\nB. comparison on ${n.toLocaleString('en')} colour images (+ ${(n / 5).toLocaleString('en')} test): ${COMPARE_METHODS.join(', ')} × ${COMPARE_FRACTIONS}, 1 seed, colour CNN on wasm, ${epochs} epoch(s), coreset budget ${budget} (load ${load()})`,
  );
  const page = await browser.newPage();
  const mem = trackPeak();
  try {
    await openAndImport(page, archive, n, `epochs=${epochs}&budget=${budget}`);
    await page.getByTestId('tab.compare').click();
    for (const box of await page.locator('[data-testid^="compare.method."]').all()) {
      const id = (await box.getAttribute('data-testid'))!.slice('compare.method.'.length);
      if (COMPARE_METHODS.includes(id)) await box.check();
      else await box.uncheck();
    }
    await page.getByTestId('compare.fraction').fill(COMPARE_FRACTIONS);
    await page.getByTestId('compare.seeds').fill('1');
    console.log(`plan: ${await page.getByTestId('compare.size').textContent()}`);
    const t0 = Date.now();
    await page.getByTestId('compare.run').click();
    // Cells as they finish (a long run can be read before its end).
    for (let seen = 0; ;) {
      const c = (await state(page)).comparison;
      for (const r of c?.records.slice(seen) ?? [])
        console.log(
          `  +${((Date.now() - t0) / 1000).toFixed(0)} s: ${r.method} ${r.fraction}: signals ${s(r.signalsMs)} s, selection ${s(r.selectionMs)} s, training ${s(r.trainingMs)} s, evaluation ${s(r.evaluationMs)} s (load ${load()})`,
        );
      seen = c?.records.length ?? 0;
      if (c && c.status !== 'running' && c.status !== 'idle') break;
      await new Promise((r) => setTimeout(r, 5000));
    }
    const wallS = (Date.now() - t0) / 1000;
    const c = (await state(page)).comparison!;
    if (c.status !== 'done') throw new Error(`comparison ${c.status}: ${c.error ?? ''}`);
    const sum = (f: (r: (typeof c.records)[number]) => number) =>
      c.records.reduce((a, r) => a + (f(r) || 0), 0);
    const ref = c.references.reduce((a, r) => a + r.trainingMs, 0);
    console.log(
      `${c.records.length} cells + ${c.references.length} full-data reference: ${wallS.toFixed(0)} s wall (${s(c.totalMs)} s in the worker), tab peak ${mem.peak().toFixed(0)} MB (load ${load()})`,
    );
    console.log(
      `  signals ${s(sum((r) => r.signalsMs))} s (the record run and embeddings, paid once), selection ${s(sum((r) => r.selectionMs))} s, coreset training ${s(sum((r) => r.trainingMs))} s, evaluation ${s(sum((r) => r.evaluationMs))} s, full-data reference ${s(ref)} s`,
    );
    const full = c.references[0]?.accuracy;
    console.log(`  accuracy: full data ${full === undefined ? '?' : (full * 100).toFixed(1)}%; cells:`);
    for (const m of COMPARE_METHODS) {
      const rs = c.records.filter((r) => r.method === m).sort((a, b) => a.fraction - b.fraction);
      console.log(
        `  ${m.padEnd(18)} ${rs.map((r) => `${(r.fraction * 100).toFixed(0)}%: ${(r.accuracy * 100).toFixed(1)}% (train ${s(r.trainingMs)} s)`).join('  ')}`,
      );
    }
  } finally {
    mem.stop();
    await page.close();
  }
}

export async function runCifarTabBench(browser: Browser, quick: boolean, argv = process.argv): Promise<void> {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const epochs = Number(arg('epochs') ?? 1);
  const budget = arg('budget') ?? 'epochs';
  const only = arg('only');
  const cpu = /Model name:\s*(.+)/.exec(execSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? '?';
  console.log(`\n== CIFAR-sized data in the tab (${cpu}; Chromium, wasm) ==`);
  const dir = mkdtempSync(join(tmpdir(), 'cifar-tab-'));
  try {
    if (only !== 'b') await scenarioA(browser, dir, quick ? 5000 : 50000, epochs, budget, only === 'import');
    if (only !== 'a' && only !== 'import')
      await scenarioB(browser, dir, quick ? 2000 : 10000, epochs, budget);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
