import { useMemo } from 'react';
import { BarChartView } from '../../charts/react/BarChartView';
import { HistogramView } from '../../charts/react/HistogramView';
import { LineChartView } from '../../charts/react/LineChartView';
import type { LineSeries } from '../../charts/lineChart';
import { FASHION_CLASSES, MNIST_CLASSES } from '../../core/data/dataset';
import type { SslSpec } from '../../core/experiment/sslSpec';
import type { SslRunState } from '../../state/sslTypes';
import { ms, pct } from '../results/format';

const LABELS: Record<string, string> = {
  retrieve: 'RETRIEVE',
  random: 'random subset',
  full: 'full pool',
  supervised: 'supervised only',
};
const COLORS: Record<string, string> = {
  retrieve: '#d62728',
  random: '#1f77b4',
  full: '#2ca02c',
  supervised: '#7f7f7f',
};
const pctFormat = (v: number) => `${Math.round(v * 100)}%`;

/** Test accuracy against wall-clock time (training + selection), one line per method. */
export function AccuracyVsTime({ runs }: { runs: SslRunState[] }) {
  const data = useMemo(
    () => ({
      series: runs
        .filter((r) => r.epochs.length)
        .map((r): LineSeries => ({
          name: LABELS[r.method] ?? r.method,
          color: COLORS[r.method],
          x: r.epochs.map((e) => e.elapsedMs / 1000),
          y: r.epochs.map((e) => e.testAccuracy),
        })),
    }),
    [runs],
  );
  return (
    <LineChartView
      testId="ssl.accuracyChart"
      data={data}
      options={{
        title: 'Test accuracy vs wall-clock time',
        xLabel: 'seconds (training + selection)',
        yLabel: 'test accuracy',
        yDomain: [0, 1],
        points: true,
        legend: true,
        yFormat: pctFormat,
      }}
    />
  );
}

/** OOD share of each round's subset, against the pool's share. */
export function OodPerRound({ runs, spec }: { runs: SslRunState[]; spec: SslSpec }) {
  const data = useMemo(() => {
    const subsetRuns = runs.filter((r) => r.rounds.length);
    const last = Math.max(spec.epochs, ...subsetRuns.flatMap((r) => r.rounds.map((x) => x.epoch + 1)));
    const series: LineSeries[] = subsetRuns.map((r) => ({
      name: LABELS[r.method] ?? r.method,
      color: COLORS[r.method],
      x: r.rounds.map((x) => x.epoch + 1),
      y: r.rounds.map((x) => x.oodShare),
    }));
    series.push({ name: 'pool', color: '#999', dashed: true, x: [1, last], y: [spec.ood, spec.ood] });
    return { series };
  }, [runs, spec]);
  return (
    <LineChartView
      testId="ssl.oodChart"
      data={data}
      options={{
        title: 'OOD share of the selected subset per round',
        xLabel: 'epoch the subset starts',
        yLabel: 'OOD share',
        yDomain: [0, 1],
        points: true,
        legend: true,
        yFormat: pctFormat,
      }}
    />
  );
}

/** Class mix of the latest subset of each subset method (share of the subset), OOD last. */
export function ClassMix({ runs, spec }: { runs: SslRunState[]; spec: SslSpec }) {
  const data = useMemo(() => {
    const names = [...(spec.dataset === 'mnist' ? MNIST_CLASSES : FASHION_CLASSES), 'OOD'];
    const series = runs
      .filter((r) => r.rounds.length)
      .map((r) => {
        const mix = r.rounds[r.rounds.length - 1]!.classMix;
        const total = mix.reduce((a, b) => a + b, 0) || 1;
        return {
          name: `${LABELS[r.method] ?? r.method} (round ${r.rounds.length})`,
          color: COLORS[r.method],
          values: mix.map((v) => v / total),
        };
      });
    const pool = runs.find((r) => r.result)?.result?.poolMix;
    if (pool) {
      const total = pool.reduce((a, b) => a + b, 0) || 1;
      series.push({ name: 'pool', color: '#999', values: pool.map((v) => v / total) });
    }
    return { categories: names, series };
  }, [runs, spec]);
  if (!data.series.length) return null;
  return (
    <BarChartView
      testId="ssl.classMixChart"
      data={data}
      options={{
        title: 'Class mix of the latest subset',
        yLabel: 'share of the subset',
        legend: true,
        valueFormat: pctFormat,
      }}
    />
  );
}

/** RETRIEVE's gain at each pick, one series per round. */
export function GainHistogram({ run }: { run: SslRunState | undefined }) {
  const data = useMemo(
    () => ({
      series: (run?.rounds ?? [])
        .filter((x) => x.gains?.length)
        .map((x) => ({ name: `round ${x.round + 1} (epoch ${x.epoch + 1})`, values: x.gains! })),
      bins: 30,
      markers: [{ value: 0, label: 'no gain' }],
    }),
    [run],
  );
  if (!data.series.length) return null;
  return (
    <HistogramView
      testId="ssl.gainChart"
      data={data}
      options={{
        title: 'RETRIEVE gain m_j·(G_j·v) of each pick',
        xLabel: 'gain when picked',
        yLabel: 'share of picks',
        normalize: true,
        legend: true,
      }}
    />
  );
}

/** Accuracy, time per phase and OOD share per method. */
export function SslSummary({ runs }: { runs: SslRunState[] }) {
  return (
    <table className="runs" data-testid="ssl.summary">
      <thead>
        <tr>
          <th>method</th>
          <th>status</th>
          <th>test acc.</th>
          <th>training</th>
          <th>selection (gradients + greedy)</th>
          <th>evaluation</th>
          <th>mean OOD share</th>
          <th>mask rate (last epoch)</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const last = r.epochs[r.epochs.length - 1];
          const grad = r.rounds.reduce((a, x) => a + x.gradientsMs, 0);
          const greedy = r.rounds.reduce((a, x) => a + x.greedyMs, 0);
          const ood = r.rounds.length
            ? r.rounds.reduce((a, x) => a + x.oodShare, 0) / r.rounds.length
            : undefined;
          return (
            <tr key={r.method} data-testid={`ssl.summary.${r.method}`}>
              <td>{LABELS[r.method] ?? r.method}</td>
              <td>
                {r.status}
                {r.error ? `: ${r.error}` : ''}
              </td>
              <td>{pct(last?.testAccuracy)}</td>
              <td>{ms(r.result?.timings.trainingMs ?? r.epochs.reduce((a, e) => a + e.trainMs, 0))}</td>
              <td>{r.rounds.length ? `${ms(grad + greedy)} (${ms(grad)} + ${ms(greedy)})` : '–'}</td>
              <td>{ms(r.result?.timings.evaluationMs)}</td>
              <td>{pct(ood)}</td>
              <td>{pct(last?.maskRate)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
