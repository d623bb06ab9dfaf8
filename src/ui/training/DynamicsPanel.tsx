import { useMemo, useState } from 'react';
import { DiagnosticView } from '../../charts/react/DiagnosticView';
import { SampleTrajectory } from './SampleTrajectory';
import { useApp, useJobs } from '../context';
import { ProgressBar } from '../common/ProgressBar';
import { ms } from '../results/format';

/**
 * The shared training-dynamics record (the signal forgetting, EL2N, AUM, CCS and friends read):
 * recorded once per data, model and seed, then drawn as a data map, learning curves per class and
 * forgetting events.
 */
export function DynamicsPanel() {
  const dyn = useApp((s) => s.dynamics);
  const dataKey = useApp((s) => s.data.summary?.key);
  const ready = useApp((s) => s.data.status === 'ready');
  const busy = useApp((s) => s.runs.some((r) => r.status === 'running'));
  const spec = useApp((s) => s.spec);
  const summary = useApp((s) => s.data.summary);
  const jobs = useJobs();
  const [hover, setHover] = useState<number | null>(null);
  const ctx = useMemo(() => ({ onHoverRow: (r: number | null) => r !== null && setHover(r) }), []);
  const stale = dyn.status === 'done' && dyn.dataKey !== dataKey;
  return (
    <section className="panel" aria-labelledby="dynamics-h" data-testid="signals.panel">
      <h2 id="dynamics-h">Training dynamics</h2>
      <p className="hint">
        One run of the {spec.model.toUpperCase()} for {spec.epochs} epochs with a pass over the training set
        after every epoch; score-based methods reuse it (cached per data, model and seed).
      </p>
      <div className="row tight">
        <button
          type="button"
          data-testid="signals.record"
          disabled={!ready || busy || dyn.status === 'running'}
          onClick={() => void jobs.trainingDynamics()}
        >
          {dyn.status === 'done' && !stale
            ? 'Record again with the current settings'
            : 'Record training dynamics'}
        </button>
        {dyn.status === 'running' && (
          <>
            <ProgressBar value={dyn.progress?.done ?? 0} label="Recording" testId="signals.progress" />
            <button type="button" onClick={() => void jobs.cancel('dynamics')}>
              Cancel
            </button>
          </>
        )}
      </div>
      {dyn.status === 'failed' && (
        <p className="error" role="alert">
          {dyn.error}
        </p>
      )}
      {dyn.status === 'cancelled' && <p className="hint">Cancelled.</p>}
      {dyn.status === 'done' && dyn.diagnostics && (
        <>
          <p className="legend-note" data-testid="signals.summary">
            {dyn.epochs} epochs recorded {dyn.cached ? '(from the cache)' : `in ${ms(dyn.ms)}`}
            {stale ? ' — for data that is no longer loaded' : ''}
          </p>
          <div className="panel-grid">
            {dyn.diagnostics.map((d, i) => (
              <div key={`${d.kind}-${i}`}>
                <DiagnosticView diagnostic={d} ctx={ctx} />
              </div>
            ))}
          </div>
          {!stale && summary && dyn.trueProb && dyn.correct && dyn.epochs ? (
            hover !== null && hover < summary.n ? (
              <SampleTrajectory
                row={hover}
                summary={summary}
                trueProb={dyn.trueProb}
                correct={dyn.correct}
                epochs={dyn.epochs}
              />
            ) : (
              <p className="legend-note">Hover a point of the data map to see that sample's trajectory.</p>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
