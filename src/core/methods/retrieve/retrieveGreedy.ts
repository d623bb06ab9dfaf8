/**
 * RETRIEVE — coreset of the unlabeled pool for semi-supervised learning.
 * Killamsetty, Zhao, Chen, Iyer, "RETRIEVE: Coreset Selection for Efficient and Robust
 * Semi-Supervised Learning", NeurIPS 2021.
 *
 * Selection round (docs/methods-decisions.md, RETRIEVE), pure TS over typed arrays:
 * - `G_j` (C-dim) is the gradient of x_j's masked consistency loss w.r.t. its logits, `m_j` its
 *   mask (ml/ssl computes both); `v` is the mean gradient of the labeled CE w.r.t. the cached
 *   labeled logits.
 * - Stochastic greedy with ε = 0.01: each step scores ⌈(n/k)·ln(1/ε)⌉ random unpicked candidates by
 *   gain = m_j·(G_j·v), takes the best, adds G_j to the running sum s, shifts the cached labeled
 *   logits by −η·s (one simulated SGD step on the last layer's bias, the logits-only variant;
 *   η = the optimizer's lr) and recomputes v.
 * - Uniform weights (no weights on the selection).
 * Decision: logit gradients (C-dim) by default, as docs/methods-decisions.md says; the optional full last layer
 * (G_j = g_j ⊗ [h_j; 1], `gradients = lastLayer`) is offered beside it. The loop (warm start κ, re-selection every R epochs) lives in ml/ssl/loop.ts;
 * the method (params, run in a comparison) in retrieve.ts.
 */
import type { Rng } from '../../math/rng';
import { createLabeledState, type LabeledInput } from './retrieveState';
import { throwIfAborted, type AbortSignalLike } from '../abort';

/**
 * grads: row-major n × C gradients of each example's masked consistency loss w.r.t. its logits;
 * mask: m_j (0/1 for FixMatch's threshold, 1 for Mean Teacher and VAT); labeledLogits: nL × C
 * under the current model; features (optional): penultimate features of pool and labeled set,
 * which switch the gradient space to the full last layer (see retrieveState.ts).
 */
export type RetrieveInput = LabeledInput;

export interface RetrieveOptions {
  budget: number;
  /** Step size of the simulated SGD step (the optimizer's learning rate). */
  eta: number;
  /** Stochastic-greedy ε; 0 scans every candidate at every step (exact greedy). */
  epsilon: number;
  rng: Rng;
  signal?: AbortSignalLike;
  onProgress?: (done: number) => void;
}

export interface RetrieveResult {
  /** Rows of the pool in pick order. */
  picks: Int32Array;
  /** Gain of each pick at the moment it was taken (aligned with picks). */
  gains: Float32Array;
  /** Every row's gain under the initial v (before any pick). */
  initialGains: Float32Array;
  /** Mean labeled CE before and after the simulated step with the whole selection. */
  labeledLossBefore: number;
  labeledLossAfter: number;
  /** Candidates scored per step. */
  candidatesPerStep: number;
}

/**
 * Mean CE of the labeled set at logits `z − shift` (shift broadcast to every row) and its
 * gradient w.r.t. the logits averaged over rows: v = mean_i (softmax(z_i − shift) − e_{y_i}).
 */
export function labeledGradient(
  logits: Float32Array,
  labels: Uint8Array,
  C: number,
  shift?: Float64Array,
): { v: Float64Array; loss: number } {
  const nL = labels.length;
  const v = new Float64Array(C);
  const p = new Float64Array(C);
  let loss = 0;
  for (let i = 0; i < nL; i++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      p[c] = logits[i * C + c]! - (shift ? shift[c]! : 0);
      if (p[c]! > max) max = p[c]!;
    }
    let sum = 0;
    for (let c = 0; c < C; c++) {
      p[c] = Math.exp(p[c]! - max);
      sum += p[c]!;
    }
    const y = labels[i]!;
    loss += -Math.log(Math.max(p[y]! / sum, 1e-30));
    for (let c = 0; c < C; c++) v[c]! += p[c]! / sum - (c === y ? 1 : 0);
  }
  for (let c = 0; c < C; c++) v[c]! /= Math.max(1, nL);
  return { v, loss: loss / Math.max(1, nL) };
}

export function candidatesPerStep(n: number, k: number, epsilon: number): number {
  if (epsilon <= 0) return n;
  return Math.min(n, Math.max(1, Math.ceil((n / k) * Math.log(1 / epsilon))));
}

export function retrieveGreedy(input: RetrieveInput, opts: RetrieveOptions): RetrieveResult {
  const C = input.numClasses;
  const n = input.mask.length;
  if (input.grads.length !== n * C)
    throw new RangeError(`RETRIEVE: ${input.grads.length} gradient values for ${n} × ${C}`);
  if (input.labeledLogits.length !== input.labeledLabels.length * C)
    throw new RangeError('RETRIEVE: labeled logits do not match the labeled labels');
  if (input.labeledLabels.length === 0) throw new RangeError('RETRIEVE needs at least one labeled example');
  const k = Math.min(n, Math.max(0, Math.floor(opts.budget)));
  const perStep = candidatesPerStep(n, Math.max(1, k), opts.epsilon);
  const state = createLabeledState(input, opts.eta);
  const labeledLossBefore = state.loss();
  const initialGains = new Float32Array(n);
  for (let j = 0; j < n; j++) initialGains[j] = state.gain(j);
  const remaining = Int32Array.from({ length: n }, (_, i) => i);
  let left = n;
  const picks = new Int32Array(k);
  const gains = new Float32Array(k);
  for (let step = 0; step < k; step++) {
    if (opts.signal && (step & 63) === 0) throwIfAborted(opts.signal);
    const m = Math.min(perStep, left);
    // Partial Fisher–Yates over the unpicked rows: the first m are a uniform candidate sample.
    if (m < left)
      for (let t = 0; t < m; t++) {
        const u = t + opts.rng.int(left - t);
        const tmp = remaining[t]!;
        remaining[t] = remaining[u]!;
        remaining[u] = tmp;
      }
    let bestPos = 0;
    let best = -Infinity;
    for (let t = 0; t < m; t++) {
      const g = state.gain(remaining[t]!);
      if (g > best) {
        best = g;
        bestPos = t;
      }
    }
    const j = remaining[bestPos]!;
    picks[step] = j;
    gains[step] = best;
    remaining[bestPos] = remaining[left - 1]!;
    left--;
    state.add(j);
    if (opts.onProgress && (step & 63) === 63) opts.onProgress((step + 1) / k);
  }
  const labeledLossAfter = state.loss();
  opts.onProgress?.(1);
  return { picks, gains, initialGains, labeledLossBefore, labeledLossAfter, candidatesPerStep: perStep };
}
