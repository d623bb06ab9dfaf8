import { useMemo } from 'react';
import { BarChartView } from '../../charts/react/BarChartView';
import type { DataSummary } from '../../state/types';

/** Samples per class in the training subset (and the test set), so imbalance is visible at once. */
export function ClassCountsChart({ summary }: { summary: DataSummary }) {
  const data = useMemo(
    () => ({
      categories: summary.classNames,
      series: [{ name: 'training', values: summary.classCounts }],
    }),
    [summary],
  );
  return (
    <div data-testid="dataset.classCounts">
      <BarChartView data={data} options={{ yLabel: 'samples', title: 'Samples per class', legend: false }} />
    </div>
  );
}
