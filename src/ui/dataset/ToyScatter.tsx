import { pointColumns } from '../common/points';
import { useMemo } from 'react';
import { ScatterView } from '../../charts/react/ScatterView';
import type { DataSummary } from '../../state/types';

/** The 2-D toy set itself, coloured by (observed) class. */
export function ToyScatter({ summary }: { summary: DataSummary }) {
  const data = useMemo(() => {
    return {
      ...pointColumns(summary.points ?? new Float32Array(0)),
      group: summary.labels,
      groupNames: summary.classNames,
    };
  }, [summary]);
  return (
    <div data-testid="dataset.toyScatter">
      <ScatterView
        data={data}
        className="chart tall"
        options={{ xLabel: 'x₁', yLabel: 'x₂', legend: true, title: 'Points by class' }}
      />
    </div>
  );
}
