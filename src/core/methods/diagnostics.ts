/**
 * Diagnostics: typed, serializable view models a method returns beside its selection.
 * The UI renders each by its `kind`, so a new method gets its views without new UI code.
 * Everything here must survive structured clone (plain objects, arrays, typed arrays).
 */
export interface HistogramSeries {
  name: string;
  /** Raw values; the renderer bins them with `bins` equal-width bins over [min, max]. */
  values: Float32Array | number[];
}
export interface HistogramDiagnostic {
  kind: 'histogram';
  title: string;
  xLabel: string;
  series: HistogramSeries[];
  bins?: number;
  /** Vertical markers such as thresholds. */
  markers?: { value: number; label: string }[];
}
export interface ClassBarsDiagnostic {
  kind: 'classBars';
  title: string;
  classNames: string[];
  series: { name: string; values: number[] }[];
  yLabel: string;
  /** What the categories are, when they are not classes (CCS: difficulty strata). */
  xLabel?: string;
}
export interface CurvesDiagnostic {
  kind: 'curves';
  title: string;
  xLabel: string;
  yLabel: string;
  series: { name: string; x: number[]; y: number[] }[];
  markers?: { x: number; y: number; label: string }[];
}
export interface ScatterDiagnostic {
  kind: 'scatter';
  title: string;
  xLabel: string;
  yLabel: string;
  x: Float32Array | number[];
  y: Float32Array | number[];
  /** Category per point (class, cluster, ...), used for colour. */
  group: Uint8Array | Int32Array | number[];
  groupNames: string[];
  /** Points drawn on top with a ring (the picks). */
  highlight?: Int32Array | number[];
  highlightLabel?: string;
}
export interface RocDiagnostic {
  kind: 'roc';
  title: string;
  curves: {
    name: string;
    fpr: number[];
    tpr: number[];
    point?: { fpr: number; tpr: number; label: string };
  }[];
}
export interface ImageRankingDiagnostic {
  kind: 'imageRanking';
  title: string;
  /** Dataset rows, best first. */
  rows: Int32Array | number[];
  scores: Float32Array | number[];
  scoreLabel: string;
}
export interface TableDiagnostic {
  kind: 'table';
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Said in the table's body when it has no rows (default "none"). */
  empty?: string;
}

export type Diagnostic =
  | HistogramDiagnostic
  | ClassBarsDiagnostic
  | CurvesDiagnostic
  | ScatterDiagnostic
  | RocDiagnostic
  | ImageRankingDiagnostic
  | TableDiagnostic;
