import { MODEL_KINDS, type ModelKind } from '../../core/experiment/spec';
import { SSL_METHODS, type SslMethod, type SslSpec } from '../../core/experiment/sslSpec';
import { retrieveConfigOf, retrieveMethod, retrieveParamsOf } from '../../core/methods/retrieve/retrieve';
import { appStore } from '../../state/store';
import { setSslCompare, setSslSetup, sslStateOf } from '../../state/ssl';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { ProgressBar } from '../common/ProgressBar';
import { ParamForm } from '../methods/ParamForm';
import { phaseLabel } from '../results/format';
import { AccuracyVsTime, ClassMix, GainHistogram, OodPerRound, SslSummary } from './SslCharts';
import { sslConclusion } from './sslConclusion';
import { ConclusionNote } from '../common/ConclusionNote';

const METHOD_LABELS: Record<SslMethod, string> = {
  retrieve: 'RETRIEVE',
  random: 'random subset (re-drawn every R epochs)',
  full: 'full unlabeled pool',
  supervised: 'supervised only (labeled set)',
};

function NumberField(props: {
  id: keyof SslSpec;
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
}) {
  const { id, label, help, ...rest } = props;
  return (
    <Field id={`ssl-${id}`} label={label} help={help}>
      <NumberInput
        id={`ssl-${id}`}
        testId={`ssl.${id}`}
        {...rest}
        onChange={(v) => setSslSetup(appStore, { [id]: v })}
      />
    </Field>
  );
}

/**
 * Semi-supervised learning with RETRIEVE: a labeled set of a few images per class, an unlabeled
 * pool with OOD images from the other dataset, and RETRIEVE against a random subset and the full
 * pool, run in sequence on the same split and overlaid.
 */
export function SslPanel() {
  const ssl = useApp(sslStateOf);
  const jobs = useJobs();
  const s = ssl.setup;
  const running = ssl.status === 'running';
  const shown = ssl.ranWith ?? s;
  const retrieveRun = ssl.runs.find((r) => r.method === 'retrieve');
  return (
    <section className="panel" aria-labelledby="ssl-h" data-testid="ssl.panel">
      <h2 id="ssl-h">Semi-supervised: RETRIEVE</h2>
      <p className="method-help">{retrieveMethod.summary}</p>
      <p className="paper">{retrieveMethod.paper}</p>
      <div className="row">
        <Field
          id="ssl-dataset"
          label="Images"
          help="Out-of-distribution (OOD) images come from the other dataset."
        >
          <select
            id="ssl-dataset"
            data-testid="ssl.dataset"
            value={s.dataset}
            onChange={(e) => setSslSetup(appStore, { dataset: e.target.value as SslSpec['dataset'] })}
          >
            <option value="mnist">MNIST (OOD: Fashion-MNIST)</option>
            <option value="fashion">Fashion-MNIST (OOD: MNIST)</option>
          </select>
        </Field>
        <Field id="ssl-model" label="Model" help="The MLP trains fastest in the browser.">
          <select
            id="ssl-model"
            data-testid="ssl.model"
            value={s.model}
            onChange={(e) => setSslSetup(appStore, { model: e.target.value as ModelKind })}
          >
            {MODEL_KINDS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        <NumberField
          id="labelsPerClass"
          label="Labeled images per class"
          help={`${s.labelsPerClass * 10} labeled images in all.`}
          value={s.labelsPerClass}
          min={1}
          max={1000}
          integer
        />
        <NumberField
          id="unlabeled"
          label="Unlabeled images (the pool U)"
          help="Images whose labels the model never sees."
          value={s.unlabeled}
          min={10}
          max={50000}
          integer
        />
      </div>
      <div className="row">
        <NumberField
          id="ood"
          label="Share of the pool that is OOD"
          help="Pool images replaced by the other dataset's: they do not belong to any class."
          value={s.ood}
          min={0}
          max={0.95}
          step={0.05}
        />
        <NumberField
          id="imbalance"
          label="Class imbalance of the pool (ρ)"
          help="Long tail N_max/N_min over U's classes (1 = none)."
          value={s.imbalance}
          min={1}
          max={1000}
        />
      </div>
      <div className="row">
        <NumberField
          id="fraction"
          label="Share of the pool used per round (f)"
          help={`${Math.max(1, Math.round(s.fraction * s.unlabeled))} unlabeled images per round.`}
          value={s.fraction}
          min={0.001}
          max={1}
          step={0.05}
        />
        <NumberField
          id="epochs"
          label="Epochs"
          help="An epoch is one pass over the unlabeled rows trained on."
          value={s.epochs}
          min={1}
          max={1000}
          integer
        />
      </div>
      <div className="row">
        <NumberField
          id="learningRate"
          label="Learning rate (η)"
          help="Adam's lr, also RETRIEVE's simulated step."
          value={s.learningRate}
          min={0.00001}
          max={1}
          step={0.001}
        />
        <NumberField
          id="seed"
          label="Seed"
          help="Same seed, same split and runs."
          value={s.seed}
          min={0}
          max={2 ** 31}
          integer
        />
      </div>
      <ParamForm
        methodId="ssl"
        specs={retrieveMethod.params}
        values={retrieveParamsOf(s)}
        onChange={(name, v) => setSslSetup(appStore, retrieveConfigOf({ ...retrieveParamsOf(s), [name]: v }))}
      />
      <fieldset className="field" data-testid="ssl.compare">
        <legend>Run and overlay</legend>
        {SSL_METHODS.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              data-testid={`ssl.compare.${m}`}
              checked={ssl.compare.includes(m)}
              onChange={(e) =>
                setSslCompare(
                  appStore,
                  e.target.checked
                    ? SSL_METHODS.filter((x) => x === m || ssl.compare.includes(x))
                    : ssl.compare.filter((x) => x !== m),
                )
              }
            />{' '}
            {METHOD_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <div className="row tight">
        <button
          type="button"
          className="primary"
          data-testid="ssl.run"
          disabled={running || !ssl.compare.length}
          onClick={() => void jobs.runSsl()}
        >
          Run {ssl.compare.length} semi-supervised run{ssl.compare.length === 1 ? '' : 's'}
        </button>
        {running && (
          <button type="button" data-testid="ssl.cancel" onClick={() => void jobs.cancelSsl()}>
            Cancel
          </button>
        )}
      </div>
      {running && ssl.progress && (
        <ProgressBar
          value={ssl.progress.done}
          label={`${METHOD_LABELS[ssl.progress.method].split(' (')[0]}: ${ssl.progress.message ?? phaseLabel(ssl.progress.phase)}`}
          testId="ssl.progress"
        />
      )}
      {ssl.status === 'failed' && ssl.error && (
        <p className="error" role="alert" data-testid="ssl.error">
          {ssl.error}
        </p>
      )}
      {ssl.status === 'cancelled' && <p className="hint">Cancelled.</p>}
      {ssl.runs.length > 0 && (
        <div data-testid="ssl.views">
          <ConclusionNote conclusion={sslConclusion(ssl.runs)} testId="ssl.conclusion" />
          <SslSummary runs={ssl.runs} />
          <AccuracyVsTime runs={ssl.runs} />
          <OodPerRound runs={ssl.runs} spec={shown} />
          <ClassMix runs={ssl.runs} spec={shown} />
          <GainHistogram run={retrieveRun} />
        </div>
      )}
    </section>
  );
}
