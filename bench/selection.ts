/**
 * Selection benchmark (issue "Baselines"): prints N, d, k, median time and peak memory for the
 * geometric building blocks on synthetic clustered embeddings, and, when NumPy is available,
 * runs a NumPy reference of k-center greedy and lazy facility location on the same data.
 * Run: npx tsx bench/selection.ts
 */
import { median } from './stats';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { describePython, findPython } from './python';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseIdx } from '../src/core/data/idx';
import { coverageFor } from '../src/core/math/coverage';
import { dropCoverageMemory } from '../src/core/math/denseSimd';
import type { Matrix } from '../src/core/math/distances';
import { facilityLocation } from '../src/core/math/facility';
import { kCenterGreedy } from '../src/core/math/kcenter';
import { kmeans } from '../src/core/math/kmeans';
import { setSimdEnabled } from '../src/core/math/wasm/simd';
import { knn } from '../src/core/math/knn';
import { pca } from '../src/core/math/pca';
import { createRng } from '../src/core/math/rng';
import { kCenterMethod } from '../src/core/methods/kcenter/kcenter';
import { methodParams } from '../src/core/methods/registry';

interface Row {
  task: string;
  n: number;
  d: number;
  k: number;
  ms: number;
  cpuMs: number;
  rssMB: number;
  heapMB: number;
  note?: string;
}

/** Gaussian mixture: `classes` centres at scale 3 in d dims, unit noise; labels = component. */
export function clustered(
  n: number,
  d: number,
  classes: number,
  seed: number,
): { m: Matrix; labels: Uint8Array } {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: classes * d }, () => 3 * rng.normal());
  const data = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    for (let q = 0; q < d; q++) data[i * d + q] = centres[c * d + q]! + rng.normal();
  }
  return { m: { data, rows: n, dim: d }, labels };
}

/**
 * Peak of rss and heapUsed + arrayBuffers, sampled from progress callbacks during a run (at
 * most every 20 ms, so sampling does not show up in the timings) and once after it.
 */
class MemoryPeak {
  rss = 0;
  heap = 0;
  private last = -Infinity;
  sample = (force?: unknown): void => {
    const now = performance.now();
    if (force !== true && now - this.last < 20) return;
    this.last = now;
    const u = process.memoryUsage();
    this.rss = Math.max(this.rss, u.rss);
    this.heap = Math.max(this.heap, u.heapUsed + u.arrayBuffers);
  };
}

/**
 * Median wall time and median CPU time (user + system) of `runs` runs. On a shared machine the
 * CPU time is the steadier figure: it leaves out time spent waiting for a core.
 */
export async function measure(
  runs: number,
  fn: (sample: () => void) => unknown,
  warmup = 0,
): Promise<{ ms: number; cpuMs: number; peak: MemoryPeak }> {
  const times: number[] = [];
  const cpu: number[] = [];
  const peak = new MemoryPeak();
  // Untimed runs first: the JIT compiles the hot loops on the first calls (NumPy has no JIT,
  // and its reference gets one untimed call too).
  for (let w = 0; w < warmup; w++) await fn(() => {});
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const out = await fn(peak.sample);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    peak.sample(true);
    void out;
  }
  return { ms: median(times), cpuMs: median(cpu), peak };
}

const MB = 1024 * 1024;
const row = (
  task: string,
  n: number,
  d: number,
  k: number,
  r: { ms: number; cpuMs: number; peak: MemoryPeak },
  note?: string,
): Row => ({
  task,
  n,
  d,
  k,
  ms: r.ms,
  cpuMs: r.cpuMs,
  rssMB: r.peak.rss / MB,
  heapMB: r.peak.heap / MB,
  note,
});

/** The CPU model, for every figure a bench prints. */
export function cpuModel(): string {
  return cpus()[0]?.model.trim() ?? 'unknown CPU';
}

export function numpyAvailable(): boolean {
  return findPython('numpy') !== null;
}

/** The interpreter that has NumPy (bench/python.ts); callers check numpyAvailable() first. */
export function numpyPython(): string {
  return findPython('numpy')?.exe ?? 'python3';
}

