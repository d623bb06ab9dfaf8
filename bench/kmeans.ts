/**
 * k-means against NumPy on the same data, from the same k-means++ draws, under the same
 * stopping rule, so both the total and the per-iteration figures compare like for like:
 *  - the NumPy reference receives our RNG's draws (the first row index, then one uniform per
 *    further centre) and runs the textbook k-means++ with them, so it picks the same seed rows
 *    (the bench checks that it did);
 *  - both run Lloyd until no row moves or the inertia improves by ≤ tol (relative), as
 *    core/math/kmeans.ts does; the NumPy update is the textbook `x[a == j].mean(0)` per cluster.
 * Wall figures are the fastest of `runs` runs on each side (other work on a shared machine only
 * ever adds time), CPU figures the median. NumPy runs twice, with OpenBLAS's default threads and
 * with one thread, and the faster of the two is its figure: on a busy 2-core machine the default
 * threads spin and a 6000 × 64 × 10 matmul takes 8 ms instead of 0.3 ms.
 * Prints seeding time, total time, iterations, per-iteration Lloyd time and the ratios.
 *   npx tsx bench/kmeans.ts [--n 6000] [--d 64] [--k 10] [--runs 9]
 */
import { median } from './stats';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { numpyPython } from './selection';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Matrix } from '../src/core/math/distances';
import { kmeans, kmeansPlusPlus } from '../src/core/math/kmeans';
import { createRng } from '../src/core/math/rng';

interface Figures {
  /** k-means++ alone, fastest wall ms. */
  seedMs: number;
  /** Seeding + Lloyd, fastest wall ms. */
  totalMs: number;
  /** Seeding + Lloyd, median CPU ms. */
  cpuMs: number;
  iterations: number;
}

/** Ours and NumPy's k-means on the same data, same seed rows and stopping rule. */
export interface KmeansComparison {
  ours: Figures;
  numpy: Figures & { sameSeeds: boolean; blasThreads: string };
}

const SCRIPT = String.raw`
import sys, time, numpy as np
path, n, d, k, runs, tol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
first, us = int(sys.argv[7]), [float(u) for u in sys.argv[8].split(',') if u]
x = np.fromfile(path, dtype=np.float32).reshape(n, d)
def seed(x):
    # k-means++ with the given draws: the row where the running sum of D² passes u · ΣD².
    rows = [first]
    dmin = ((x - x[first]) ** 2).sum(1).astype(np.float64)
    for u in us:
        j = min(int(np.searchsorted(np.cumsum(dmin), u * dmin.sum(), side='right')), len(x) - 1)
        rows.append(j)
        dmin = np.minimum(dmin, ((x - x[j]) ** 2).sum(1))
    return rows
ITERS = [0]
def kmeans(x, iters=100):
    rows = seed(x)
    c = x[rows]
    norms = (x * x).sum(1)
    a = np.full(len(x), -1)
    inertia = np.inf
    for it in range(iters):
        ITERS[0] = it + 1
        dist = norms[:, None] - 2 * x @ c.T + (c * c).sum(1)[None]
        b = dist.argmin(1)
        moved = int((b != a).sum())
        a = b
        prev, inertia = inertia, float(np.maximum(dist[np.arange(len(x)), a], 0).sum())
        c = np.array([x[a == j].mean(0) if (a == j).any() else c[j] for j in range(len(c))])
        if moved == 0 or (it > 0 and prev - inertia <= tol * prev):
            break
    return a
def med(f):
    f()
    ts, cs = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time(); f()
        ts.append((time.perf_counter() - t) * 1000); cs.append((time.process_time() - c) * 1000)
    return min(ts), sorted(cs)[len(cs) // 2]
s, _ = med(lambda: seed(x))
t, c = med(lambda: kmeans(x))
print(s, t, c, ITERS[0])
print(','.join(str(r) for r in seed(x)))
`;

/** Fastest wall ms and median CPU ms of `runs` runs after `warmup` untimed ones. */
function timed(fn: () => void, runs: number, warmup: number): { ms: number; cpuMs: number } {
  for (let w = 0; w < warmup; w++) fn();
  const ts: number[] = [];
  const cs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cs.push((u.user + u.system) / 1000);
  }
  return { ms: Math.min(...ts), cpuMs: median(cs) };
}

/**
 * The draws kmeansPlusPlus takes from createRng(seed): rng.int(n) for the first row, then one
 * rng.next() per further centre (the bench verifies the resulting rows match ours).
 */
