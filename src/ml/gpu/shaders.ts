/**
 * WGSL sources of the GPU similarity kernels (raw WebGPU, no tfjs).
 *
 * dotTile: out[i·outStride + j] = x[rowStart + i] · x[colStart + j] for a rows × cols tile, one
 * TILE × TILE output tile per 16 × 16 workgroup (4 × 4 per thread, strided so neighbouring
 * threads touch neighbouring columns), the K dimension staged through workgroup memory in
 * slices of K_SLICE; optional max(0, ·).
 *
 * topK: one thread per (row, segment of columns) of a tile keeps the best k keys of its segment
 * in a private sorted list (key = dot for cosine, 2·dot − ‖col‖² for squared euclidean, which
 * orders columns by distance from the row), skipping the row itself when asked; ties keep the
 * lower column (columns are scanned in order, insertion is strict).
 */
import { K_SLICE, TILE, TOPK_GROUP } from './plan';

const PER = TILE / 16;

export const DOT_TILE_WGSL = /* wgsl */ `
struct Params {
  rowStart: u32, rows: u32, colStart: u32, cols: u32,
  dim: u32, clip: u32, outStride: u32, pad: u32,
}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> outTile: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

var<workgroup> As: array<array<f32, ${TILE}>, ${K_SLICE}>;
var<workgroup> Bs: array<array<f32, ${TILE}>, ${K_SLICE}>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let r0 = wid.y * ${TILE}u;
  let c0 = wid.x * ${TILE}u;
  let tid = lid.y * 16u + lid.x;
  var acc: array<array<f32, ${PER}>, ${PER}>;
  for (var k0 = 0u; k0 < p.dim; k0 += ${K_SLICE}u) {
    for (var q = 0u; q < ${(TILE * K_SLICE) / 256}u; q++) {
      let e = tid + q * 256u;
      let r = e / ${K_SLICE}u;
      let kk = e % ${K_SLICE}u;
      let gk = k0 + kk;
      var va = 0.0;
      var vb = 0.0;
      if (gk < p.dim) {
        if (r0 + r < p.rows) { va = x[(p.rowStart + r0 + r) * p.dim + gk]; }
        if (c0 + r < p.cols) { vb = x[(p.colStart + c0 + r) * p.dim + gk]; }
      }
      As[kk][r] = va;
      Bs[kk][r] = vb;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${K_SLICE}u; kk++) {
      var a: array<f32, ${PER}>;
      var b: array<f32, ${PER}>;
      for (var i = 0u; i < ${PER}u; i++) {
        a[i] = As[kk][lid.y + 16u * i];
        b[i] = Bs[kk][lid.x + 16u * i];
      }
      for (var i = 0u; i < ${PER}u; i++) {
        for (var j = 0u; j < ${PER}u; j++) {
          acc[i][j] = acc[i][j] + a[i] * b[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${PER}u; i++) {
    let r = r0 + lid.y + 16u * i;
    if (r >= p.rows) { continue; }
    for (var j = 0u; j < ${PER}u; j++) {
      let c = c0 + lid.x + 16u * j;
      if (c >= p.cols) { continue; }
      var v = acc[i][j];
      if (p.clip != 0u) { v = max(v, 0.0); }
      outTile[r * p.outStride + c] = v;
    }
  }
}
`;

/** The top-K kernel for lists of `k` (the private arrays need a constant size). */
export function topKWgsl(k: number): string {
  return /* wgsl */ `
struct Params {
  rowStart: u32, rows: u32, colStart: u32, cols: u32,
  segLen: u32, segs: u32, euclid: u32, skipSelf: u32,
  candStride: u32, candOffset: u32, pad0: u32, pad1: u32,
}
@group(0) @binding(0) var<storage, read> tile: array<f32>;
@group(0) @binding(1) var<storage, read> norms: array<f32>;
@group(0) @binding(2) var<storage, read_write> candV: array<f32>;
@group(0) @binding(3) var<storage, read_write> candI: array<i32>;
@group(0) @binding(4) var<uniform> p: Params;

const K = ${k}u;
const LOWEST = -3.4028234e38;

@compute @workgroup_size(${TOPK_GROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let t = gid.x;
  if (t >= p.rows * p.segs) { return; }
  let r = t / p.segs;
  let s = t % p.segs;
  var bv: array<f32, K>;
  var bi: array<i32, K>;
  for (var q = 0u; q < K; q++) { bv[q] = LOWEST; bi[q] = -1; }
  let c1 = min(p.cols, (s + 1u) * p.segLen);
  let me = p.rowStart + r;
  for (var c = s * p.segLen; c < c1; c++) {
    let gc = p.colStart + c;
    if (p.skipSelf != 0u && gc == me) { continue; }
    let d = tile[r * p.cols + c];
    var key = d;
    if (p.euclid != 0u) { key = 2.0 * d - norms[gc]; }
    if (bi[K - 1u] >= 0 && key <= bv[K - 1u]) { continue; }
    var q = K - 1u;
    while (q > 0u && (bi[q - 1u] < 0 || bv[q - 1u] < key)) {
      bv[q] = bv[q - 1u];
      bi[q] = bi[q - 1u];
      q--;
    }
    bv[q] = key;
    bi[q] = i32(gc);
  }
  let o = r * p.candStride + p.candOffset + s * K;
  for (var q = 0u; q < K; q++) {
    candV[o + q] = bv[q];
    candI[o + q] = bi[q];
  }
}
`;
}
