import { cnnInputProblem, usesColourCnn } from '../../core/data/modelInput';
import type { ModelKind } from '../../core/experiment/spec';
import { TRAIN_BUDGET_HELP, type TrainBudget } from '../../core/experiment/budget';
import { SPEC_SCHEMA, numberBounds, optionLabel } from '../../core/experiment/specSchema';
import { appStore, setSpec } from '../../state/store';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { AttackControls } from './AttackControls';
import { useDataWait } from '../dataset/useDataReady';

const {
  model: modelField,
  epochs: epochsField,
  batchSize: batchField,
  learningRate: lrField,
  trainBudget: budgetField,
} = SPEC_SCHEMA;

/**
 * Model and optimiser settings, and training on the whole training set (the reference run).
 * Labels, options and bounds come from the spec schema (core/experiment/specSchema.ts).
 */
export function TrainingPanel() {
  const spec = useApp((s) => s.spec);
  const data = useApp((s) => s.data);
  const running = useApp((s) => s.runs.some((r) => r.status === 'running'));
  const jobs = useJobs();
  const wait = useDataWait();
  const ready = wait === undefined;
  const isToy = spec.dataset === 'toy';
  const shape = data.summary?.shape ?? [];
  // Images smaller than the CNN's pooling needs: said here, before a run fails on them.
  const cnnProblem = cnnInputProblem(shape);
  const cnnLabel =
    spec.dataset === 'radio'
      ? '1-D CNN · conv32k7-pool-conv64k5-pool-mean-dense64'
      : usesColourCnn(shape)
        ? 'Colour CNN · VGG-style 2×conv32-pool-2×conv64-pool-conv128-pool-mean-dense128'
        : optionLabel(modelField, 'cnn');
  return (
    <section className="panel" aria-labelledby="training-h">
      <h2 id="training-h">2 · Model</h2>
      <Field id="model" label={modelField.label}>
        <select
          id="model"
          data-testid="training.model"
          value={spec.model}
          onChange={(e) => setSpec(appStore, { model: e.target.value as ModelKind })}
        >
          {modelField.options.map((m) => (
            <option key={m} value={m} disabled={(isToy || Boolean(cnnProblem)) && m === 'cnn'}>
              {m === 'cnn' ? cnnLabel : optionLabel(modelField, m)}
              {isToy && m === 'cnn' ? ' (images only)' : ''}
              {cnnProblem && m === 'cnn' ? ' (images too small)' : ''}
            </option>
          ))}
        </select>
      </Field>
      {cnnProblem && spec.model === 'cnn' && (
        <p className="error" role="alert" data-testid="training.cnnProblem">
          Runs will fail: {cnnProblem}.
        </p>
      )}
      <div className="row">
        <Field id="epochs" label={epochsField.label}>
          <NumberInput
            id="epochs"
            testId="training.epochs"
            value={spec.epochs}
            {...numberBounds(epochsField)}
            onChange={(epochs) => setSpec(appStore, { epochs })}
          />
        </Field>
        <Field id="batch" label={batchField.label}>
          <NumberInput
            id="batch"
            value={spec.batchSize}
            {...numberBounds(batchField)}
            onChange={(batchSize) => setSpec(appStore, { batchSize })}
          />
        </Field>
        <Field id="lr" label={lrField.label}>
          <NumberInput
            id="lr"
            value={spec.learningRate}
            {...numberBounds(lrField)}
            onChange={(learningRate) => setSpec(appStore, { learningRate })}
          />
        </Field>
      </div>
      <Field id="train-budget" label={budgetField.label} help={TRAIN_BUDGET_HELP[spec.trainBudget]}>
        <select
          id="train-budget"
          data-testid="training.budget"
          value={spec.trainBudget}
          onChange={(e) => setSpec(appStore, { trainBudget: e.target.value as TrainBudget })}
        >
          {budgetField.options.map((b) => (
            <option key={b} value={b}>
              {optionLabel(budgetField, b)}
            </option>
          ))}
        </select>
      </Field>
      <AttackControls />
      <button
        type="button"
        className="primary"
        data-testid="training.train"
        disabled={!ready}
        onClick={() => void jobs.trainFull()}
      >
        {!ready
          ? wait
          : `${running ? 'Queue: t' : 'T'}rain on all ${data.summary!.n.toLocaleString('en')} samples`}
      </button>
      <p className="hint">
        The full-data run (the epochs above over every row) is the reference every coreset is compared with.
      </p>
    </section>
  );
}
