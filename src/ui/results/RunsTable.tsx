import { runLabel as describe } from '../../state/exports';
import { appStore } from '../../state/store';
import { useApp } from '../context';
import { ms, pct } from './format';
import { RunStatusCell } from './RunStatusCell';

/** Every run of this session, the full-data reference first, with time per phase. */
export function RunsTable() {
  const runs = useApp((s) => s.runs);
  const selected = useApp((s) => s.selectedRunId);
  if (!runs.length)
    return (
      <p className="empty">
        No runs yet. Train on all data for a reference, then select a coreset and compare.
      </p>
    );
  const full = [...runs].reverse().find((r) => r.kind === 'full' && r.status === 'done');
  // Adversarial columns appear once any run measured them (spec.attack); '–' where not measured.
  const robust = runs.some((r) => r.adversarial);
  return (
    <div className="table-scroll">
      <table className="runs" data-testid="results.table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Data · model</th>
            <th scope="col" className="num">
              Kept
            </th>
            <th scope="col" className="num">
              {robust ? 'Clean' : 'Accuracy'}
            </th>
            {robust && (
              <>
                <th scope="col" className="num">
                  FGSM
                </th>
                <th scope="col" className="num">
                  PGD
                </th>
              </>
            )}
            <th scope="col" className="num">
              Worst class
            </th>
            <th scope="col" className="num">
              Δ vs full
            </th>
            <th scope="col" className="num">
              Select
            </th>
            <th scope="col" className="num">
              Train
            </th>
            <th scope="col" className="num">
              Samples/s
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const delta =
              full && r.metrics && full.dataKey === r.dataKey && r !== full
                ? r.metrics.accuracy - full.metrics!.accuracy
                : undefined;
            return (
              <tr
                key={r.id}
                data-testid={`results.row.${r.kind}`}
                className={r.id === selected ? 'selected' : undefined}
                onClick={() => r.kind === 'coreset' && appStore.setState({ selectedRunId: r.id })}
              >
                <th scope="row">
                  {r.kind === 'coreset' && r.status === 'done' ? (
                    // Keyboard users open a run's details the same way the row click does.
                    <button
                      type="button"
                      className="row-link"
                      aria-pressed={r.id === selected}
                      data-testid="results.open"
                    >
                      {describe(r)}
                    </button>
                  ) : (
                    describe(r)
                  )}
                </th>
                <td>
                  {r.dataName} · {r.model} · {r.epochs} ep{r.trades ? ' · TRADES' : ''}
                </td>
                <td className="num">{r.size.toLocaleString('en')}</td>
                <td className="num strong" data-testid="results.accuracy">
                  {pct(r.metrics?.accuracy)}
                </td>
                {robust && (
                  <>
                    <td
                      className="num"
                      data-testid="results.fgsm"
                      title={r.adversarial ? `ε = ${r.adversarial.epsilon}` : undefined}
                    >
                      {pct(r.adversarial?.fgsm)}
                    </td>
                    <td
                      className="num"
                      data-testid="results.pgd"
                      title={r.adversarial ? `ε = ${r.adversarial.epsilon}` : undefined}
                    >
                      {pct(r.adversarial?.pgd)}
                    </td>
                  </>
                )}
                <td className="num">{pct(r.metrics?.worstClassAccuracy)}</td>
                <td className={`num ${delta === undefined ? '' : delta < 0 ? 'neg' : 'pos'}`}>
                  {delta === undefined ? '–' : `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} pt`}
                </td>
                <td
                  className="num"
                  title={
                    r.timings
                      ? `signals ${ms(r.timings.signalsMs)} · selection ${ms(r.timings.selectionMs)}`
                      : undefined
                  }
                >
                  {r.kind === 'full' ? '–' : ms((r.timings?.selectionMs ?? 0) + (r.timings?.signalsMs ?? 0))}
                </td>
                <td
                  className="num"
                  title={
                    r.timings
                      ? `training ${ms(r.timings.trainingMs)} · test ${ms(r.timings.evaluationMs)}`
                      : undefined
                  }
                >
                  {ms(r.timings?.trainingMs)}
                </td>
                <td className="num">
                  {r.samplesPerSecond ? Math.round(r.samplesPerSecond).toLocaleString('en') : '–'}
                </td>
                <td className="status">
                  <RunStatusCell run={r} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
