/**
 * dotTile (core/math/distances.ts) on the SIMD kernels: A and B rows are copied into one scratch
 * memory padded to whole f32x4 vectors, four A rows at a time are swept against the B rows,
 * and the results are copied out. The copies cost (na + nb)·d + na·nb against na·nb·d
 * multiply-adds, so small tiles stay on the plain loop (the caller decides).
 */
import { layout, scratchKernels } from './simd';

export function simdDotTile(
  A: Float32Array,
  aOff: number,
  na: number,
  B: Float32Array,
  bOff: number,
  nb: number,
  d: number,
  out: Float32Array,
  oOff: number,
  oStride: number,
): boolean {
  const dp = Math.ceil(d / 4) * 4;
  const lay = layout();
  const aAt = lay.take(na * dp * 4);
  const bAt = lay.take(nb * dp * 4);
  const rowAt = lay.take(4 * nb * 4);
  const k = scratchKernels(lay.size);
  if (!k) return false;
  const buf = k.memory.buffer;
  const a = new Float32Array(buf, aAt, na * dp);
  const b = new Float32Array(buf, bAt, nb * dp);
  if (dp === d) {
    a.set(A.subarray(aOff, aOff + na * d));
    b.set(B.subarray(bOff, bOff + nb * d));
  } else {
    // Padding lanes must be zero: the scratch memory may hold an earlier call's data.
    a.fill(0);
    b.fill(0);
    for (let i = 0; i < na; i++) a.set(A.subarray(aOff + i * d, aOff + i * d + d), i * dp);
    for (let j = 0; j < nb; j++) b.set(B.subarray(bOff + j * d, bOff + j * d + d), j * dp);
  }
  const rows = new Float32Array(buf, rowAt, 4 * nb);
  // Four A rows per sweep of B (each B load feeds four of them), the rest one at a time.
  let i = 0;
  for (; i + 4 <= na; i += 4) {
    k.dots4Range(aAt + i * dp * 4, bAt, 0, nb, dp, rowAt, nb * 4);
    for (let r = 0; r < 4; r++) out.set(rows.subarray(r * nb, r * nb + nb), oOff + (i + r) * oStride);
  }
  for (; i < na; i++) {
    k.dotsRange(aAt + i * dp * 4, bAt, 0, nb, dp, rowAt);
    out.set(rows.subarray(0, nb), oOff + i * oStride);
  }
  return true;
}
