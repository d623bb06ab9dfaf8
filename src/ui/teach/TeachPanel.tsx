import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { LineChartView } from '../../charts/react/LineChartView';
import { TeachChartView } from '../../charts/react/TeachChartView';
import type { TeachChartData } from '../../charts/teachChart';
import type { TeachMethod, TeachResult } from '../../core/methods/stepThrough';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';

const METHODS: { id: TeachMethod; label: string; help: string }[] = [
  {
    id: 'kcenter',
    label: 'k-Center greedy',
    help: 'Each pick is the point farthest from everything kept so far; the disks show the covering radius.',
  },
  {
    id: 'facility-location',
    label: 'Facility location',
    help: 'Each pick adds the most coverage (similarity to the closest pick, summed over all points); faint points are poorly covered.',
  },
  {
    id: 'subzero',
    label: 'SubZeroCore',
    help: 'Facility location with every pick’s coverage scaled by its density weight (point size): typical-density points are preferred over outliers and crowded cores.',
  },
];

const PLAY_MS = 700;

/**
 * Greedy selection one pick at a time on the toy 2-D set: the learner steps through k-center,
 * facility location or SubZeroCore and sees each pick, what it covers and its marginal gain.
 */
export function TeachPanel() {
  const summary = useApp((s) => s.data.summary);
  const jobs = useJobs();
  const [method, setMethod] = useState<TeachMethod>('facility-location');
  const [budget, setBudget] = useState(10);
  const [gamma, setGamma] = useState(0.6);
  const [result, setResult] = useState<TeachResult>();
  const [error, setError] = useState<string>();
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const points = summary?.points;
  const key = summary?.key;

  useEffect(() => {
    if (!points) return;
    let live = true;
    jobs
      .teachSteps(method, budget, method === 'subzero' ? gamma : undefined)
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(undefined);
        setStep(0);
        setPlaying(false);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [jobs, key, points, method, budget, gamma]);

  const total = result?.steps.length ?? 0;
  useEffect(() => {
    if (!playing || step >= total) return;
    const t = setTimeout(() => {
      setStep(Math.min(total, step + 1));
      if (step + 1 >= total) setPlaying(false);
    }, PLAY_MS);
    return () => clearTimeout(t);
  }, [playing, step, total]);

  const chart = useMemo(
    () => (result ? chartData(result, step, summary?.classNames ?? []) : undefined),
    [result, step, summary],
  );
  const gains = useMemo(() => {
    if (!result) return undefined;
    const x = result.steps.map((_, t) => t + 1);
    const cur = result.steps[step - 1];
    return {
      series: [{ name: result.gainLabel, x, y: result.steps.map((s) => s.gain) }],
      markers: cur ? [{ x: step, y: cur.gain, label: `step ${step}` }] : [],
    };
  }, [result, step]);

  if (!points || !summary) return null;
  const maxBudget = Math.min(100, summary.n);
  const cur = result?.steps[step - 1];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight') setStep((s) => Math.min(total, s + 1));
    else if (e.key === 'ArrowLeft') setStep((s) => Math.max(0, s - 1));
    else if (e.key === 'Home') setStep(0);
    else return;
    e.preventDefault();
  };
  const info = METHODS.find((m) => m.id === method)!;
  return (
    <section className="panel" aria-labelledby="teach-h" data-testid="teach.panel">
      <h2 id="teach-h">Step through greedy selection</h2>
      <p className="hint">{info.help}</p>
      <div className="row tight">
        <Field id="teach-method" label="Method">
          <select
            id="teach-method"
            data-testid="teach.method"
            value={method}
            onChange={(e) => setMethod(e.target.value as TeachMethod)}
          >
            {METHODS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="teach-budget" label="Picks">
          <NumberInput
            id="teach-budget"
            testId="teach.budget"
            value={budget}
            min={1}
            max={maxBudget}
            integer
            onChange={setBudget}
          />
        </Field>
        {method === 'subzero' && (
          <Field id="teach-gamma" label="γ (coverage target)">
            <NumberInput
              id="teach-gamma"
              testId="teach.gamma"
              value={gamma}
              min={0.05}
              max={0.95}
              step={0.05}
              onChange={setGamma}
            />
          </Field>
        )}
      </div>
      <div className="row tight" role="group" aria-label="Step controls">
        <button
          type="button"
          data-testid="teach.back"
          disabled={step === 0}
          onClick={() => setStep((s) => Math.max(0, s - 1))}
        >
          ◀ Back
        </button>
        <button
          type="button"
          data-testid="teach.step"
          disabled={!result || step >= total}
          onClick={() => setStep((s) => Math.min(total, s + 1))}
        >
          Step ▶
        </button>
        <button
          type="button"
          data-testid="teach.play"
          aria-pressed={playing}
          disabled={!result || (step >= total && !playing)}
          onClick={() => setPlaying((p) => !p)}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          data-testid="teach.reset"
          disabled={step === 0}
          onClick={() => {
            setPlaying(false);
            setStep(0);
          }}
        >
          Reset
        </button>
      </div>
      <p className="legend-note" aria-live="polite" data-testid="teach.status">
        {!result
          ? 'Computing the greedy steps…'
          : cur
            ? `Step ${step} of ${total}: kept point ${result.rows[cur.pick]} (class ${summary.classNames[result.labels[cur.pick]!] ?? '?'}), ` +
              `gain ${cur.gain.toFixed(3)}, ${result.objectiveLabel} ${cur.objective.toFixed(3)}` +
              (result.weights ? `, density weight ${result.weights[cur.pick]!.toFixed(2)}` : '')
            : `Nothing kept yet: ${total} greedy picks ready` +
              (result.k !== undefined ? ` (K = ${result.k} neighbours for the density radius)` : '') +
              '. Use Step, Play, or the arrow keys on the plot.'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {chart && gains && (
        <div className="panel-grid">
          <div
            tabIndex={0}
            onKeyDown={onKey}
            aria-keyshortcuts="ArrowLeft ArrowRight Home"
            aria-label="Selection plot (arrow keys step)"
          >
            <TeachChartView
              data={chart}
              className="chart tall"
              testId="teach.chart"
              options={{ title: info.label, xLabel: 'x₁', yLabel: 'x₂' }}
            />
          </div>
          <LineChartView
            data={gains}
            testId="teach.gains"
            options={{
              title: 'Marginal gain per step',
              xLabel: 'step',
              yLabel: 'gain',
              points: true,
              legend: false,
            }}
          />
        </div>
      )}
    </section>
  );
}

function chartData(r: TeachResult, step: number, classNames: string[]): TeachChartData {
  const picks = r.steps.slice(0, step).map((s) => s.pick);
  const cur = r.steps[step - 1];
  let coverage: Float32Array | undefined;
  if (cur) {
    if (r.method === 'kcenter') {
      // Distances → opacity: the first step's largest distance is "not covered at all".
      const scale = Math.max(1e-9, r.steps[0]!.objective);
      coverage = Float32Array.from(cur.coverage, (d) => 1 - Math.min(1, d / scale));
    } else coverage = cur.coverage;
  }
  return {
    x: r.x,
    y: r.y,
    group: r.labels,
    groupNames: classNames,
    picks,
    assign: cur?.assign,
    coverage,
    weights: r.weights,
    regionRadius: cur ? (r.method === 'kcenter' ? cur.objective : r.bandwidth) : undefined,
    regionLabel: r.method === 'kcenter' ? 'covering radius' : 'kernel bandwidth h',
  };
}
