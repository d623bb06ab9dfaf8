/** What every PCA here takes and returns (pca, randomizedPca, the shared projection step). */
export interface PcaResult {
  k: number;
  dim: number;
  /** Row-major N × k projection of the centred rows. */
  projected: Float32Array;
  /** Row-major k × dim principal axes (unit length, decreasing variance). */
  components: Float32Array;
  mean: Float32Array;
  /** Variance along each component. */
  eigenvalues: Float64Array;
  explainedVarianceRatio: Float64Array;
  totalVariance: number;
}

export interface PcaOptions {
  /** Multiplier applied to stored values (1/255 for bytes). */
  scale?: number;
  maxRows?: number;
  iterations?: number;
  oversample?: number;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
}
