import { formatFraction } from '../../core/experiment/plan';
import { stat, type ReferenceRecord, type Stat, type SummaryRow } from '../../core/experiment/records';
import { ms } from '../results/format';

const pm = (s: Stat | undefined) =>
  s === undefined
    ? '–'
    : s.n > 1
      ? `${(s.mean * 100).toFixed(1)} ± ${(s.std * 100).toFixed(1)}%`
      : `${(s.mean * 100).toFixed(1)}%`;

/** Signed duration: a coreset that cost more than it saved shows "−1.20 s". */
const signedMs = (v: number | undefined) => (v === undefined ? '–' : v < 0 ? `−${ms(-v)}` : ms(v));

/** Mean ± std per method × fraction, with cost against the full-data model. */
export function CompareTable({ rows, references }: { rows: SummaryRow[]; references: ReferenceRecord[] }) {
  const adversarial = rows.some((r) => r.fgsm || r.pgd);
  const noisy = rows.some((r) => r.noisyKeptShare);
  const ood = rows.some((r) => r.oodKeptShare);
  const full = stat(references.map((r) => r.accuracy));
  const fullMs = stat(references.map((r) => r.trainingMs));
  const fullWorst = stat(references.map((r) => r.worstClassAccuracy));
  return (
    <table className="runs compare-table" data-testid="compare.table">
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col" className="num">
            Kept
          </th>
          <th scope="col" className="num">
            Seeds
          </th>
          <th scope="col" className="num">
            Accuracy
          </th>
          <th scope="col" className="num">
            Worst class
          </th>
          {adversarial && (
            <th scope="col" className="num">
              FGSM / PGD
            </th>
          )}
          {noisy && (
            <th
              scope="col"
              className="num"
              title="Share of the injected mislabeled rows that the coreset kept (random keeps about the fraction)"
            >
              Noisy kept
            </th>
          )}
          {ood && (
            <th scope="col" className="num" title="Share of the injected OOD rows that the coreset kept">
              OOD kept
            </th>
          )}
          <th
            scope="col"
            className="num"
            title="Signals (training-dynamics run, embeddings) plus the method's selection"
          >
            Select
          </th>
          <th scope="col" className="num">
            Train
          </th>
          <th
            scope="col"
            className="num"
            title="Full-data training time minus coreset training, signals and selection"
          >
            Net saved
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.label}|${r.fraction}`}
            data-testid="compare.row"
            data-method={r.method}
            data-fraction={r.fraction}
          >
            <th scope="row">
              {r.label} {formatFraction(r.fraction)}
            </th>
            <td className="num">
              {r.coresetSize ? Math.round(r.coresetSize.mean).toLocaleString('en') : '–'}
            </td>
            <td className="num">
              {r.seeds}
              {r.failed ? <span className="error"> (+{r.failed} failed)</span> : null}
            </td>
            <td className="num strong" data-testid="compare.accuracy">
              {pm(r.accuracy)}
            </td>
            <td className="num">{pm(r.worstClassAccuracy)}</td>
            {adversarial && (
              <td className="num">
                {pm(r.fgsm)} / {pm(r.pgd)}
              </td>
            )}
            {noisy && <td className="num">{pm(r.noisyKeptShare)}</td>}
            {ood && <td className="num">{pm(r.oodKeptShare)}</td>}
            <td className="num">{ms((r.signalsMs?.mean ?? 0) + (r.selectionMs?.mean ?? 0))}</td>
            <td className="num">{ms(r.trainingMs?.mean)}</td>
            <td className={`num ${r.netSavedMs && r.netSavedMs.mean < 0 ? 'neg' : 'pos'}`}>
              {signedMs(r.netSavedMs?.mean)}
            </td>
          </tr>
        ))}
        {full && (
          <tr data-testid="compare.full" className="full-row">
            <th scope="row">full data</th>
            <td className="num">{references[0]?.trainSize.toLocaleString('en')}</td>
            <td className="num">{full.n}</td>
            <td className="num strong">{pm(full)}</td>
            <td className="num">{pm(fullWorst)}</td>
            {adversarial && (
              <td className="num">
                {pm(stat(references.map((x) => x.adversarial?.fgsm)))} /{' '}
                {pm(stat(references.map((x) => x.adversarial?.pgd)))}
              </td>
            )}
            {noisy && <td className="num">100%</td>}
            {ood && <td className="num">100%</td>}
            <td className="num">–</td>
            <td className="num">{ms(fullMs?.mean)}</td>
            <td className="num">–</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
