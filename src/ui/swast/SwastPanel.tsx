import { useMemo, useState } from 'react';
import { DiagnosticView } from '../../charts/react/DiagnosticView';
import { defaultParams, type ParamValues } from '../../core/methods/params';
import { swastMethod, SWAST_PARAMS } from '../../core/methods/swast/swast';
import { warmupEpochs } from '../../core/methods/swast/swastSchedule';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { ProgressBar } from '../common/ProgressBar';
import { ParamForm } from '../methods/ParamForm';
import { ms, pct } from '../results/format';
import { SwastCurves, SwastFlopsBars, type RunEpochs } from './SwastCharts';
import { swastConclusion } from './swastConclusion';
import { ConclusionNote } from '../common/ConclusionNote';

/**
 * SWaST: weight pruning and coreset selection in one training run. Uses the data, model and
 * training settings of the panels on the left; its own params form is generated from the
 * method's schema. With "compare" it also trains the same setup without state preservation and
 * coreset-only, and overlays the three.
 */
export function SwastPanel() {
  const swast = useApp((s) => s.swast);
  const ready = useApp((s) => s.data.status === 'ready');
  const isImage = useApp((s) => (s.data.summary?.shape.length ?? 0) === 3);
  const numClasses = useApp((s) => s.data.summary?.numClasses ?? 10);
  const busy = useApp((s) => s.runs.some((r) => r.status === 'running') || s.dynamics.status === 'running');
  const spec = useApp((s) => s.spec);
  const jobs = useJobs();
  const [params, setParams] = useState<ParamValues>(() => defaultParams(SWAST_PARAMS));
  const [fraction, setFraction] = useState(0.05);
  const [compare, setCompare] = useState(true);
  const running = swast?.status === 'running';
  const outcome = swast?.outcome;
  const live = swast?.live;
  const runs: RunEpochs[] = useMemo(
    () => (outcome ? outcome.runs.map((r) => ({ run: r.name, epochs: r.result.history })) : (live ?? [])),
    [outcome, live],
  );
  const tables = swast?.outcome?.diagnostics.filter((d) => d.kind === 'table') ?? [];
  const k = warmupEpochs(spec.epochs, fraction);
  return (
    <section className="panel" aria-labelledby="swast-h" data-testid="swast.panel">
      <h2 id="swast-h">SWaST: weight pruning + coreset selection</h2>
      <p className="method-help">{swastMethod.summary}</p>
      <p className="hint">
        {spec.model.toUpperCase()}, {spec.epochs} epochs (from the training settings): warm-up on full data
        for K = ceil(T·f/2) = {k} epoch{k === 1 ? '' : 's'}, then a new subset of {pct(fraction)} every{' '}
        {String(params.every)} epochs.
      </p>
      <div className="row">
        <Field
          id="swast-fraction"
          label="Share of data trained on (f)"
          help="After the warm-up on all data, each epoch trains on this share of the samples, re-chosen by score."
        >
          <NumberInput
            id="swast-fraction"
            testId="swast.fraction"
            value={fraction}
            min={0.001}
            max={1}
            step={0.01}
            onChange={setFraction}
          />
        </Field>
        <Field
          id="swast-compare"
          label="Also run the baselines"
          help="The same run without memory (state preservation) and without pruning (coreset only), to read what each part adds."
        >
          <input
            id="swast-compare"
            data-testid="swast.compare"
            type="checkbox"
            checked={compare}
            onChange={(e) => setCompare(e.target.checked)}
          />
        </Field>
      </div>
      <ParamForm
        methodId="swast"
        specs={SWAST_PARAMS}
        values={params}
        onChange={(name, v) => setParams((p) => ({ ...p, [name]: v }))}
      />
      <div className="row tight">
        <button
          type="button"
          data-testid="swast.run"
          disabled={!ready || !isImage || busy || running}
          onClick={() => void jobs.runSwast({ params, fraction, compare })}
        >
          {compare ? 'Run SWaST and its comparison' : 'Run SWaST'}
        </button>
        {running && (
          <>
            <ProgressBar
              value={swast.progress?.done ?? 0}
              label={swast.progress?.message ?? 'Training'}
              testId="swast.progress"
            />
            <button type="button" data-testid="swast.cancel" onClick={() => void jobs.cancel('swast')}>
              Cancel
            </button>
          </>
        )}
      </div>
      {ready && !isImage && <p className="hint">SWaST needs an image dataset (MNIST or Fashion-MNIST).</p>}
      {swast?.status === 'failed' && (
        <p className="error" role="alert">
          {swast.error}
        </p>
      )}
      {swast?.status === 'cancelled' && <p className="hint">Cancelled.</p>}
      {runs.length > 0 && <SwastCurves runs={runs} epochs={spec.epochs} />}
      {swast?.outcome && (
        <>
          <ConclusionNote
            conclusion={swastConclusion(swast.outcome.runs, numClasses)}
            testId="swast.conclusion"
          />
          <div className="stats" data-testid="swast.summary">
            {swast.outcome.runs.map((r) => (
              <div className="stat" key={r.name}>
                <span className="legend-note">{r.name}</span>
                <strong>{pct(r.result.finalAccuracy)}</strong>
                <span className="legend-note">
                  FLOPs {r.result.flops.relative.toFixed(3)} × dense · {ms(r.result.timings.totalMs)}
                </span>
              </div>
            ))}
          </div>
          <div className="panel-grid">
            <SwastFlopsBars outcome={swast.outcome} />
            {tables.map((d, i) => (
              <DiagnosticView key={`${d.kind}-${i}`} diagnostic={d} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
