/**
 * SubZeroCore and Intra-class diversity at MNIST scale (issue 5): N = 10k and all 60k training
 * images, pixel-PCA embeddings (32 dims) computed once, fraction 0.1, per class with
 * proportional budgets (the defaults). Prints the time of each phase — embeddings, kNN radii /
 * clustering, greedy / picks — plus the whole method end to end, with peak rss and heap.
 * Run: npm run bench -- methods    (or npx tsx bench/seedMethods.ts)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR } from '../src/cli/nodeData';
import { parseIdxPair } from '../src/core/data/idx';
import { gatherRows, type Matrix } from '../src/core/math/distances';
import { facilityLocation } from '../src/core/math/facility';
import { kmeans } from '../src/core/math/kmeans';
import { pca } from '../src/core/math/pca';
import { createRng } from '../src/core/math/rng';
import { classCounts, proportionalBudgets, rowsByClass } from '../src/core/budget/budgets';
import {
  chooseClusterCount,
  clusterAllocation,
  intraClassMethod,
} from '../src/core/methods/intra-class/intraClass';
import { defaultParams } from '../src/core/methods/params';
import { subzeroBlock, subzeroK, subzeroMethod } from '../src/core/methods/subzero/subzero';
import type { MethodDef, SelectContext } from '../src/core/methods/types';
import type { Signals } from '../src/core/signals/types';

const MB = 1024 * 1024;
const FRACTION = 0.1;
const PCA_DIM = 32;

class Peak {
  rss = 0;
  heap = 0;
  private last = -Infinity;
  sample = (force = false): void => {
    const now = performance.now();
    if (!force && now - this.last < 20) return;
    this.last = now;
    const u = process.memoryUsage();
    this.rss = Math.max(this.rss, u.rss);
    this.heap = Math.max(this.heap, u.heapUsed + u.arrayBuffers);
  };
}

/** Wall time and CPU time (user + system): on a shared machine CPU time is the steadier figure. */
interface Time {
  ms: number;
  cpuMs: number;
}
const zero = (): Time => ({ ms: 0, cpuMs: 0 });
const add = (a: Time, b: Time): void => {
  a.ms += b.ms;
  a.cpuMs += b.cpuMs;
};

function timed<T>(peak: Peak, fn: () => T): { value: T } & Time {
  const c = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  peak.sample(true);
  const used = process.cpuUsage(c);
  return { value, ms: performance.now() - t0, cpuMs: (used.user + used.system) / 1000 };
}

function context(budget: number, n: number, peak: Peak): SelectContext {
  return {
    fraction: budget / n,
    budget,
    rng: createRng(1).fork('bench'),
    onProgress: () => peak.sample(),
    signal: { aborted: false },
  };
}

/** SubZeroCore phase by phase, per class: radii + graph (one kNN pass), then lazy greedy. */
function subzeroPhases(
  emb: Matrix,
  labels: Uint8Array,
  budget: number,
  peak: Peak,
): { knn: Time; greedy: Time } {
  const budgets = proportionalBudgets(classCounts(labels, 10), budget);
  const knn = zero();
  const greedy = zero();
  rowsByClass(labels, 10).forEach((rows, c) => {
    const m = gatherRows(emb, rows);
    const b = budgets[c]!;
    const blk = timed(peak, () =>
      subzeroBlock(m, {
        k: subzeroK(m.rows, b, 0.6),
        graph: 'auto',
        neighbours: 64,
        onProgress: () => peak.sample(),
      }),
    );
    add(knn, blk);
    add(
      greedy,
      timed(peak, () => facilityLocation(blk.value.source, b, { onProgress: () => peak.sample() })),
    );
  });
  return { knn, greedy };
}

