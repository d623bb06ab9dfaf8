import { useEffect, useRef } from 'react';
import { TRAIN_SIZES, type ExperimentSpec } from '../../core/experiment/spec';
import type { ToyShape } from '../../core/data/toy';
import { SPEC_SCHEMA, numberBounds, optionLabel } from '../../core/experiment/specSchema';
import { dataKeyOf } from '../../core/data/prepare';
import { setSpec, appStore } from '../../state/store';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { ProgressBar } from '../common/ProgressBar';
import { ImportData } from './ImportData';
import { ImportSignals } from './ImportSignals';

const S = SPEC_SCHEMA;

/**
 * Dataset, training subset and corruptions; a change loads the data it describes. Labels,
 * options and bounds come from the spec schema (core/experiment/specSchema.ts).
 */
export function DatasetPanel() {
  const spec = useApp((s) => s.spec);
  const data = useApp((s) => s.data);
  const jobs = useJobs();
  const loading = data.status === 'loading';
  const isToy = spec.dataset === 'toy';
  const c = spec.corruption;
  const patchCorruption = (p: Partial<ExperimentSpec['corruption']>) =>
    setSpec(appStore, { corruption: { ...c, ...p } });
  const patchToy = (p: Partial<ExperimentSpec['toy']>) => setSpec(appStore, { toy: { ...spec.toy, ...p } });

  // Choosing data loads it: the overview, the button counts and every run then agree with the
  // settings. The toy set regenerates quickly as its sliders move; image sets wait for typing to
  // settle.
  const key = spec.dataset === 'custom' && !spec.customId ? '' : dataKeyOf(spec);
  const lastKey = useRef(key);
  useEffect(() => {
    if (!key || lastKey.current === key) return;
    lastKey.current = key;
    // A load already under way (an import, a run's own load) is waited for, then the settings
    // are checked again: only a mismatch left after it starts a load.
    let t = setTimeout(
      function check() {
        const s = appStore.getState();
        if (s.data.status === 'loading') {
          t = setTimeout(check, 300);
          return;
        }
        if (s.data.summary?.key !== dataKeyOf(s.spec)) void jobs.loadData();
      },
      isToy ? 250 : 400,
    );
    return () => clearTimeout(t);
  }, [key, isToy, jobs]);

  return (
    <section className="panel" aria-labelledby="dataset-h">
      <h2 id="dataset-h">1 · Data</h2>
      <Field id="dataset" label={S.dataset.label}>
        <select
          id="dataset"
          data-testid="dataset.select"
          value={spec.dataset}
          onChange={(e) => {
            const dataset = e.target.value as ExperimentSpec['dataset'];
            // OOD injection swaps in images of the other image set: not defined for toy or radio.
            const noOod = dataset === 'toy' || dataset === 'radio' || dataset === 'custom';
            // Back to the user's data: the last import (still in the worker) comes with it.
            const customId = dataset === 'custom' ? (jobs.lastImport()?.id ?? '') : spec.customId;
            setSpec(appStore, { dataset, customId, corruption: noOod ? { ...c, ood: 0 } : c });
          }}
        >
          {S.dataset.options.map((d) => (
            <option key={d} value={d}>
              {optionLabel(S.dataset, d)}
            </option>
          ))}
        </select>
      </Field>
      {isToy ? (
        <div className="row">
          <Field id="toy-shape" label={S['toy.shape'].label}>
            <select
              id="toy-shape"
              data-testid="dataset.toyShape"
              value={spec.toy.shape}
              onChange={(e) => patchToy({ shape: e.target.value as ToyShape })}
            >
              {S['toy.shape'].options.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field id="toy-n" label={S['toy.n'].label}>
            <NumberInput
              id="toy-n"
              value={spec.toy.n}
              {...numberBounds(S['toy.n'])}
              onChange={(n) => patchToy({ n })}
            />
          </Field>
          <Field id="toy-noise" label={`${S['toy.noise'].label} ${spec.toy.noise.toFixed(2)}`}>
            <input
              id="toy-noise"
              data-testid="dataset.toyNoise"
              type="range"
              min={S['toy.noise'].min}
              max={S['toy.noise'].max}
              step={S['toy.noise'].step}
              value={spec.toy.noise}
              onChange={(e) => patchToy({ noise: Number(e.target.value) })}
            />
          </Field>
        </div>
      ) : spec.dataset === 'custom' ? (
        <ImportData />
      ) : (
        <Field
          id="train-size"
          label={spec.dataset === 'radio' ? 'Training samples' : 'Training subset'}
          help={
            spec.dataset === 'radio'
              ? 'Generated from the seed: 7 modulations, 128 I/Q samples each, SNR drawn from −10…18 dB; tested on 4,200 sequences from another seed.'
              : 'Drawn stratified from the 60k training split; tested on the standard 10k test set.'
          }
        >
          <select
            id="train-size"
            data-testid="dataset.trainSize"
            value={spec.trainSize}
            onChange={(e) => setSpec(appStore, { trainSize: Number(e.target.value) })}
          >
            {TRAIN_SIZES.map((n) => (
              <option key={n} value={n}>
                {n === 60000 && spec.dataset !== 'radio' ? 'all 60,000' : n.toLocaleString('en')}
              </option>
            ))}
          </select>
        </Field>
      )}
      <details className="corruptions" open={c.noise > 0 || c.imbalance > 1 || c.ood > 0}>
        <summary>Corruptions (ground truth kept)</summary>
        <div className="row">
          <Field id="noise" label={S['corruption.noise'].label} help={S['corruption.noise'].help}>
            <NumberInput
              id="noise"
              testId="dataset.noise"
              value={c.noise}
              {...numberBounds(S['corruption.noise'])}
              onChange={(noise) => patchCorruption({ noise })}
            />
          </Field>
          <Field id="noise-type" label={S['corruption.noiseType'].label}>
            <select
              id="noise-type"
              value={c.noiseType}
              onChange={(e) => patchCorruption({ noiseType: e.target.value as 'symmetric' | 'asymmetric' })}
            >
              {S['corruption.noiseType'].options.map((t) => (
                <option key={t} value={t}>
                  {optionLabel(S['corruption.noiseType'], t)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field id="imbalance" label={S['corruption.imbalance'].label} help={S['corruption.imbalance'].help}>
            <NumberInput
              id="imbalance"
              testId="dataset.imbalance"
              value={c.imbalance}
              {...numberBounds(S['corruption.imbalance'])}
              onChange={(imbalance) => patchCorruption({ imbalance })}
            />
          </Field>
          {!isToy && spec.dataset !== 'radio' && spec.dataset !== 'custom' && (
            <Field
              id="ood"
              label={S['corruption.ood'].label}
              help={`images from ${spec.dataset === 'mnist' ? 'Fashion-MNIST' : 'MNIST'}`}
            >
              <NumberInput
                id="ood"
                testId="dataset.ood"
                value={c.ood}
                {...numberBounds(S['corruption.ood'])}
                onChange={(ood) => patchCorruption({ ood })}
              />
            </Field>
          )}
        </div>
      </details>
      <details className="signal-files" data-testid="signals.details">
        <summary>Embeddings and scores from your own pipeline</summary>
        <ImportSignals />
      </details>
      <div className="row actions">
        <Field id="seed" label={S.seed.label}>
          <NumberInput
            id="seed"
            testId="spec.seed"
            value={spec.seed}
            {...numberBounds(S.seed)}
            onChange={(seed) => setSpec(appStore, { seed })}
          />
        </Field>
        <button
          type="button"
          className="primary"
          data-testid="dataset.load"
          disabled={loading}
          onClick={() => void jobs.loadData()}
        >
          {loading ? 'Loading…' : 'Load data'}
        </button>
      </div>
      {loading && <ProgressBar value={data.progress?.done ?? 0} label="Loading" testId="dataset.progress" />}
      {data.error && (
        <p className="error" role="alert" data-testid="dataset.error">
          {data.error}
        </p>
      )}
    </section>
  );
}
