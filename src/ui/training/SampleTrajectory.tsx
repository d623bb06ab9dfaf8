import { useMemo } from 'react';
import { LineChartView } from '../../charts/react/LineChartView';
import type { DataSummary } from '../../state/types';

/** One sample's true-class probability over the recorded epochs, with its right/wrong marks. */
export function SampleTrajectory({
  row,
  summary,
  trueProb,
  correct,
  epochs,
}: {
  row: number;
  summary: DataSummary;
  trueProb: Float32Array;
  correct: Uint8Array;
  epochs: number;
}) {
  const n = summary.n;
  const data = useMemo(() => {
    const x = Array.from({ length: epochs }, (_, t) => t + 1);
    return {
      series: [{ name: 'p(true class)', x, y: x.map((t) => trueProb[(t - 1) * n + row]!) }],
      markers: x
        .filter((t) => correct[(t - 1) * n + row] === 0)
        .map((t) => ({ x: t, y: trueProb[(t - 1) * n + row]!, label: '✗' })),
    };
  }, [row, n, trueProb, correct, epochs]);
  const bits = Array.from({ length: epochs }, (_, t) => (correct[t * n + row] ? '✓' : '✗')).join(' ');
  return (
    <div data-testid="signals.trajectory">
      <h3>
        Sample {row} · label {summary.classNames[summary.labels[row]!]}
        {summary.truth.noisyMask?.[row] ? ' · injected noise' : ''} · per epoch: {bits}
      </h3>
      <LineChartView
        data={data}
        options={{
          xLabel: 'epoch',
          yLabel: 'p(true class)',
          yDomain: [0, 1],
          legend: false,
          title: `Trajectory of sample ${row}`,
        }}
      />
    </div>
  );
}
