import { getMethod } from '../../core/methods/registry';
import { appStore, removeRun } from '../../state/store';
import type { RunRecord } from '../../state/types';
import { useApp, useJobs } from '../context';
import { ProgressBar } from '../common/ProgressBar';
import { ms, pct, phaseLabel } from './format';

function describe(r: RunRecord): string {
  if (r.kind === 'full') return 'Full data';
  const name = r.method ? getMethod(r.method).name : '?';
  return `${name} ${(r.fraction! * 100).toFixed(r.fraction! < 0.1 ? 1 : 0)}%`;
}

function progressOf(r: RunRecord): { value: number; label: string } {
  const p = r.progress;
  if (!p) return { value: 0, label: 'Starting' };
  return { value: p.done < 0 ? 0 : p.done, label: phaseLabel(p.phase) };
}

/** Every run of this session, the full-data reference first, with time per phase. */
export function RunsTable() {
  const runs = useApp((s) => s.runs);
  const selected = useApp((s) => s.selectedRunId);
  const jobs = useJobs();
  if (!runs.length)
    return <p className="empty">No runs yet. Train on all data for a reference, then select a coreset and compare.</p>;
  const full = [...runs].reverse().find((r) => r.kind === 'full' && r.status === 'done');
  return (
    <table className="runs" data-testid="results.table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Data · model</th>
          <th scope="col" className="num">Kept</th>
          <th scope="col" className="num">Accuracy</th>
          <th scope="col" className="num">Worst class</th>
          <th scope="col" className="num">Δ vs full</th>
          <th scope="col" className="num">Select</th>
          <th scope="col" className="num">Train</th>
          <th scope="col" className="num">Samples/s</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const delta = full && r.metrics && full.dataKey === r.dataKey && r !== full ? r.metrics.accuracy - full.metrics!.accuracy : undefined;
          return (
            <tr
              key={r.id}
              data-testid={`results.row.${r.kind}`}
              className={r.id === selected ? 'selected' : undefined}
              onClick={() => r.kind === 'coreset' && appStore.setState({ selectedRunId: r.id })}
            >
              <th scope="row">{describe(r)}</th>
              <td>
                {r.dataName} · {r.model} · {r.epochs} ep
              </td>
              <td className="num">{r.size.toLocaleString('en')}</td>
              <td className="num strong" data-testid="results.accuracy">
                {pct(r.metrics?.accuracy)}
              </td>
              <td className="num">{pct(r.metrics?.worstClassAccuracy)}</td>
              <td className={`num ${delta === undefined ? '' : delta < 0 ? 'neg' : 'pos'}`}>
                {delta === undefined ? '–' : `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} pt`}
              </td>
              <td className="num">{r.kind === 'full' ? '–' : ms((r.timings?.selectionMs ?? 0) + (r.timings?.signalsMs ?? 0))}</td>
              <td className="num">{ms(r.timings?.trainingMs)}</td>
              <td className="num">{r.samplesPerSecond ? Math.round(r.samplesPerSecond).toLocaleString('en') : '–'}</td>
              <td className="status">
                {r.status === 'running' ? (
                  <span className="running">
                    <ProgressBar {...progressOf(r)} testId="run.progress" />
                    <button type="button" data-testid="run.cancel" onClick={() => void jobs.cancel(r.id)}>
                      Cancel
                    </button>
                  </span>
                ) : r.status === 'failed' ? (
                  <span className="error" title={r.error}>
                    failed: {r.error}
                  </span>
                ) : (
                  <span className={`status-${r.status}`}>
                    {r.status}
                    {r.status !== 'done' && (
                      <button type="button" className="link" onClick={() => removeRun(appStore, r.id)} aria-label="Remove run">
                        ×
                      </button>
                    )}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
