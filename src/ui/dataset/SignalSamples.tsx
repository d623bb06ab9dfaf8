import { useMemo } from 'react';
import { ConstellationGridView } from '../../charts/react/ConstellationGridView';
import type { DataSummary } from '../../state/types';

/** A few training sequences of every class drawn as I/Q constellations, one class per row. */
export function SignalSamples({ summary }: { summary: DataSummary }) {
  const length = summary.shape[0] ?? 0;
  const perClass = Math.max(1, Math.round(summary.sampleRows.length / summary.numClasses));
  const data = useMemo(
    () => ({
      values: summary.sampleSignals ?? new Float32Array(0),
      length,
      rows: summary.sampleRows.map((_, i) => i),
      ids: summary.sampleRows,
      groups: summary.sampleRows.map((r) => summary.labels[r]!),
      captions: summary.sampleRows.map((r) => {
        const snr = summary.strata ? ` ${summary.strata.names[summary.strata.of[r]!]}` : '';
        return `${summary.classNames[summary.labels[r]!]}${snr}`;
      }),
    }),
    [summary, length],
  );
  return (
    <div data-testid="dataset.signals" className="sample-grid">
      <h3>I/Q constellations by class (labels as loaded)</h3>
      <ConstellationGridView
        data={data}
        options={{
          columns: perClass,
          cell: 56,
          title: 'Sample sequences as I/Q constellations, one class per row',
        }}
      />
    </div>
  );
}
