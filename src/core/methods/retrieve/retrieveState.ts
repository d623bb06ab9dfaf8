/**
 * RETRIEVE's view of the labeled set during one greedy round: the gain of a candidate under the
 * current simulated step and the update after a pick. Two gradient spaces (docs/methods-decisions.md: "C-dim;
 * optional full last layer"):
 * - logits: G_j = g_j (C-dim, the logit gradient); the step moves every labeled logit by −η·s,
 *   s = Σ_picked g_j (the last layer's bias); v = mean_i (softmax(z_i') − e_{y_i}).
 * - lastLayer: G_j = g_j ⊗ h̃_j with h̃ = [h; 1] the penultimate features; the step is
 *   W' = W − η·S with S = Σ_picked g_j ⊗ h̃_j, so labeled logits become z_i − η·S h̃_i;
 *   V = mean_i r_i ⊗ h̃_i, gain = m_j·g_jᵀ V h̃_j. Kept factored: no n × C(d+1) matrix.
 */

export interface LabeledInput {
  grads: Float32Array;
  mask: Float32Array;
  labeledLogits: Float32Array;
  labeledLabels: Uint8Array;
  numClasses: number;
  /** Penultimate features of the pool (n × dim) and of the labeled set (nL × dim): lastLayer mode. */
  features?: { pool: Float32Array; labeled: Float32Array; dim: number };
}

export interface LabeledState {
  gain(j: number): number;
  /** Adds row j to the selection: updates the simulated step and the labeled gradient. */
  add(j: number): void;
  /** Mean labeled CE under the current simulated step. */
  loss(): number;
}

/** Softmax-minus-one-hot of row i of `z` into `r`; returns its CE. */
function residual(
  z: Float64Array | Float32Array,
  off: number,
  y: number,
  C: number,
  r: Float64Array,
): number {
  let max = -Infinity;
  for (let c = 0; c < C; c++) max = Math.max(max, z[off + c]!);
  let sum = 0;
  for (let c = 0; c < C; c++) {
    r[c] = Math.exp(z[off + c]! - max);
    sum += r[c]!;
  }
  const ce = -Math.log(Math.max(r[y]! / sum, 1e-30));
  for (let c = 0; c < C; c++) r[c] = r[c]! / sum - (c === y ? 1 : 0);
  return ce;
}

export function createLabeledState(input: LabeledInput, eta: number): LabeledState {
  return input.features ? lastLayerState(input, input.features, eta) : logitState(input, eta);
}

function logitState(input: LabeledInput, eta: number): LabeledState {
  const C = input.numClasses;
  const nL = input.labeledLabels.length;
  const z = Float64Array.from(input.labeledLogits);
  const v = new Float64Array(C);
  const r = new Float64Array(C);
  let ce = 0;
  const refresh = () => {
    v.fill(0);
    ce = 0;
    for (let i = 0; i < nL; i++) {
      ce += residual(z, i * C, input.labeledLabels[i]!, C, r);
      for (let c = 0; c < C; c++) v[c]! += r[c]! / nL;
    }
    ce /= nL;
  };
  refresh();
  return {
    gain(j) {
      let dot = 0;
      for (let c = 0; c < C; c++) dot += input.grads[j * C + c]! * v[c]!;
      return input.mask[j]! * dot;
    },
    add(j) {
      for (let i = 0; i < nL; i++) for (let c = 0; c < C; c++) z[i * C + c]! -= eta * input.grads[j * C + c]!;
      refresh();
    },
    loss: () => ce,
  };
}

function lastLayerState(
  input: LabeledInput,
  f: NonNullable<LabeledInput['features']>,
  eta: number,
): LabeledState {
  const C = input.numClasses;
  const nL = input.labeledLabels.length;
  const d = f.dim;
  const D = d + 1;
  if (f.pool.length !== input.mask.length * d || f.labeled.length !== nL * d)
    throw new RangeError('RETRIEVE: feature matrices do not match the pool and labeled sizes');
  const z = Float64Array.from(input.labeledLogits);
  // V is C × (d + 1), row-major; the last column is the bias.
  const V = new Float64Array(C * D);
  const r = new Float64Array(C);
  let ce = 0;
  const hL = (i: number, t: number) => (t === d ? 1 : f.labeled[i * d + t]!);
  const refresh = () => {
    V.fill(0);
    ce = 0;
    for (let i = 0; i < nL; i++) {
      ce += residual(z, i * C, input.labeledLabels[i]!, C, r);
      for (let c = 0; c < C; c++) {
        const rc = r[c]! / nL;
        if (rc === 0) continue;
        const row = c * D;
        for (let t = 0; t < d; t++) V[row + t]! += rc * f.labeled[i * d + t]!;
        V[row + d]! += rc;
      }
    }
    ce /= nL;
  };
  refresh();
  return {
    gain(j) {
      let total = 0;
      for (let c = 0; c < C; c++) {
        const g = input.grads[j * C + c]!;
        if (g === 0) continue;
        const row = c * D;
        let vh = V[row + d]!;
        for (let t = 0; t < d; t++) vh += V[row + t]! * f.pool[j * d + t]!;
        total += g * vh;
      }
      return input.mask[j]! * total;
    },
    add(j) {
      // z_i −= η·g_j·(h̃_j · h̃_i): the rank-one change of S applied to every labeled row.
      for (let i = 0; i < nL; i++) {
        let k = 1;
        for (let t = 0; t < d; t++) k += f.pool[j * d + t]! * hL(i, t);
        const step = eta * k;
        for (let c = 0; c < C; c++) z[i * C + c]! -= step * input.grads[j * C + c]!;
      }
      refresh();
    },
    loss: () => ce,
  };
}