/** The BLAS NumPy was built against (NumPy ≥ 1.25 says; older ones list their libraries). */
export function numpyBlas(): string {
  const script = String.raw`
import numpy as np
try:
    b = np.show_config(mode='dicts')['Build Dependencies']['blas']
    print(b.get('name', '?'), b.get('version', ''))
except Exception:
    from numpy import __config__ as c
    info = getattr(c, 'blas_opt_info', None) or getattr(c, 'blas_info', None) or {}
    print(','.join(info.get('libraries', ['?'])))
`;
  try {
    return execFileSync(numpyPython(), ['-c', script], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

/** The NumPy reference: the textbook implementations (min-distance vector; heapq lazy greedy). */
const NUMPY_SCRIPT = String.raw`
import sys, time, heapq, numpy as np
path, n, d, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(path, dtype=np.float32).reshape(n, d)
def kcenter(x, k, first):
    norms = (x * x).sum(1)
    mind = np.full(len(x), np.inf, dtype=np.float32)
    picks = [first]
    for t in range(k):
        c = picks[-1]
        dd = np.maximum(norms + norms[c] - 2 * (x @ x[c]), 0)
        np.minimum(mind, dd, out=mind)
        if t + 1 < k:
            picks.append(int(np.argmax(mind)))
    return picks
def lazy_fl(x, k):
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    sim = np.maximum(xn @ xn.T, 0)
    cov = np.zeros(len(x), dtype=np.float32)
    heap = [(-float(s), j) for j, s in enumerate(sim.sum(1))]
    heapq.heapify(heap)
    picks = []
    while len(picks) < k:
        _, j = heapq.heappop(heap)
        g = float(np.maximum(sim[j] - cov, 0).sum())
        if not heap or g >= -heap[0][0]:
            picks.append(j)
            np.maximum(cov, sim[j], out=cov)
        else:
            heapq.heappush(heap, (-g, j))
    return picks
def knn(x, k):
    # Blocked like ours: 1024 rows of the Gram at a time, argpartition, then sort the k.
    norms = (x * x).sum(1)
    out = np.empty((len(x), k), dtype=np.int64)
    for a in range(0, len(x), 1024):
        s = 2 * x[a:a + 1024] @ x.T - norms
        s[np.arange(len(s)), np.arange(a, a + len(s))] = -np.inf
        idx = np.argpartition(-s, k, axis=1)[:, :k]
        o = np.argsort(-np.take_along_axis(s, idx, 1), axis=1)
        out[a:a + 1024] = np.take_along_axis(idx, o, 1)
    return out
def med(f, runs):
    # Median wall and CPU (all threads) milliseconds, like the TypeScript side reports, and the
    # wall time of the first (untimed) call: the one that meets fresh memory.
    t = time.perf_counter(); f(); first = (time.perf_counter() - t) * 1000
    ts, cs = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time(); f()
        ts.append((time.perf_counter() - t) * 1000); cs.append((time.process_time() - c) * 1000)
    return '%f %f %f' % (sorted(ts)[len(ts) // 2], sorted(cs)[len(cs) // 2], first)
runs = [int(r) for r in sys.argv[5].split(',')]
print(med(lambda: kcenter(x, k, 0), runs[0]))
print(med(lambda: lazy_fl(x, k), runs[1]))
print(med(lambda: knn(x, 50), runs[2]))
`;

/** [wall ms, CPU ms] medians of the timed runs, and the wall ms of the first (untimed) call. */
export type Timing = [wall: number, cpu: number, first: number];

/** The NumPy reference's times. */
export interface NumpyTimes {
  kcenter: Timing;
  fl: Timing;
  knn: Timing;
}

/** Timed runs per reference: k-center greedy, lazy facility location, kNN. */
export interface NumpyRuns {
  kcenter: number;
  fl: number;
  knn: number;
}

/**
 * NumPy's times on the same data. `threads` sets the BLAS thread count (OpenBLAS / OpenMP / MKL
 * variables); undefined keeps NumPy's default (all cores for BLAS calls).
 */
export function runNumpy(
  m: Matrix,
  k: number,
  threads?: number,
  runs: NumpyRuns = { kcenter: 9, fl: 1, knn: 3 },
): NumpyTimes {
  const dir = mkdtempSync(join(tmpdir(), 'coreset-bench-'));
  try {
    const path = join(dir, 'x.f32');
    writeFileSync(path, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    const script = join(dir, 'ref.py');
    writeFileSync(script, NUMPY_SCRIPT);
    const env = { ...process.env };
    if (threads !== undefined)
      env.OPENBLAS_NUM_THREADS = env.OMP_NUM_THREADS = env.MKL_NUM_THREADS = String(threads);
    const counts = [runs.kcenter, runs.fl, runs.knn].join(',');
    const args = [script, path, String(m.rows), String(m.dim), String(k), counts];
    const out = execFileSync(numpyPython(), args, { encoding: 'utf8', maxBuffer: 1 << 20, env });
    const [a, b, c] = out
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as Timing);
    return { kcenter: a!, fl: b!, knn: c! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(rows: Row[]): void {
  const head = [
    'task',
    'N',
    'd',
    'k',
    'time ms (median)',
    'cpu ms (median)',
    'peak rss MB',
    'peak heap+buffers MB',
    'note',
  ];
  const body = rows.map((r) => [
    r.task,
    String(r.n),
    String(r.d),
    String(r.k),
    r.ms.toFixed(1),
    r.cpuMs.toFixed(1),
    r.rssMB.toFixed(0),
    r.heapMB.toFixed(0),
    r.note ?? '',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const fmt = (cells: string[]): string => cells.map((s, c) => s.padEnd(widths[c]!)).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(fmt(b));
}

export async function runSelectionBench(): Promise<void> {
  const rows: Row[] = [];
  const n = 6000;
  const d = 64;
  const k = 600;
  const { m } = clustered(n, d, 10, 1);

  let kc = kCenterGreedy(m, k, { first: 0 });
  rows.push(
    row(
      'k-center greedy',
      n,
      d,
      k,
      await measure(9, (s) => (kc = kCenterGreedy(m, k, { first: 0, onProgress: s })), 3),
      '',
    ),
  );
  rows[rows.length - 1]!.note = `${((100 * kc.evaluations) / (n * k)).toFixed(0)}% of distances computed`;

  let build = 0;
  let evaluations = 0;
  // One untimed run first: later builds reuse its similarity memory (src.release()).
  const fl = await measure(
    3,
    (s) => {
      const t = performance.now();
      const src = coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0, onProgress: s });
      build = performance.now() - t;
      const res = facilityLocation(src, k, { optimizer: 'lazy', onProgress: s });
      src.release?.();
      evaluations = res.evaluations;
      return res;
    },
    1,
  );
  rows.push(
    row(
      'facility location, lazy (dense cosine)',
      n,
      d,
      k,
      fl,
      `similarity build ${build.toFixed(0)} ms, ${evaluations} gain evals`,
    ),
  );

  // The same two without the WebAssembly SIMD kernels: what the plain JS loops do.
  setSimdEnabled(false);
  rows.push(
    row('k-center greedy (plain JS)', n, d, k, await measure(3, () => kCenterGreedy(m, k, { first: 0 }))),
  );
  let plainBuild = 0;
  const flPlain = await measure(1, (s) => {
    const t = performance.now();
    const src = coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0, onProgress: s });
    plainBuild = performance.now() - t;
    return facilityLocation(src, k, { optimizer: 'lazy', onProgress: s });
  });
  rows.push(
    row(
      'facility location, lazy (plain JS)',
      n,
      d,
      k,
      flPlain,
      `similarity build ${plainBuild.toFixed(0)} ms`,
    ),
  );
  setSimdEnabled(true);

  let kmIterations = 0;
  rows.push(
    row(
      'k-means++ + Lloyd',
      n,
      d,
      10,
      await measure(9, (s) => (kmIterations = kmeans(m, 10, createRng(7), { checkpoint: s }).iterations), 3),
    ),
  );
  rows[rows.length - 1]!.note = `${kmIterations} Lloyd iterations`;
  rows.push(row('kNN (blocked, exact)', n, d, 50, await measure(3, (s) => knn(m, 50, { onProgress: s }), 1)));

  const big = clustered(60000, d, 10, 2);
  const signals = {
    n: 60000,
    numClasses: 10,
    labels: big.labels,
    classNames: [...'0123456789'],
    embeddings: { data: big.m.data, dim: d, source: 'synthetic' },
  };
  const params = methodParams('kcenter');
  const controller = new AbortController();
  rows.push(
    row(
      'k-center method (per class, f = 0.1)',
      60000,
      d,
      6000,
      await measure(3, (s) =>
        kCenterMethod.select(signals, params, {
          fraction: 0.1,
          budget: 6000,
          rng: createRng(1),
          onProgress: s,
          signal: controller.signal,
        }),
      ),
    ),
  );

  // PCA at MNIST size: the real training images when prepared, else sparse synthetic bytes.
  const mnist = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'public',
    'data',
    'mnist-train-images.idx',
  );
  let px: Uint8Array;
  let source = 'MNIST train images';
  if (existsSync(mnist)) {
    px = parseIdx(readFileSync(mnist)).data;
  } else {
    source = 'synthetic bytes, 19 % non-zero';
    px = new Uint8Array(60000 * 784);
    const prng = createRng(3);
    for (let i = 0; i < px.length; i++) if (prng.next() < 0.19) px[i] = 1 + prng.int(255);
  }
  let explained = 0;
  const pcaRun = await measure(1, (s) => {
    const r = pca(px, 784, 64, createRng(4), { scale: 1 / 255, onProgress: s });
    explained = r.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    return r;
  });
  rows.push(
    row(
      'PCA (10k-row covariance)',
      px.length / 784,
      784,
      64,
      pcaRun,
      `${source}; ${(100 * explained).toFixed(1)} % variance kept`,
    ),
  );

  print(rows);

  console.log('');
  if (!numpyAvailable()) {
    console.log(`NumPy peer not measured: ${describePython('numpy')}`);
    return;
  }
  const arg = process.argv.find((x) => x.startsWith('--rounds='));
  printNumpyRounds(await numpyRounds(m, k, arg ? Number(arg.slice(9)) : 3), m, k);
  // k-means: NumPy replays our k-means++ draws and our stopping rule (bench/kmeans.ts), so the
  // totals compare like for like, and per Lloyd iteration too.
  // (Imported here: bench/kmeans.ts imports this file for its data when run on its own.)
  const { compareKmeans, printComparison } = await import('./kmeans');
  console.log(`  k-means++ + Lloyd (k = 10), same seed rows and stopping rule:`);
  printComparison(compareKmeans(m, 10, 7, 9));
}

/** Timed k-center runs per round and side (the median of them is the round's figure). */
const KC_RUNS = 9;

/** Who runs in a round: our kernels, or the NumPy reference with default or 1 BLAS thread. */
type Side = 'ours' | 'numpy default threads' | 'numpy 1 thread';
const SIDES: Side[] = ['ours', 'numpy default threads', 'numpy 1 thread'];

/** Per kernel, each side's [wall, cpu] per round; FL also cold (its first call on fresh memory). */
export interface RoundFigures {
  rounds: number;
  loadBefore: string;
  loadAfter: string;
  /** kernel → side → rounds of [wall ms, cpu ms]. */
  times: Record<'kcenter' | 'fl' | 'flFirst' | 'knn', Record<Side, [number, number][]>>;
}

const loadLine = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/**
 * Ours and NumPy's on the same data in alternating rounds (the order of the three sides rotates
 * each round), so that a busy spell of a shared machine lands on every side alike. NumPy runs
 * in a fresh process per round: its default BLAS threads and OPENBLAS / OMP / MKL_NUM_THREADS=1.
 * Facility location is timed warm (ours: the similarity memory reused from the previous run;
 * NumPy: after one untimed call) and on its first call (fresh memory on both sides).
 */
export async function numpyRounds(m: Matrix, k: number, rounds: number): Promise<RoundFigures> {
  const empty = (): Record<Side, [number, number][]> => ({
    ours: [],
    'numpy default threads': [],
    'numpy 1 thread': [],
  });
  const times: RoundFigures['times'] = { kcenter: empty(), fl: empty(), flFirst: empty(), knn: empty() };
  const loadBefore = loadLine();
  const fl = () => {
    const src = coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0 });
    const res = facilityLocation(src, k, { optimizer: 'lazy' });
    src.release?.();
    return res;
  };
  for (let r = 0; r < rounds; r++) {
    for (let q = 0; q < SIDES.length; q++) {
      const side = SIDES[(r + q) % SIDES.length]!;
      if (side === 'ours') {
        // k-center takes ~10 ms here: 9 runs a round on both sides, so that one busy spell of
        // a shared machine does not make a round's median.
        const kc = await measure(KC_RUNS, () => kCenterGreedy(m, k, { first: 0 }), r === 0 ? 3 : 1);
        times.kcenter.ours.push([kc.ms, kc.cpuMs]);
        dropCoverageMemory();
        const first = await measure(1, fl);
        times.flFirst.ours.push([first.ms, first.cpuMs]);
        const warm = await measure(1, fl);
        times.fl.ours.push([warm.ms, warm.cpuMs]);
        const nn = await measure(1, () => knn(m, 50), 1);
        times.knn.ours.push([nn.ms, nn.cpuMs]);
      } else {
        const ref = runNumpy(m, k, side === 'numpy 1 thread' ? 1 : undefined, {
          kcenter: KC_RUNS,
          fl: 1,
          knn: 1,
        });
        times.kcenter[side].push([ref.kcenter[0], ref.kcenter[1]]);
        times.fl[side].push([ref.fl[0], ref.fl[1]]);
        // NumPy's first call: wall only (its CPU time is not taken); the warm CPU stands in.
        times.flFirst[side].push([ref.fl[2], NaN]);
        times.knn[side].push([ref.knn[0], ref.knn[1]]);
      }
    }
  }
  return { rounds, loadBefore, loadAfter: loadLine(), times };
}

export function printNumpyRounds(f: RoundFigures, m: Matrix, k: number): void {
  const py = findPython('numpy')!;
  console.log(
    `Ours vs NumPy ${py.version} (${py.exe === py.path ? py.exe : `${py.exe} → ${py.path}`}; BLAS ${numpyBlas()}),`,
  );
  console.log(
    `on ${cpuModel()}, ${availableParallelism()} cores; load average ${f.loadBefore} before, ${f.loadAfter} after.`,
  );
  console.log(
    `Same ${m.rows} × ${m.dim} data, k = ${k} (kNN: k = 50); ${f.rounds} alternating rounds (ours, NumPy with its default BLAS threads,`,
  );
  console.log(
    'NumPy with 1 thread; the order rotates), medians of the rounds. ratio = ours / NumPy; < 1: we are faster.',
  );
  const w = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1)).padStart(8);
  const rt = (a: number, b: number) => (Number.isNaN(a / b) ? '—' : (a / b).toFixed(2)).padStart(6);
  console.log(
    `  ${'kernel'.padEnd(34)} ${'wall ms: ours'.padStart(13)} ${'np dflt'.padStart(8)} ${'ratio'.padStart(6)} ${'np 1thr'.padStart(8)} ${'ratio'.padStart(6)}` +
      `   ${'cpu ms: ours'.padStart(12)} ${'np dflt'.padStart(8)} ${'ratio'.padStart(6)} ${'np 1thr'.padStart(8)} ${'ratio'.padStart(6)}`,
  );
  const names: [keyof RoundFigures['times'], string][] = [
    ['kcenter', 'k-center greedy'],
    ['fl', 'lazy facility location (warm)'],
    ['flFirst', 'lazy facility location (1st call)'],
    ['knn', 'kNN (k = 50)'],
  ];
  for (const [key, name] of names) {
    const t = f.times[key];
    const wall = (s: Side) => median(t[s].map((x) => x[0]));
    const cpu = (s: Side) => median(t[s].map((x) => x[1]));
    const [o, a, b] = SIDES;
    console.log(
      `  ${name.padEnd(34)} ${w(wall(o!)).padStart(13)} ${w(wall(a!))} ${rt(wall(o!), wall(a!))} ${w(wall(b!))} ${rt(wall(o!), wall(b!))}` +
        `   ${w(cpu(o!)).padStart(12)} ${w(cpu(a!))} ${rt(cpu(o!), cpu(a!))} ${w(cpu(b!))} ${rt(cpu(o!), cpu(b!))}`,
    );
  }
  console.log(
    '  (1st call: both sides on fresh memory; ours pays a page fault per 4 KiB of the N² block, NumPy gets 2 MiB pages.)',
  );
}

// Not a top-level await: runSelectionBench imports ./kmeans, which imports this module back,
// and would wait for this module's evaluation to finish (node exits 13, unfinished await).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSelectionBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
