/**
 * Dense cosine facility-location coverage inside a WebAssembly SIMD memory: the Gram block, the
 * coverage vector and the greedy's gain / cover passes all run as f32x4 kernels
 * (wasm/kernels.wat). Same objective as coverage.ts's dense path (w = max(0, cos), times the
 * candidate weight), about 3× faster to build and 4× faster to scan (bench/selection.ts).
 * Null when WebAssembly SIMD is unavailable; the caller then uses the plain loops.
 *
 * The similarity block is N² floats (144 MB at 6000 rows) in a fresh WebAssembly memory, and
 * touching fresh memory costs a page fault per 4 KiB page: about 0.4 s for 144 MB on a VM
 * without transparent huge pages for it (NumPy asks the kernel for 2 MiB pages; a WebAssembly
 * memory cannot). So a source that is done hands its memory back (`release()`), and the next
 * dense build reuses it: per-class runs and repeated runs pay the page faults once.
 */
import type { Matrix } from './distances';
import type { CoverageSource } from './facility';
import { dropKCenterMemory } from './kcenterSimd';
import { dropKeptKernels, keepKernels, layout, takeKernels, type KernelExports } from './wasm/simd';

/** Drops every kept kernel memory (this one, k-center's, kNN's), e.g. when a worker goes idle. */
export function dropCoverageMemory(): void {
  dropKeptKernels();
  dropKCenterMemory();
}

export interface SimdCoverageSource extends CoverageSource {
  /**
   * Hands the memory back for the next dense build. The source (and any coverage vector from
   * its createCoverage) must not be used afterwards: gain and cover then throw.
   */
  release(): void;
}

export interface SimdCoverageOptions {
  weights?: Float32Array;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
  /**
   * The clipped cosine Gram (n × n), computed elsewhere (a GPU): copied in instead of built, so
   * the greedy's scans still run as SIMD kernels.
   */
  gram?: Float32Array;
}

export function simdCosineCoverage(m: Matrix, opts: SimdCoverageOptions = {}): SimdCoverageSource | null {
  const n = m.rows;
  const d = m.dim;
  const dp = Math.ceil(d / 4) * 4;
  // Similarity rows padded to whole vectors; padding stays 0 (w = 0 never adds gain).
  const np = Math.ceil(n / 4) * 4;
  const lay = layout();
  // A precomputed Gram needs no rows in the memory.
  const xAt = lay.take(opts.gram ? 0 : n * dp * 4);
  const simAt = lay.take(n * np * 4);
  const covAt = lay.take(np * 4);
  const k = takeKernels('dense-coverage', lay.size);
  if (!k) return null;
  const buf = k.memory.buffer;
  const sim = new Float32Array(buf, simAt, n * np);
  if (opts.gram) copyGram(opts.gram, sim, n, np);
  else buildCosineGram(k, m, xAt, simAt, dp, np, opts);
  opts.onProgress?.(1);
  const weights = opts.weights;
  let covView: Float32Array | undefined;
  let released = false;
  const live = (): void => {
    if (released) throw new Error('dense coverage used after release()');
  };
  return {
    nCandidates: n,
    nPoints: n,
    createCoverage() {
      live();
      // The padding lanes too: they enter the gain sums.
      new Float32Array(buf, covAt, np).fill(0);
      covView = new Float32Array(buf, covAt, n);
      return covView;
    },
    release() {
      if (released) return;
      released = true;
      keepKernels('dense-coverage', k);
    },
    gain(j, cov) {
      live();
      const s = weights ? weights[j]! : 1;
      if (cov === covView) return k.gain(simAt + j * np * 4, covAt, np, s);
      let g = 0;
      for (let i = 0; i < n; i++) g += Math.max(0, s * sim[j * np + i]! - cov[i]!);
      return g;
    },
    cover(j, cov) {
      live();
      const s = weights ? weights[j]! : 1;
      if (cov === covView) return k.cover(simAt + j * np * 4, covAt, np, s);
      for (let i = 0; i < n; i++) {
        const w = Math.fround(s * sim[j * np + i]!);
        if (w > cov[i]!) cov[i] = w;
      }
    },
  };
}

/** A row-major n × n Gram into the padded similarity rows (padding lanes 0). */
function copyGram(gram: Float32Array, sim: Float32Array, n: number, np: number): void {
  if (gram.length !== n * n)
    throw new RangeError(`precomputed Gram has ${gram.length} entries for ${n} rows`);
  for (let i = 0; i < n; i++) {
    sim.set(gram.subarray(i * n, i * n + n), i * np);
    if (np !== n) sim.fill(0, i * np + n, i * np + np);
  }
}

/** The clipped cosine Gram of m's rows, built in the kernels' memory at simAt (rows np apart). */
function buildCosineGram(
  k: KernelExports,
  m: Matrix,
  xAt: number,
  simAt: number,
  dp: number,
  np: number,
  opts: SimdCoverageOptions,
): void {
  const n = m.rows;
  const d = m.dim;
  const x = new Float32Array(k.memory.buffer, xAt, n * dp);
  // A reused memory holds an earlier build: the padding lanes of x must be zeroed.
  if (dp !== d) x.fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) s += m.data[i * d + q]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let q = 0; q < d; q++) x[i * dp + q] = m.data[i * d + q]! * inv;
  }
  const sim = new Float32Array(k.memory.buffer, simAt, n * np);
  if (np !== n) for (let i = 0; i < n; i++) sim.fill(0, i * np + n, i * np + np);
  // Upper triangle four rows at a time (rows i..i+3 against rows i..n−1; the few entries left
  // of the diagonal inside a block are symmetric copies), then mirrored in square tiles.
  const every = Math.max(4, Math.floor(n / 50));
  let nextCheck = 0;
  for (let i = 0; i < n;) {
    if (i + 4 <= n) {
      k.dots4Range(xAt + i * dp * 4, xAt, i, n - i, dp, simAt + (i * np + i) * 4, np * 4);
      i += 4;
    } else {
      k.dotsRange(xAt + i * dp * 4, xAt, i, n - i, dp, simAt + (i * np + i) * 4);
      i++;
    }
    if (i >= nextCheck) {
      nextCheck = i + every;
      opts.checkpoint?.();
      opts.onProgress?.((0.9 * i) / n);
    }
  }
  // Mirror: whole 4×4 blocks below the diagonal in SIMD (the diagonal blocks were computed in
  // full above), then the last n % 4 rows, which got only their upper part.
  const n4 = n - (n % 4);
  k.mirror4(simAt, n4, np);
  for (let i = n4; i < n; i++) for (let j = 0; j < i; j++) sim[i * np + j] = sim[j * np + i]!;
}
