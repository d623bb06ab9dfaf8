/**
 * CI's speed regression check: only ratios measured in this run, on this machine, never
 * absolute times, with generous tolerances (CI machines are noisy and shared).
 *  - the SIMD kernels against the plain JS loops they replace (k-center, lazy facility location);
 *  - when NumPy is installed, our CPU time against NumPy's on the same data.
 * Prints every figure; exits 1 when a ratio is past its tolerance.
 *   npx tsx bench/regression.ts
 */
import { coverageFor } from '../src/core/math/coverage';
import { facilityLocation } from '../src/core/math/facility';
import { kCenterGreedy } from '../src/core/math/kcenter';
import { setSimdEnabled } from '../src/core/math/wasm/simd';
import { clustered, measure, numpyAvailable, runNumpy } from './selection';

interface Check {
  what: string;
  ratio: number;
  limit: number;
}

export async function runRegressionBench(): Promise<boolean> {
  const n = 3000;
  const d = 64;
  const k = 300;
  const { m } = clustered(n, d, 10, 5);
  const kc = () => kCenterGreedy(m, k, { first: 0 });
  const fl = () => facilityLocation(coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0 }), k, { optimizer: 'lazy' });
  kc();
  fl();
  const simd = { kc: await measure(5, kc), fl: await measure(3, fl) };
  setSimdEnabled(false);
  const plain = { kc: await measure(5, kc), fl: await measure(3, fl) };
  setSimdEnabled(true);
  const checks: Check[] = [
    { what: 'k-center SIMD / plain JS (cpu)', ratio: simd.kc.cpuMs / plain.kc.cpuMs, limit: 0.8 },
    { what: 'lazy FL SIMD / plain JS (cpu)', ratio: simd.fl.cpuMs / plain.fl.cpuMs, limit: 0.8 },
  ];
  if (numpyAvailable()) {
    const ref = runNumpy(m, k);
    checks.push(
      { what: 'k-center ours / NumPy (cpu)', ratio: simd.kc.cpuMs / ref.kcenter[1], limit: 3 },
      { what: 'lazy FL ours / NumPy (cpu)', ratio: simd.fl.cpuMs / ref.fl[1], limit: 3 },
    );
  } else console.log('NumPy not installed: the NumPy ratios are skipped');
  let ok = true;
  console.log(`speed regression check (N = ${n}, d = ${d}, k = ${k}); ratio must stay below its limit`);
  for (const c of checks) {
    const pass = c.ratio < c.limit;
    ok &&= pass;
    console.log(`  ${pass ? 'ok  ' : 'FAIL'} ${c.what.padEnd(34)} ${c.ratio.toFixed(2)} (limit ${c.limit})`);
  }
  return ok;
}

if (process.argv[1]?.endsWith('regression.ts')) {
  runRegressionBench().then((ok) => process.exit(ok ? 0 : 1));
}
