/**
 * CI's speed regression check: only ratios measured in this run, on this machine, never
 * absolute times, with generous tolerances (CI machines are noisy and shared).
 *  - each SIMD kernel selection uses against the plain JS loop it replaces: k-center (dots),
 *    lazy facility location (dots4Range + mirror4 Gram, gain, cover), kNN (dots4Range tiles),
 *    k-means (assign);
 *  - when NumPy is installed, ours against NumPy's on the same data, in alternating rounds
 *    (ours, then NumPy in a fresh process with 1 BLAS thread: our kernels run on one thread, and
 *    NumPy's default threads would make the limit depend on the CI machine's core count);
 *    fastest of the rounds on both sides. k-means: from the same k-means++ seed rows under the
 *    same stopping rule (bench/kmeans.ts);
 *  - the MLP's lean training step (hand-written backward, heap Adam) against the tape step.
 * Prints every figure and its runtime; exits 1 when a ratio is past its tolerance.
 *   npx tsx bench/regression.ts
 */
import { coverageFor } from '../src/core/math/coverage';
import { facilityLocation } from '../src/core/math/facility';
import { kCenterGreedy } from '../src/core/math/kcenter';
import { kmeans } from '../src/core/math/kmeans';
import { knn } from '../src/core/math/knn';
import { createRng } from '../src/core/math/rng';
import { setSimdEnabled } from '../src/core/math/wasm/simd';
import { compareKmeans } from './kmeans';
import { cpuLine } from './machine';
import { describePython } from './python';
import { clustered, numpyAvailable, runNumpy } from './selection';
import { leanStepRatio } from './training';

interface Check {
  what: string;
  ratio: number;
  limit: number;
}

/**
 * Fastest wall time of `runs` runs after `warmup` untimed ones. The minimum is the figure least
 * disturbed by other work on a shared CI machine (interference only ever adds time).
 */
function fastest(fn: () => unknown, runs: number, warmup: number): number {
  for (let w = 0; w < warmup; w++) fn();
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export async function runRegressionBench(): Promise<boolean> {
  const started = performance.now();
  const n = 6000;
  const d = 64;
  const k = 600;
  const { m } = clustered(n, d, 10, 5);
  const kc = () => kCenterGreedy(m, k, { first: 0 });
  const fl = () => {
    const src = coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0 });
    const res = facilityLocation(src, k, { optimizer: 'lazy' });
    // The next build reuses the memory, as per-class and repeated runs do (src/core/math/denseSimd.ts).
    src.release?.();
    return res;
  };
  const nn = () => knn(m, 50);
  const km = () => kmeans(m, 10, createRng(7));
  // Warm up (JIT, the kept similarity memory), then alternating rounds: ours, then (when
  // installed) NumPy; fastest of the rounds on each side, so a busy spell hits both alike.
  fastest(kc, 0, 3);
  fastest(fl, 0, 1);
  fastest(nn, 0, 1);
  const simd = { kc: Infinity, fl: Infinity, nn: Infinity, km: fastest(km, 9, 3) };
  const ref = { kc: Infinity, fl: Infinity, nn: Infinity };
  const numpy = numpyAvailable();
  for (let r = 0; r < 3; r++) {
    simd.kc = Math.min(simd.kc, fastest(kc, 3, 0));
    simd.fl = Math.min(simd.fl, fastest(fl, 1, 0));
    simd.nn = Math.min(simd.nn, fastest(nn, 1, 0));
    if (!numpy) continue;
    const t = runNumpy(m, k, 1, { kcenter: 3, fl: 1, knn: 1 });
    ref.kc = Math.min(ref.kc, t.kcenter[0]);
    ref.fl = Math.min(ref.fl, t.fl[0]);
    ref.nn = Math.min(ref.nn, t.knn[0]);
  }
  setSimdEnabled(false);
  const plain = {
    kc: fastest(kc, 5, 2),
    fl: fastest(fl, 1, 0),
    nn: fastest(nn, 1, 0),
    km: fastest(km, 3, 1),
  };
  setSimdEnabled(true);
  const checks: Check[] = [
    { what: 'k-center SIMD / plain JS', ratio: simd.kc / plain.kc, limit: 0.85 },
    { what: 'lazy FL SIMD / plain JS', ratio: simd.fl / plain.fl, limit: 0.8 },
    { what: 'kNN SIMD / plain JS', ratio: simd.nn / plain.nn, limit: 0.85 },
    { what: 'k-means SIMD / plain JS', ratio: simd.km / plain.km, limit: 0.5 },
  ];
  if (numpy) {
    checks.push(
      { what: 'k-center ours / NumPy 1 thread', ratio: simd.kc / ref.kc, limit: 3 },
      { what: 'lazy FL ours / NumPy 1 thread', ratio: simd.fl / ref.fl, limit: 3 },
      { what: 'kNN (k = 50) ours / NumPy 1 thread', ratio: simd.nn / ref.nn, limit: 3 },
    );
    // Total time per Lloyd iteration, so the check holds even if the two ever stop apart.
    const r = compareKmeans(m, 10, 7, 9);
    const perIt = (f: { totalMs: number; iterations: number }) => f.totalMs / f.iterations;
    checks.push({
      what: 'k-means ours / NumPy (fastest, same seeds)',
      ratio: perIt(r.ours) / perIt(r.numpy),
      limit: 3,
    });
  } else console.log(`NumPy ratios skipped: ${describePython('numpy')}`);
  // Samples/s are rates: time per sample, lean / tape = tape rate / lean rate.
  checks.push({
    what: 'MLP training step, lean / tape (tfjs wasm)',
    ratio: await leanStepRatio(),
    limit: 0.85,
  });
  let ok = true;
  console.log(
    `speed regression check (N = ${n}, d = ${d}, k = ${k}; fastest wall times); ratio must stay below its limit`,
  );
  for (const c of checks) {
    const pass = c.ratio < c.limit;
    ok &&= pass;
    console.log(`  ${pass ? 'ok  ' : 'FAIL'} ${c.what.padEnd(42)} ${c.ratio.toFixed(2)} (limit ${c.limit})`);
  }
  console.log(`  (${cpuLine()}; ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return ok;
}

if (process.argv[1]?.endsWith('regression.ts')) {
  runRegressionBench().then(
    (ok) => process.exit(ok ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
