/**
 * CI's speed regression check: only ratios measured in this run, on this machine, never
 * absolute times, with generous tolerances (CI machines are noisy and shared).
 *  - the SIMD kernels against the plain JS loops they replace (k-center, lazy facility location,
 *    k-means);
 *  - when NumPy is installed, our CPU time against NumPy's on the same data (k-means: from the
 *    same k-means++ seed rows under the same stopping rule, bench/kmeans.ts);
 *  - the MLP's lean training step (hand-written backward, heap Adam) against the tape step.
 * Prints every figure; exits 1 when a ratio is past its tolerance.
 *   npx tsx bench/regression.ts
 */
import { coverageFor } from '../src/core/math/coverage';
import { facilityLocation } from '../src/core/math/facility';
import { kCenterGreedy } from '../src/core/math/kcenter';
import { kmeans } from '../src/core/math/kmeans';
import { createRng } from '../src/core/math/rng';
import { setSimdEnabled } from '../src/core/math/wasm/simd';
import { compareKmeans } from './kmeans';
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
  const n = 6000;
  const d = 64;
  const k = 600;
  const { m } = clustered(n, d, 10, 5);
  const kc = () => kCenterGreedy(m, k, { first: 0 });
  const fl = () =>
    facilityLocation(coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0 }), k, {
      optimizer: 'lazy',
    });
  const km = () => kmeans(m, 10, createRng(7));
  const simd = { kc: fastest(kc, 9, 3), fl: fastest(fl, 3, 1), km: fastest(km, 9, 3) };
  setSimdEnabled(false);
  const plain = { kc: fastest(kc, 9, 3), fl: fastest(fl, 3, 1), km: fastest(km, 3, 1) };
  setSimdEnabled(true);
  const checks: Check[] = [
    { what: 'k-center SIMD / plain JS', ratio: simd.kc / plain.kc, limit: 0.85 },
    { what: 'lazy FL SIMD / plain JS', ratio: simd.fl / plain.fl, limit: 0.8 },
    { what: 'k-means SIMD / plain JS', ratio: simd.km / plain.km, limit: 0.5 },
  ];
  if (numpyAvailable()) {
    const ref = runNumpy(m, k);
    checks.push(
      { what: 'k-center ours (fastest) / NumPy (median)', ratio: simd.kc / ref.kcenter[0], limit: 3 },
      { what: 'lazy FL ours (fastest) / NumPy (median)', ratio: simd.fl / ref.fl[0], limit: 3 },
    );
    // Total time per Lloyd iteration, so the check holds even if the two ever stop apart.
    const r = compareKmeans(m, 10, 7, 9);
    const perIt = (f: { totalMs: number; iterations: number }) => f.totalMs / f.iterations;
    checks.push({
      what: 'k-means ours / NumPy (fastest, same seeds)',
      ratio: perIt(r.ours) / perIt(r.numpy),
      limit: 3,
    });
  } else console.log('NumPy not installed: the NumPy ratios are skipped');
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
