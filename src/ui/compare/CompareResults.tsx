import { memo, useMemo, useState } from 'react';
import { LineChartView } from '../../charts/react/LineChartView';
import { COMPARE_METRIC_LABELS, compareLines, type CompareMetric } from '../../charts/compareLines';
import { categoryColor } from '../../charts/theme';
import {
  byDataGroup,
  stat,
  summarize,
  type DataGroup,
  type ReferenceRecord,
  type ResultRecord,
} from '../../core/experiment/records';
import { METHODS } from '../../core/methods/registry';
import { CompareTable } from './CompareTable';

const NAMES = new Map(METHODS.map((m) => [m.id, m.name]));
/** A plan labels a method by its id unless it was given a label: the chart shows the name. */
function methodName(label: string): string {
  return NAMES.get(label) ?? label;
}

/**
 * Accuracy-vs-fraction curves (random with its band over seeds, full data dashed) and the table,
 * per data group. Memoized: it redraws when a record or reference lands, not on the panel's other updates.
 */
export const CompareResults = memo(function CompareResults({
  records,
  references,
  baselines,
}: {
  records: ResultRecord[];
  references: ReferenceRecord[];
  /** Labels the plan names as baselines (a preset's); every other method when absent. */
  baselines?: readonly string[];
}) {
  const [metric, setMetric] = useState<CompareMetric>('accuracy');
  const groups = useMemo(() => byDataGroup(records, references), [records, references]);
  // A method keeps its colour in every group and as new methods stream in.
  const colors = useMemo(
    () => new Map([...new Set(records.map((r) => r.label))].map((l, i) => [l, categoryColor(i)])),
    [records],
  );
  const adversarial = records.some((r) => r.adversarial);
  const metrics = (Object.keys(COMPARE_METRIC_LABELS) as CompareMetric[]).filter(
    (m) => adversarial || (m !== 'fgsm' && m !== 'pgd'),
  );
  return (
    <div className="compare-results">
      <div className="row tight">
        <label htmlFor="compare-metric">Curve</label>
        <select
          id="compare-metric"
          data-testid="compare.metric"
          value={metric}
          onChange={(e) => setMetric(e.target.value as CompareMetric)}
        >
          {metrics.map((m) => (
            <option key={m} value={m}>
              {COMPARE_METRIC_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      {groups.map((g) => (
        <GroupView key={g.key} group={g} metric={metric} colors={colors} baselines={baselines} />
      ))}
    </div>
  );
});

function GroupView({
  group,
  metric,
  colors,
  baselines,
}: {
  group: DataGroup;
  metric: CompareMetric;
  colors: ReadonlyMap<string, string>;
  baselines?: readonly string[];
}) {
  const rows = useMemo(() => summarize(group.records, { baselines }), [group.records, baselines]);
  const refs = group.references;
  const full = useMemo(
    () =>
      stat(refs.map((r) => (metric === 'fgsm' || metric === 'pgd' ? r.adversarial?.[metric] : r[metric])))
        ?.mean,
    [refs, metric],
  );
  const data = useMemo(
    () => compareLines(rows, { metric, full, colors, nameOf: methodName }),
    [rows, metric, full, colors],
  );
  const xs = rows.map((r) => r.fraction);
  const logX = xs.length > 0 && Math.max(...xs) / Math.min(...xs) >= 10;
  return (
    <div className="compare-group">
      <h3>
        {group.dataset} {group.trainSize.toLocaleString('en')} · {group.corruption}
      </h3>
      <LineChartView
        testId="compare.chart"
        data={data}
        options={{
          title: `${COMPARE_METRIC_LABELS[metric]} vs fraction kept`,
          xLabel: 'fraction kept',
          yLabel: COMPARE_METRIC_LABELS[metric],
          // Fitted to the data (the full-data line included): differences of a point or two matter here.
          height: 300,
          points: true,
          legend: true,
          logX,
          ariaLabel: `${COMPARE_METRIC_LABELS[metric]} against the fraction kept for ${rows
            .map((r) => r.label)
            .filter((l, i, a) => a.indexOf(l) === i)
            .join(', ')}`,
        }}
      />
      <p className="hint">
        Lines: mean over seeds; shaded: random ± one standard deviation over its seeds; dashed: the model
        trained on all
        {refs[0] ? ` ${refs[0].trainSize.toLocaleString('en')}` : ''} rows.
      </p>
      <CompareTable rows={rows} references={refs} />
    </div>
  );
}
