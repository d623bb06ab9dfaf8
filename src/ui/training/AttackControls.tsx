import { defaultStepSize, type AttackKind, type AttackSpec } from '../../core/experiment/attack';
import { SPEC_SCHEMA, numberBounds, optionLabel } from '../../core/experiment/specSchema';
import { appStore, setSpec } from '../../state/store';
import { useApp } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';

const kindField = SPEC_SCHEMA['attack.kind'];
const epsField = SPEC_SCHEMA['attack.epsilon'];
const stepsField = SPEC_SCHEMA['attack.pgdSteps'];
const stepSizeField = SPEC_SCHEMA['attack.pgdStepSize'];
const tradesField = SPEC_SCHEMA['attack.trades'];

function patchAttack(patch: Partial<AttackSpec>): void {
  const attack = appStore.getState().spec.attack;
  const next = { ...attack, ...patch };
  // While the step size follows ε/4 (the default), keep it tied to ε.
  if (patch.epsilon !== undefined && Math.abs(attack.pgdStepSize - defaultStepSize(attack.epsilon)) < 1e-12)
    next.pgdStepSize = defaultStepSize(patch.epsilon);
  setSpec(appStore, { attack: next });
}

/**
 * Adversarial evaluation of every trained model (FGSM / PGD) and TRADES training; labels,
 * options and bounds from the spec schema.
 */
export function AttackControls() {
  const a = useApp((s) => s.spec.attack);
  const pgd = a.kind === 'pgd' || a.kind === 'both';
  return (
    <details className="corruptions" open={a.kind !== 'none' || a.trades}>
      <summary>Adversarial robustness</summary>
      <div className="row">
        <Field id="attack" label={kindField.label} help={kindField.help}>
          <select
            id="attack"
            data-testid="train.attack"
            value={a.kind}
            onChange={(e) => patchAttack({ kind: e.target.value as AttackKind })}
          >
            {kindField.options.map((k) => (
              <option key={k} value={k}>
                {optionLabel(kindField, k)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="attack-eps" label={epsField.label} help={epsField.help}>
          <NumberInput
            id="attack-eps"
            testId="train.attack.epsilon"
            value={a.epsilon}
            {...numberBounds(epsField)}
            onChange={(epsilon) => patchAttack({ epsilon })}
          />
        </Field>
      </div>
      {(pgd || a.trades) && (
        <div className="row">
          <Field id="attack-steps" label={stepsField.label}>
            <NumberInput
              id="attack-steps"
              testId="train.attack.pgdSteps"
              value={a.pgdSteps}
              {...numberBounds(stepsField)}
              onChange={(pgdSteps) => patchAttack({ pgdSteps })}
            />
          </Field>
          <Field id="attack-step" label={stepSizeField.label} help={stepSizeField.help}>
            <NumberInput
              id="attack-step"
              testId="train.attack.pgdStepSize"
              value={a.pgdStepSize}
              {...numberBounds(stepSizeField)}
              onChange={(pgdStepSize) => patchAttack({ pgdStepSize })}
            />
          </Field>
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          data-testid="train.attack.trades"
          checked={a.trades}
          onChange={(e) => patchAttack({ trades: e.target.checked })}
        />{' '}
        {tradesField.label}
      </label>
    </details>
  );
}
