import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { expandPlan, formatFraction, planBaselines, planCost } from '../../core/experiment/plan';
import { PRESETS, getPreset } from '../../core/experiment/presets';
import { TRAIN_BUDGET_HELP } from '../../core/experiment/budget';
import { recordsCsv } from '../../core/experiment/csv';
import { METHODS } from '../../core/methods/registry';
import { comparisonOf, planOf, setCompareSetup } from '../../state/compare';
import type { CompareSetup } from '../../state/compareTypes';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { appStore } from '../../state/store';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { downloadFile } from '../common/download';
import { ms } from '../results/format';
import { CompareProgress } from './CompareProgress';
import { CompareResults } from './CompareResults';

function parseFractions(text: string): number[] | string {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length) return 'give at least one fraction';
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !(values[i]! > 0 && values[i]! <= 1));
  if (bad !== undefined) return `"${bad}" is not a fraction in (0, 1]`;
  if (new Set(values).size !== values.length) return 'a fraction repeats';
  return values;
}

/** Trainings per preset: fixed plans, expanded once rather than on every render. */
let presetCells: Map<string, number> | undefined;
function presetCellCount(id: string): number {
  presetCells ??= new Map(PRESETS.map((x) => [x.id, planCost(expandPlan(x.plan)).cells]));
  return presetCells.get(id) ?? 0;
}

/** The comparison slice without its progress (CompareProgress shows that). */
function withoutProgress(s: Parameters<typeof comparisonOf>[0]) {
  const { progress: _progress, ...rest } = comparisonOf(s);
  return rest;
}

