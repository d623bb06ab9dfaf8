import { useMemo } from 'react';
import { ScatterView } from '../../charts/react/ScatterView';
import type { DataSummary } from '../../state/types';

/** The 2-D toy set itself, coloured by (observed) class. */
export function ToyScatter({ summary }: { summary: DataSummary }) {
  const data = useMemo(() => {
    const pts = summary.points ?? new Float32Array(0);
    const n = pts.length / 2;
    return {
      x: Float32Array.from({ length: n }, (_, i) => pts[2 * i]!),
      y: Float32Array.from({ length: n }, (_, i) => pts[2 * i + 1]!),
      group: summary.labels,
      groupNames: summary.classNames,
    };
  }, [summary]);
  return (
    <div data-testid="dataset.toyScatter">
      <h3>Points by class</h3>
      <ScatterView data={data} className="chart tall" options={{ xLabel: 'x₁', yLabel: 'x₂', legend: true, title: 'Toy dataset' }} />
    </div>
  );
}