function draws(n: number, k: number, seed: number): { first: number; us: number[] } {
  const r = createRng(seed);
  const first = r.int(n);
  return { first, us: Array.from({ length: k - 1 }, () => r.next()) };
}

export function compareKmeans(
  m: Matrix,
  k: number,
  seed: number,
  runs: number,
  tol = 1e-6,
): KmeansComparison {
  const seedT = timed(() => kmeansPlusPlus(m, k, createRng(seed)), runs, 2);
  let iterations = 0;
  const total = timed(() => (iterations = kmeans(m, k, createRng(seed), { tol }).iterations), runs, 3);
  const ourSeeds = Array.from(kmeansPlusPlus(m, k, createRng(seed)));
  const dir = mkdtempSync(join(tmpdir(), 'coreset-kmeans-'));
  try {
    const path = join(dir, 'x.f32');
    writeFileSync(path, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    writeFileSync(join(dir, 'ref.py'), SCRIPT);
    const { first, us } = draws(m.rows, k, seed);
    const args = [
      String(m.rows),
      String(m.dim),
      String(k),
      String(runs),
      String(tol),
      String(first),
      us.join(','),
    ];
    const runWith = (threads: string | undefined): KmeansComparison['numpy'] => {
      const env = { ...process.env };
      if (threads) env.OPENBLAS_NUM_THREADS = env.OMP_NUM_THREADS = threads;
      const out = execFileSync(numpyPython(), [join(dir, 'ref.py'), path, ...args], {
        encoding: 'utf8',
        env,
      });
      const [figures, rows] = out.trim().split('\n');
      const [s, t, c, it] = figures!.split(' ').map(Number);
      const blasThreads = threads ?? 'default';
      return {
        seedMs: s!,
        totalMs: t!,
        cpuMs: c!,
        iterations: it!,
        sameSeeds: rows === ourSeeds.join(','),
        blasThreads,
      };
    };
    const [a, b] = [runWith(undefined), runWith('1')];
    return {
      ours: { seedMs: seedT.ms, totalMs: total.ms, cpuMs: total.cpuMs, iterations },
      numpy: a.totalMs <= b.totalMs ? a : b,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lloyd time per iteration: the total less the k-means++ seeding, over the iterations. */
export const perIteration = (r: { seedMs: number; totalMs: number; iterations: number }): number =>
  (r.totalMs - r.seedMs) / r.iterations;

export function printComparison(r: KmeansComparison): void {
  const f = (v: number) => v.toFixed(2).padStart(7);
  const { ours, numpy } = r;
  console.log(`                              ours     numpy    ratio (ours / numpy; < 1: we are faster)`);
  console.log(
    `  k-means++ seeding ms      ${f(ours.seedMs)} ${f(numpy.seedMs)}   ${(ours.seedMs / numpy.seedMs).toFixed(2)}`,
  );
  console.log(
    `  total ms (fastest wall)   ${f(ours.totalMs)} ${f(numpy.totalMs)}   ${(ours.totalMs / numpy.totalMs).toFixed(2)}`,
  );
  console.log(
    `  total ms (median cpu)     ${f(ours.cpuMs)} ${f(numpy.cpuMs)}   ${(ours.cpuMs / numpy.cpuMs).toFixed(2)}`,
  );
  console.log(
    `  Lloyd iterations          ${String(ours.iterations).padStart(7)} ${String(numpy.iterations).padStart(7)}`,
  );
  console.log(
    `  ms per Lloyd iteration    ${f(perIteration(ours))} ${f(perIteration(numpy))}   ${(perIteration(ours) / perIteration(numpy)).toFixed(2)}`,
  );
  console.log(
    numpy.sameSeeds
      ? `  same k-means++ seed rows and stopping rule on both sides; NumPy BLAS threads: ${numpy.blasThreads} (the faster setting)`
      : '  WARNING: NumPy picked different k-means++ seed rows (float rounding at a draw boundary): totals not like for like',
  );
}

/** The k-means comparison on the selection bench's data (N = 6000, d = 64, k = 10 by default). */
export async function runKmeansBench(n = 6000, d = 64, k = 10, runs = 9): Promise<KmeansComparison> {
  const { clustered } = await import('./selection');
  const { m } = clustered(n, d, 10, 1);
  console.log(`k-means++ + Lloyd, N = ${n}, d = ${d}, k = ${k}, ${runs} runs a side`);
  const r = compareKmeans(m, k, 7, runs);
  printComparison(r);
  return r;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await runKmeansBench(arg('n', 6000), arg('d', 64), arg('k', 10), arg('runs', 9));
}
