import { useMemo } from 'react';
import { BarChartView } from '../../charts/react/BarChartView';
import { LineChartView } from '../../charts/react/LineChartView';
import type { SwastEpochReport } from '../../core/methods/swast/swastSchedule';
import type { SwastState } from '../../state/types';

type SwastOutcomeDto = NonNullable<SwastState['outcome']>;

export interface RunEpochs {
  run: string;
  epochs: SwastEpochReport[];
}

/** A run with state preservation is drawn solid, without dashed (same colour family by order). */
const dashed = (run: string) => !run.endsWith('+sp');

/**
 * Test accuracy and weight density per epoch, one line per run (SWaST with and without state
 * preservation, coreset-only), overlaid; live while the job runs.
 */
export function SwastCurves({ runs, epochs }: { runs: RunEpochs[]; epochs: number }) {
  const accuracy = useMemo(
    () => ({
      series: runs.map((r) => ({
        name: r.run,
        x: r.epochs.map((e) => e.epoch + 1),
        y: r.epochs.map((e) => e.testAccuracy),
        dashed: dashed(r.run),
      })),
    }),
    [runs],
  );
  const density = useMemo(
    () => ({
      series: runs.map((r) => ({
        name: r.run,
        x: r.epochs.map((e) => e.epoch + 1),
        y: r.epochs.map((e) => e.density),
        dashed: dashed(r.run),
      })),
    }),
    [runs],
  );
  // One epoch is one point: centred, not at the left end of an axis running to a second epoch.
  const xDomain: [number, number] = epochs > 1 ? [1, epochs] : [0.5, 1.5];
  return (
    <div className="panel-grid">
      <LineChartView
        testId="swast.accuracy"
        data={accuracy}
        options={{
          title: 'Test accuracy per epoch',
          xLabel: 'epoch',
          yLabel: 'accuracy',
          yDomain: [0, 1],
          xDomain,
          xIntegers: true,
          points: true,
          legend: true,
        }}
      />
      <LineChartView
        testId="swast.density"
        data={density}
        options={{
          title: 'Weight density per epoch',
          xLabel: 'epoch',
          yLabel: 'density',
          yDomain: [0, 1],
          xDomain,
          xIntegers: true,
          points: true,
          legend: true,
        }}
      />
    </div>
  );
}

/** Theoretical training FLOPs of every run beside dense full-data training (= 1). */
export function SwastFlopsBars({ outcome }: { outcome: SwastOutcomeDto }) {
  const data = useMemo(
    () => ({
      categories: [...outcome.runs.map((r) => r.name), 'dense full data'],
      series: [
        { name: 'training', values: [...outcome.runs.map((r) => r.result.flops.relativeTraining), 1] },
        {
          name: 'training + selection passes',
          values: [...outcome.runs.map((r) => r.result.flops.relative), 1],
        },
      ],
    }),
    [outcome],
  );
  return (
    <BarChartView
      testId="swast.flops"
      data={data}
      options={{
        title: 'Training FLOPs relative to dense full data',
        yLabel: 'FLOPs / dense full',
        valueFormat: (v) => v.toFixed(2),
        height: 340,
      }}
    />
  );
}
