import {
  ATTACK_KINDS,
  defaultStepSize,
  type AttackKind,
  type AttackSpec,
} from '../../core/experiment/attack';
import { appStore, setSpec } from '../../state/store';
import { useApp } from '../context';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';

const KIND_LABELS: Record<AttackKind, string> = {
  none: 'None (clean accuracy only)',
  fgsm: 'FGSM',
  pgd: 'PGD',
  both: 'FGSM and PGD',
};

function patchAttack(patch: Partial<AttackSpec>): void {
  const attack = appStore.getState().spec.attack;
  const next = { ...attack, ...patch };
  // While the step size follows ε/4 (the default), keep it tied to ε.
  if (patch.epsilon !== undefined && Math.abs(attack.pgdStepSize - defaultStepSize(attack.epsilon)) < 1e-12)
    next.pgdStepSize = defaultStepSize(patch.epsilon);
  setSpec(appStore, { attack: next });
}

/** Adversarial evaluation of every trained model (FGSM / PGD) and TRADES training. */
export function AttackControls() {
  const a = useApp((s) => s.spec.attack);
  const pgd = a.kind === 'pgd' || a.kind === 'both';
  return (
    <details className="corruptions" open={a.kind !== 'none' || a.trades}>
      <summary>Adversarial robustness</summary>
      <div className="row">
        <Field id="attack" label="Attack after training" help="on up to 2,000 seeded test rows">
          <select
            id="attack"
            data-testid="train.attack"
            value={a.kind}
            onChange={(e) => patchAttack({ kind: e.target.value as AttackKind })}
          >
            {ATTACK_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="attack-eps" label="ε (L∞)" help="pixels in [0, 1]">
          <NumberInput
            id="attack-eps"
            testId="train.attack.epsilon"
            value={a.epsilon}
            min={0}
            max={10}
            step={0.05}
            onChange={(epsilon) => patchAttack({ epsilon })}
          />
        </Field>
      </div>
      {(pgd || a.trades) && (
        <div className="row">
          <Field id="attack-steps" label="PGD steps">
            <NumberInput
              id="attack-steps"
              testId="train.attack.pgdSteps"
              value={a.pgdSteps}
              min={1}
              max={500}
              integer
              onChange={(pgdSteps) => patchAttack({ pgdSteps })}
            />
          </Field>
          <Field id="attack-step" label="PGD step size" help="default ε/4">
            <NumberInput
              id="attack-step"
              testId="train.attack.pgdStepSize"
              value={a.pgdStepSize}
              min={0.000001}
              max={10}
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
        Train with TRADES (β = 6, inner PGD with the steps above; slower)
      </label>
    </details>
  );
}
