import { useMemo } from 'react';
import { BarChartView } from '../../charts/react/BarChartView';
import type { DataSummary } from '../../state/types';

/** Samples per stratum (the radio set's SNR histogram), beside the class counts. */
export function StrataCountsChart({ summary }: { summary: DataSummary }) {
  const strata = summary.strata;
  const data = useMemo(() => {
    if (!strata) return undefined;
    const counts = new Array<number>(strata.names.length).fill(0);
    for (const s of strata.of) counts[s]! += 1;
    return { categories: strata.names, series: [{ name: 'training', values: counts }] };
  }, [strata]);
  if (!strata || !data) return null;
  return (
    <div data-testid="dataset.strataCounts">
      <BarChartView
        data={data}
        options={{ yLabel: 'samples', title: `Samples per ${strata.name}`, legend: false }}
      />
    </div>
  );
}
