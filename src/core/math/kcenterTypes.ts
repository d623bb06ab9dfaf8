/** What k-center greedy takes and returns (kcenter.ts; its SIMD step, kcenterSimd.ts). */
export interface KCenterResult {
  /** Rows of m in pick order. */
  picks: Int32Array;
  /** Covering radius max_i min_{c∈S} ‖x_i − c‖ after each pick (non-increasing). */
  radius: Float64Array;
  /** Final squared distance of every row to its nearest centre. */
  minSqDist: Float64Array;
  /** Index (into picks) of each row's nearest centre. */
  assign: Int32Array;
  /** Distance evaluations actually computed (for the benchmark). */
  evaluations: number;
}

export interface KCenterOptions {
  /** First centre (a row of m). */
  first: number;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
}
