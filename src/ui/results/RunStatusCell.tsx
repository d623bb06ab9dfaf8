import { appStore, removeRun } from '../../state/store';
import type { RunRecord } from '../../state/types';
import { ProgressBar } from '../common/ProgressBar';
import { useApp, useJobs } from '../context';
import { phaseLabel } from './format';

function progressOf(r: RunRecord): { value: number; label: string } {
  const p = r.progress;
  if (!p) return { value: 0, label: 'Starting' };
  return { value: p.done < 0 ? 0 : p.done, label: phaseLabel(p.phase) };
}

/** A run's state with what can be done about it: cancel while it runs, retry when it did not finish. */
export function RunStatusCell({ run }: { run: RunRecord }) {
  const jobs = useJobs();
  const busy = useApp((s) => s.runs.some((r) => r.status === 'running' || r.status === 'queued'));
  if (run.status === 'running')
    return (
      <span className="running">
        <ProgressBar {...progressOf(run)} testId="run.progress" />
        <button type="button" data-testid="run.cancel" onClick={() => void jobs.cancel(run.id)}>
          Cancel
        </button>
      </span>
    );
  if (run.status === 'queued')
    return (
      <span className="status-queued running" data-testid="run.status" data-status="queued">
        queued
        <button type="button" data-testid="run.cancel" onClick={() => void jobs.cancel(run.id)}>
          Cancel
        </button>
      </span>
    );
  const retryable = run.status !== 'done' && run.spec !== undefined;
  return (
    <span className={`status-${run.status}`} data-testid="run.status" data-status={run.status}>
      <span>
        {run.status}
        {run.error && <small className="run-error">{run.error}</small>}
      </span>
      {retryable && (
        <button
          type="button"
          className="small"
          data-testid="run.retry"
          title={busy ? 'Run this setup again after the runs in progress' : 'Run this setup again'}
          onClick={(e) => {
            e.stopPropagation();
            void jobs.retry(run.id);
          }}
        >
          Retry
        </button>
      )}
      {run.status !== 'done' && (
        <button
          type="button"
          className="link"
          data-testid="run.remove"
          onClick={(e) => {
            e.stopPropagation();
            removeRun(appStore, run.id);
          }}
          aria-label="Remove run"
        >
          ×
        </button>
      )}
    </span>
  );
}
