import { useMemo } from 'react';
import { LineChartView } from '../../charts/react/LineChartView';
import { getMethod } from '../../core/methods/registry';
import { useApp } from '../context';

/** Loss and accuracy per batch of the most recent run, live while it trains. */
export function LiveCurves() {
  // The latest run that has a curve to show (a run restored as interrupted or failed before its
  // first batch has none: an empty chart would only look broken).
  const run = useApp((s) => [...s.runs].reverse().find((r) => r.status === 'running' || r.curve.length > 0));
  const loss = useMemo(
    () => ({
      series: run ? [{ name: 'loss', x: run.curve.map((p) => p.x), y: run.curve.map((p) => p.loss) }] : [],
    }),
    [run],
  );
  const acc = useMemo(
    () => ({
      series: run
        ? [{ name: 'batch accuracy', x: run.curve.map((p) => p.x), y: run.curve.map((p) => p.accuracy) }]
        : [],
    }),
    [run],
  );
  if (!run) return null;
  const label =
    run.kind === 'full' ? 'full data' : `${getMethod(run.method!).name} ${(run.fraction! * 100).toFixed(0)}%`;
  return (
    <section className="panel" aria-labelledby="curves-h" data-testid="training.curves">
      <h2 id="curves-h">
        Training · {label} {run.status === 'running' ? '(live)' : ''}
      </h2>
      <div className="panel-grid">
        <LineChartView
          data={loss}
          options={{ xLabel: 'epoch', yLabel: 'loss', legend: false, title: 'Training loss' }}
        />
        <LineChartView
          data={acc}
          options={{
            xLabel: 'epoch',
            yLabel: 'accuracy',
            yDomain: [0, 1],
            legend: false,
            title: 'Training accuracy per batch',
          }}
        />
      </div>
    </section>
  );
}
