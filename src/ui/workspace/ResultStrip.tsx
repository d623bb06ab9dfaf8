import { runLabel } from '../../state/exports';
import { appStore } from '../../state/store';
import type { RunRecord } from '../../state/types';
import { useApp } from '../context';
import { pct, phaseLabel } from '../results/format';
import { ProgressBar } from '../common/ProgressBar';
import { showView } from './viewStore';

function latest(runs: RunRecord[]): RunRecord | undefined {
  return runs.at(-1);
}

/**
 * The answer to the last thing asked, always in view at the top of the workspace: the newest
 * run with its progress, then its accuracy and how far it is from the full-data reference.
 */
export function ResultStrip() {
  const run = useApp((s) => latest(s.runs));
  const full = useApp((s) =>
    [...s.runs].reverse().find((r) => r.kind === 'full' && r.status === 'done' && r.dataKey === run?.dataKey),
  );
  if (!run)
    return (
      <div className="result-strip empty-strip" data-testid="result.strip" role="status">
        No runs yet: train on all data for a reference, or select a coreset and train on it.
      </div>
    );
  const acc = run.metrics?.accuracy;
  const delta = full && full !== run && acc !== undefined ? acc - full.metrics!.accuracy : undefined;
  return (
    <div className="result-strip" data-testid="result.strip" role="status" aria-live="polite">
      <span className="result-label">
        <b>{runLabel(run)}</b> · {run.dataName} · {run.size.toLocaleString('en')} samples
      </span>
      {run.status === 'done' ? (
        <>
          <span className="result-acc" data-testid="result.accuracy">
            {pct(acc)} <small>test accuracy</small>
          </span>
          {delta !== undefined && (
            <span className={delta < 0 ? 'neg' : 'pos'} data-testid="result.delta">
              {delta >= 0 ? '+' : ''}
              {(delta * 100).toFixed(1)} pt vs full data ({pct(full!.metrics!.accuracy)})
            </span>
          )}
          {run.kind === 'coreset' && (
            <button
              type="button"
              className="small"
              data-testid="result.open"
              onClick={() => {
                appStore.setState({ selectedRunId: run.id });
                showView('runs');
                document.getElementById('details-h')?.scrollIntoView({ block: 'start' });
              }}
            >
              Why these samples?
            </button>
          )}
        </>
      ) : (
        <span className="result-status">
          {run.status === 'running' ? (
            <ProgressBar
              value={Math.max(0, run.progress?.done ?? 0)}
              label={run.progress ? phaseLabel(run.progress.phase) : 'Starting'}
            />
          ) : (
            <span className={`status-${run.status}`}>
              {run.status}
              {run.error ? `: ${run.error}` : ''}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
