import { cnnInputProblem, usesColourCnn } from '../../core/data/modelInput';
import { MODEL_KINDS, type ModelKind } from '../../core/experiment/spec';
import { TRAIN_BUDGETS, TRAIN_BUDGET_HELP, type TrainBudget } from '../../core/experiment/budget';
import { appStore, setSpec } from '../../state/store';
import { useApp, useJobs } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';
import { AttackControls } from './AttackControls';
import { useDataWait } from '../dataset/useDataReady';

const MODEL_LABELS: Record<ModelKind, string> = {
  linear: 'Linear (softmax regression)',
  mlp: 'MLP · 128 hidden',
  cnn: 'Small CNN · conv16-pool-conv32-pool-dense64',
};

/** Model and optimiser settings, and training on the whole training set (the reference run). */
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
        : MODEL_LABELS.cnn;
  return (
    <section className="panel" aria-labelledby="training-h">
      <h2 id="training-h">2 · Model</h2>
      <Field id="model" label="Model">
        <select
          id="model"
          data-testid="training.model"
          value={spec.model}
          onChange={(e) => setSpec(appStore, { model: e.target.value as ModelKind })}
        >
          {MODEL_KINDS.map((m) => (
            <option key={m} value={m} disabled={(isToy || Boolean(cnnProblem)) && m === 'cnn'}>
              {m === 'cnn' ? cnnLabel : MODEL_LABELS[m]}
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
        <Field id="epochs" label="Epochs">
          <NumberInput
            id="epochs"
            testId="training.epochs"
            value={spec.epochs}
            min={1}
            max={200}
            integer
            onChange={(epochs) => setSpec(appStore, { epochs })}
          />
        </Field>
        <Field id="batch" label="Batch">
          <NumberInput
            id="batch"
            value={spec.batchSize}
            min={1}
            max={4096}
            integer
            onChange={(batchSize) => setSpec(appStore, { batchSize })}
          />
        </Field>
        <Field id="lr" label="Learning rate">
          <NumberInput
            id="lr"
            value={spec.learningRate}
            min={0.000001}
            max={1}
            onChange={(learningRate) => setSpec(appStore, { learningRate })}
          />
        </Field>
      </div>
      <Field id="train-budget" label="Coreset training budget" help={TRAIN_BUDGET_HELP[spec.trainBudget]}>
        <select
          id="train-budget"
          data-testid="training.budget"
          value={spec.trainBudget}
          onChange={(e) => setSpec(appStore, { trainBudget: e.target.value as TrainBudget })}
        >
          {TRAIN_BUDGETS.map((b) => (
            <option key={b} value={b}>
              {b === 'epochs' ? 'same epochs' : b === 'steps' ? 'same optimizer steps' : 'until converged'}
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
