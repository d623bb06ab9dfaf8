import { METHODS, getMethod } from '../../core/methods/registry';
import { defaultParams } from '../../core/methods/params';
import { SPEC_SCHEMA, numberBounds } from '../../core/experiment/specSchema';
import { InTrainingMethodError, isInTraining } from '../../core/methods/inTraining';
import { appStore, setSpec } from '../../state/store';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { ParamForm } from './ParamForm';
import { useDataWait } from '../dataset/useDataReady';

/** Method choice, its generated parameter form and help, the fraction, and Run. */
export function MethodPanel() {
  const spec = useApp((s) => s.spec);
  const data = useApp((s) => s.data);
  const running = useApp((s) => s.runs.some((r) => r.status === 'running'));
  const jobs = useJobs();
  const wait = useDataWait();
  const ready = wait === undefined;
  const method = getMethod(spec.method);
  const n = data.summary?.n ?? 0;
  const k = Math.max(1, Math.round(spec.fraction * n));
  // HyperCore's adaptive mode keeps every sample inside its class's threshold: the fraction
  // does not set the size, so the button must not promise a count.
  const adaptive = method.id === 'hypercore' && spec.params.mode === 'adaptive';
  return (
    <section className="panel" aria-labelledby="methods-h">
      <h2 id="methods-h">4 · Coreset</h2>
      <Field id="method" label="Method">
        <select
          id="method"
          data-testid="methods.select"
          value={spec.method}
          onChange={(e) =>
            setSpec(appStore, {
              method: e.target.value,
              params: defaultParams(getMethod(e.target.value).params),
            })
          }
        >
          {/* In-training methods select inside their own loop: Compare and their own panels run them, not a plain selection. */}
          {METHODS.filter((m) => !isInTraining(m) || m.id === spec.method).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="method-help" data-testid="methods.help">
        <p>{method.summary}</p>
        <p className="paper">{method.paper}</p>
        {isInTraining(method) && <p role="note">{new InTrainingMethodError(method).message}</p>}
      </div>
      <ParamForm
        methodId={method.id}
        specs={method.params}
        values={spec.params}
        onChange={(name, value) => setSpec(appStore, { params: { ...spec.params, [name]: value } })}
      />
      <Field
        id="fraction"
        label={`Keep ${(spec.fraction * 100).toFixed(spec.fraction < 0.1 ? 1 : 0)}%`}
        help={
          adaptive
            ? 'adaptive mode: the size follows from the per-class thresholds, not from this fraction'
            : n
              ? `${k.toLocaleString('en')} of ${n.toLocaleString('en')} samples`
              : undefined
        }
      >
        <div className="row tight">
          <input
            type="range"
            aria-label="Fraction kept (slider)"
            min={0.01}
            max={SPEC_SCHEMA.fraction.max}
            step={SPEC_SCHEMA.fraction.step}
            value={spec.fraction}
            onChange={(e) => setSpec(appStore, { fraction: Number(e.target.value) })}
          />
          <NumberInput
            id="fraction"
            testId="methods.fraction"
            value={spec.fraction}
            {...numberBounds(SPEC_SCHEMA.fraction)}
            onChange={(fraction) => setSpec(appStore, { fraction })}
          />
        </div>
      </Field>
      <button
        type="button"
        className="primary"
        data-testid={`methods.${method.id}.run`}
        disabled={!ready || isInTraining(method)}
        onClick={() => void jobs.runCoreset()}
      >
        {!ready
          ? wait
          : adaptive
            ? `${running ? 'Queue: ' : ''}Select with ${method.name} (it sets the size) and train`
            : `${running ? 'Queue: ' : ''}Select ${k.toLocaleString('en')} with ${method.name} and train`}
      </button>
    </section>
  );
}
