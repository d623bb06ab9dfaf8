import type { RunRecord } from '../../state/types';
import { pct } from './format';

/** FGSM / PGD accuracy of a run beside its clean numbers, when the run measured them. */
export function AdversarialStats({ run }: { run: RunRecord }) {
  const a = run.adversarial;
  if (!a) return null;
  const where = run.adversarialRows ? ` on ${run.adversarialRows.toLocaleString('en')} test rows` : '';
  return (
    <>
      {a.fgsm !== undefined && (
        <div className="stat" data-testid="run.fgsm">
          <b>{pct(a.fgsm)}</b>
          <span>
            FGSM accuracy (ε = {a.epsilon}
            {where})
          </span>
        </div>
      )}
      {a.pgd !== undefined && (
        <div className="stat" data-testid="run.pgd">
          <b>{pct(a.pgd)}</b>
          <span>
            PGD accuracy (ε = {a.epsilon}
            {run.spec ? `, ${run.spec.attack.pgdSteps} steps` : ''}
            {where})
          </span>
        </div>
      )}
      {run.trades && (
        <div className="stat">
          <b>TRADES</b>
          <span>robust training (β = 6)</span>
        </div>
      )}
    </>
  );
}
