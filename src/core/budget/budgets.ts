/**
 * Budget allocation helpers, shared by the methods and the data splits
 * (docs/methods-decisions.md, "Budgets").
 * - proportional: k_c = f · N_c rounded by largest remainder so Σ k_c = k exactly;
 * - balanced: min(N_c, k / C), leftovers spread over classes that still have room;
 * - stratified: fill the smallest strata first, each min(size, remaining / strataLeft).
 */

/** Largest-remainder apportionment of `total` over `weights` with per-entry caps. */
export function largestRemainder(
  weights: readonly number[],
  total: number,
  caps?: readonly number[],
): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  const sumW = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sumW <= 0) return out;
  const exact = weights.map((w) => (w / sumW) * total);
  let given = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.floor(exact[i]!);
    given += out[i]!;
  }
  // Hand out the remaining units by largest fractional part; ties go to the lower index.
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = 0; given < total && r < order.length; r++) {
    out[order[r]![1]]! += 1;
    given++;
  }
  if (caps) return redistributeOverflow(out, weights, caps);
  return out;
}

/** Caps each entry and re-apportions the overflow by the same weights among entries with room. */
function redistributeOverflow(
  alloc: number[],
  weights: readonly number[],
  caps: readonly number[],
): number[] {
  const out = alloc.slice();
  for (let guard = 0; guard < out.length + 1; guard++) {
    let overflow = 0;
    for (let i = 0; i < out.length; i++) {
      if (out[i]! > caps[i]!) {
        overflow += out[i]! - caps[i]!;
        out[i] = caps[i]!;
      }
    }
    if (overflow === 0) return out;
    const open = out.map((v, i) => (v < caps[i]! ? weights[i]! : 0));
    if (open.every((w) => w === 0)) {
      // Weights of zero with room left: fill in index order.
      for (let i = 0; i < out.length && overflow > 0; i++) {
        const room = caps[i]! - out[i]!;
        const take = Math.min(room, overflow);
        out[i]! += take;
        overflow -= take;
      }
      return out;
    }
    const extra = largestRemainder(open, overflow);
    for (let i = 0; i < out.length; i++) out[i]! += extra[i]!;
  }
  return out;
}

export function proportionalBudgets(classCounts: readonly number[], budget: number): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  if (budget > total) throw new Error(`budget ${budget} exceeds the ${total} samples available`);
  return largestRemainder(classCounts, budget, classCounts);
}

/** Equal share per class, capped by class size; spare budget goes to classes with room. */
export function balancedBudgets(classCounts: readonly number[], budget: number): number[] {
  return stratifiedBudgets(classCounts, budget);
}

/** Smallest strata first: each gets min(size, remaining / strataLeft). Sums to min(budget, Σ sizes). */
export function stratifiedBudgets(sizes: readonly number[], budget: number): number[] {
  const order = sizes.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array<number>(sizes.length).fill(0);
  let remaining = budget;
  let left = order.length;
  for (const [size, i] of order) {
    const share = Math.min(size, Math.floor(remaining / left));
    out[i] = share;
    remaining -= share;
    left--;
  }
  // Floors can leave a few units: one more each to the largest strata with room, round by round.
  while (remaining > 0) {
    let gave = false;
    for (let r = order.length - 1; r >= 0 && remaining > 0; r--) {
      const [size, i] = order[r]!;
      if (out[i]! < size) {
        out[i]! += 1;
        remaining--;
        gave = true;
      }
    }
    if (!gave) break; // budget exceeds Σ sizes: every stratum is full
  }
  return out;
}

export function classCounts(labels: ArrayLike<number>, numClasses: number): number[] {
  const out = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) out[labels[i]!]! += 1;
  return out;
}

/** Rows of each class, in row order. */
export function rowsByClass(labels: ArrayLike<number>, numClasses: number): Int32Array[] {
  const counts = classCounts(labels, numClasses);
  const out = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    out[c]![fill[c]!++] = i;
  }
  return out;
}

export function budgetFor(fraction: number, n: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  return Math.max(1, Math.round(fraction * n));
}
