/** Splits row-major N × 2 points into the x / y columns the scatter chart takes. */
export function pointColumns(points: Float32Array): { x: Float32Array; y: Float32Array } {
  const n = points.length / 2;
  return {
    x: Float32Array.from({ length: n }, (_, i) => points[2 * i]!),
    y: Float32Array.from({ length: n }, (_, i) => points[2 * i + 1]!),
  };
}