/** The size of the custom plan in words, or why it cannot run. */
function planSummary(spec: ExperimentSpec, setup: CompareSetup): string {
  try {
    const e = expandPlan(planOf(spec, setup));
    const c = planCost(e);
    return `${c.cells} coreset trainings + ${c.references} full-data reference${c.references === 1 ? '' : 's'}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Methods side by side: pick methods (either kind), fractions and seeds (on the data, model and
 * corruption set up on the left) or a paper preset, run the plan in the worker and watch the
 * accuracy-vs-fraction curves and the table fill in as each cell finishes.
 */
export function ComparePanel() {
  // Progress ticks do not re-render the panel (CompareProgress subscribes to them).
  const c = useApp(useShallow(withoutProgress));
  const spec = useApp((s) => s.spec); // the plan summary follows the app's setup
  const summary = useMemo(() => planSummary(spec, c.setup), [spec, c.setup]);
  const dataName = useApp((s) => s.data.summary?.name);
  const jobs = useJobs();
  const running = c.status === 'running';
  const [fractionText, setFractionText] = useState(c.setup.fractions.join(', '));
  const parsed = parseFractions(fractionText);
  const preset = c.presetId ? getPreset(c.presetId) : undefined;
  const baselines = useMemo(() => planBaselines(c.plan), [c.plan]);
  return (
    <section className="panel" aria-labelledby="compare-h" data-testid="compare.panel">
      <h2 id="compare-h">Compare methods</h2>
      <p className="hint">
        Runs every chosen method at every fraction and seed on {dataName ?? 'the data set up on the left'}{' '}
        with the model, epochs and coreset training budget of step 2 (now:{' '}
        {TRAIN_BUDGET_HELP[spec.trainBudget]}), plus one full-data reference per seed. In-training methods run
        their own training loop with their default parameters; their rows are marked * and name the setting
        they trained in.
      </p>
      <fieldset className="field compare-methods">
        <legend>Methods</legend>
        {METHODS.map((m) => (
          <label key={m.id} className="check" title={m.summary}>
            <input
              type="checkbox"
              data-testid={`compare.method.${m.id}`}
              checked={c.setup.methods.includes(m.id)}
              disabled={running}
              onChange={(e) =>
                setCompareSetup(appStore, {
                  methods: e.target.checked
                    ? METHODS.map((x) => x.id).filter((id) => id === m.id || c.setup.methods.includes(id))
                    : c.setup.methods.filter((id) => id !== m.id),
                })
              }
            />{' '}
            {m.name}
            {m.kind === 'in-training' && <small className="hint"> (in-training, {m.setting}) *</small>}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field
          id="compare-fractions"
          label="Fractions kept"
          help={typeof parsed === 'string' ? undefined : parsed.map(formatFraction).join(', ')}
        >
          <input
            id="compare-fractions"
            data-testid="compare.fraction"
            type="text"
            value={fractionText}
            disabled={running}
            aria-invalid={typeof parsed === 'string' ? true : undefined}
            onChange={(e) => {
              setFractionText(e.target.value);
              const v = parseFractions(e.target.value);
              if (typeof v !== 'string') setCompareSetup(appStore, { fractions: v });
            }}
          />
          {typeof parsed === 'string' && <small className="field-error">{parsed}</small>}
        </Field>
        <Field id="compare-seeds" label="Seeds" help="Seed, seed + 1, …">
          <NumberInput
            id="compare-seeds"
            testId="compare.seeds"
            value={c.setup.seeds}
            min={1}
            max={10}
            integer
            onChange={(seeds) => setCompareSetup(appStore, { seeds })}
          />
        </Field>
      </div>
      <p className="hint" data-testid="compare.size">
        {summary}
      </p>
      <div className="row tight">
        <button
          type="button"
          className="primary"
          data-testid="compare.run"
          disabled={running || typeof parsed === 'string' || !c.setup.methods.length}
          onClick={() => void jobs.runComparison()}
        >
          Compare {c.setup.methods.length} method{c.setup.methods.length === 1 ? '' : 's'}
        </button>
        {running && (
          <button type="button" data-testid="compare.cancel" onClick={() => void jobs.cancelComparison()}>
            Cancel
          </button>
        )}
      </div>
      <details className="compare-presets">
        <summary>
          Paper presets (each paper's headline setting in miniature; runs its own data and model)
        </summary>
        <ul>
          {PRESETS.map((x) => (
            <li key={x.id}>
              <button
                type="button"
                className="small"
                data-testid={`compare.preset.${x.id}`}
                disabled={running}
                onClick={() => void jobs.runPreset(x.id)}
              >
                Run
              </button>{' '}
              {x.name} <small className="hint">({presetCellCount(x.id)} trainings)</small>
            </li>
          ))}
        </ul>
      </details>
      <CompareProgress />
      {c.status === 'failed' && c.error && (
        <p className="error" role="alert" data-testid="compare.error">
          {c.error}
        </p>
      )}
      {c.status === 'cancelled' && (
        <p className="hint">Cancelled; {c.records.length} finished cells are kept below.</p>
      )}
      {c.status === 'done' && (
        <p className="hint" data-testid="compare.status">
          Done: {c.records.length} cells in {ms(c.totalMs)}.
        </p>
      )}
      {preset && (
        <div className="method-help" data-testid="compare.claim">
          <p>
            <strong>Paper reported:</strong> {preset.claim}
          </p>
          <p>
            <strong>Look at:</strong> {preset.lookAt}
          </p>
          <p className="paper">{preset.paper}</p>
        </div>
      )}
      {c.skipped.map((s) => (
        <p key={s.label} className="notice-inline" data-testid="compare.skipped">
          Not run: <strong>{s.label}</strong> — {s.reason}
        </p>
      ))}
      {c.errors.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
      {c.records.length > 0 && (
        <>
          <CompareResults records={c.records} references={c.references} baselines={baselines} />
          <button
            type="button"
            className="small"
            data-testid="compare.csv"
            onClick={() =>
              downloadFile({
                name: `comparison-${c.presetId ?? 'custom'}.csv`,
                type: 'text/csv',
                text: recordsCsv(c.records),
              })
            }
          >
            Download CSV (one row per cell)
          </button>
        </>
      )}
    </section>
  );
}
