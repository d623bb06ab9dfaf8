import { useMemo, useState } from 'react';
import { BarChartView } from '../../charts/react/BarChartView';
import { diffSelections, labelLookup } from '../../core/experiment/diff';
import { runLabel } from '../../state/exports';
import type { RunRecord } from '../../state/types';
import { ExportableChart } from '../common/ExportableChart';
import { Field } from '../common/Field';
import { useApp } from '../context';
import { DiffGrids } from './DiffGrids';

function RunPicker({
  id,
  label,
  runs,
  value,
  onChange,
}: {
  id: string;
  label: string;
  runs: RunRecord[];
  value?: string;
  onChange: (id: string) => void;
}) {
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        data-testid={id.replace('-', '.')}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      >
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {runLabel(r)} · seed {r.seed} · {r.dataName} · {new Date(r.startedAt).toLocaleTimeString('en-GB')}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Two coresets side by side: how much they overlap (Jaccard), how their differences fall across
 * classes, and the images only one of them kept.
 */
export function CoresetDiff() {
  const all = useApp((s) => s.runs);
  const selectedId = useApp((s) => s.selectedRunId);
  const summary = useApp((s) => s.data.summary);
  const runs = useMemo(
    () => all.filter((r) => r.kind === 'coreset' && r.status === 'done' && r.indices),
    [all],
  );
  const [pickA, setA] = useState<string>();
  const [pickB, setB] = useState<string>();
  const a = runs.find((r) => r.id === pickA) ?? runs.find((r) => r.id === selectedId) ?? runs.at(-1);
  const b = runs.find((r) => r.id === pickB) ?? [...runs].reverse().find((r) => r !== a);
  const sameData = a && b && a.dataKey === b.dataKey;
  const diff = useMemo(() => {
    if (!a || !b || !sameData) return undefined;
    const useSummary = summary?.key === a.dataKey;
    const names = a.classNames ?? (useSummary ? summary.classNames : undefined) ?? [];
    const labelOf =
      a.keptLabels && b.keptLabels
        ? labelLookup(
            { indices: a.indices!, labels: a.keptLabels },
            { indices: b.indices!, labels: b.keptLabels },
          )
        : useSummary
          ? (r: number) => summary.labels[r] ?? -1
          : () => -1;
    return { names, d: diffSelections(a.indices!, b.indices!, labelOf, names.length) };
  }, [a, b, sameData, summary]);
  const bars = useMemo(
    () =>
      diff && {
        categories: diff.names,
        series: [
          { name: 'only in A', values: diff.d.perClass.onlyA },
          { name: 'only in B', values: diff.d.perClass.onlyB },
          { name: 'in both', values: diff.d.perClass.both },
        ],
      },
    [diff],
  );
  if (runs.length < 2) return null;
  const nameA = a ? runLabel(a) : '';
  const nameB = b ? runLabel(b) : '';
  return (
    <section className="panel" aria-labelledby="diff-h" data-testid="diff.panel">
      <h2 id="diff-h">Coreset diff</h2>
      <div className="row">
        <RunPicker id="diff-a" label="Coreset A" runs={runs} value={a?.id} onChange={setA} />
        <RunPicker id="diff-b" label="Coreset B" runs={runs} value={b?.id} onChange={setB} />
      </div>
      {!sameData ? (
        <p className="hint">
          These runs used different data, so their row numbers do not name the same samples.
        </p>
      ) : a === b ? (
        <p className="hint">Pick two different runs.</p>
      ) : (
        diff && (
          <>
            <div className="stats">
              <div className="stat">
                <b data-testid="diff.jaccard">{diff.d.jaccard.toFixed(3)}</b>
                <span>Jaccard overlap |A∩B| / |A∪B|</span>
              </div>
              <div className="stat">
                <b data-testid="diff.both">{diff.d.both.toLocaleString('en')}</b>
                <span>kept by both</span>
              </div>
              <div className="stat">
                <b data-testid="diff.onlyA">{diff.d.onlyA.length.toLocaleString('en')}</b>
                <span>only in A</span>
              </div>
              <div className="stat">
                <b data-testid="diff.onlyB">{diff.d.onlyB.length.toLocaleString('en')}</b>
                <span>only in B</span>
              </div>
            </div>
            {bars && bars.categories.length > 0 && (
              <div data-testid="diff.classBars">
                <ExportableChart name={`Diff per class ${nameA} vs ${nameB}`}>
                  <BarChartView
                    data={bars}
                    options={{
                      yLabel: 'samples',
                      title: 'Where the two coresets differ, per class',
                      legend: true,
                    }}
                  />
                </ExportableChart>
              </div>
            )}
            {summary?.key === a!.dataKey && !summary.points ? (
              <DiffGrids
                onlyA={diff.d.onlyA}
                onlyB={diff.d.onlyB}
                nameA={nameA}
                nameB={nameB}
                summary={summary}
              />
            ) : summary?.key !== a!.dataKey ? (
              <p className="legend-note">Load this data again to see the images only one coreset kept.</p>
            ) : null}
          </>
        )
      )}
    </section>
  );
}