/** Intra-class phase by phase: silhouette choice of k + final k-means, then the picks. */
function intraPhases(
  emb: Matrix,
  labels: Uint8Array,
  budget: number,
  peak: Peak,
): { cluster: Time; pick: Time } {
  const budgets = proportionalBudgets(classCounts(labels, 10), budget);
  const rng = createRng(1);
  const cluster = zero();
  const pick = zero();
  rowsByClass(labels, 10).forEach((rows, c) => {
    const m = gatherRows(emb, rows);
    const km = timed(peak, () => {
      const choice = chooseClusterCount(m, rng.fork(`k:${c}`), { sampleSize: 1000 });
      return kmeans(m, choice.k, rng.fork(`kmeans:${c}`));
    });
    add(cluster, km);
    add(
      pick,
      timed(peak, () => {
        const alloc = clusterAllocation(Array.from(km.value.sizes), budgets[c]!);
        return alloc.map((a, j) => rng.fork(`pick:${c}:${j}`).sample(km.value.sizes[j]!, a));
      }),
    );
  });
  return { cluster, pick };
}

async function endToEnd(method: MethodDef, signals: Signals, budget: number, peak: Peak): Promise<Time> {
  const c = process.cpuUsage();
  const t0 = performance.now();
  const sel = await method.select(signals, defaultParams(method.params), context(budget, signals.n, peak));
  peak.sample(true);
  if (sel.indices.length !== budget)
    throw new Error(`${method.id}: ${sel.indices.length} picks for ${budget}`);
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t0, cpuMs: (used.user + used.system) / 1000 };
}

export async function runSeedMethodsBench(sizes: number[] = [10000, 60000]): Promise<void> {
  const p = parseIdxPair(
    readFileSync(join(DATA_DIR, 'mnist-train-images.idx')),
    readFileSync(join(DATA_DIR, 'mnist-train-labels.idx')),
    'mnist',
  );
  const dim = p.height * p.width;
  console.log(
    `SubZeroCore / Intra-class diversity on MNIST: fraction ${FRACTION}, pixel PCA-${PCA_DIM}, per class`,
  );
  console.log('N       phase                             wall ms   cpu ms  peak rss MB  peak heap MB');
  const line = (n: number, phase: string, t: Time, peak: Peak) =>
    console.log(
      `${String(n).padEnd(7)} ${phase.padEnd(32)} ${t.ms.toFixed(0).padStart(8)} ${t.cpuMs.toFixed(0).padStart(8)} ${(peak.rss / MB).toFixed(0).padStart(12)} ${(peak.heap / MB).toFixed(0).padStart(13)}`,
    );
  for (const n of sizes) {
    const peak = new Peak();
    peak.sample(true);
    const pixels = p.pixels.subarray(0, n * dim);
    const labels = p.labels.slice(0, n);
    const emb = timed(peak, () => pca(pixels, dim, PCA_DIM, createRng(1), { scale: 1 / 255 }));
    line(n, 'embeddings (pixel PCA, once)', emb, peak);
    const m: Matrix = { data: emb.value.projected, rows: n, dim: PCA_DIM };
    const budget = Math.round(FRACTION * n);
    const sz = subzeroPhases(m, labels, budget, peak);
    line(n, 'SubZeroCore kNN radii + graph', sz.knn, peak);
    line(n, 'SubZeroCore lazy greedy', sz.greedy, peak);
    const ic = intraPhases(m, labels, budget, peak);
    line(n, 'Intra-class clustering', ic.cluster, peak);
    line(n, 'Intra-class picks', ic.pick, peak);
    const signals: Signals = {
      n,
      numClasses: 10,
      labels,
      classNames: Array.from({ length: 10 }, (_, c) => String(c)),
      embeddings: { data: m.data, dim: PCA_DIM, source: `pca-${PCA_DIM} of pixels` },
    };
    line(n, 'SubZeroCore end to end (method)', await endToEnd(subzeroMethod, signals, budget, peak), peak);
    line(n, 'Intra-class end to end (method)', await endToEnd(intraClassMethod, signals, budget, peak), peak);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runSeedMethodsBench();
