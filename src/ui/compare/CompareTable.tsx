import { formatFraction } from '../../core/experiment/plan';
import { stat, type ReferenceRecord, type Stat, type SummaryRow } from '../../core/experiment/records';
import { verdictWord, type Verdict } from '../../core/experiment/stats';
import { ms } from '../results/format';

/**
 * "+1.2 better" etc.; a difference whose 95% interval holds 0 is greyed ("level"); one paired seed
 * has no interval, so no verdict word: "−39.3 (1 seed)", not "level" beside a large gap.
 */
function VerdictCell({ v, testId }: { v: Verdict | undefined; testId: string }) {
  if (!v) return <td className="num">–</td>;
  const d = v.diff * 100;
  const ci =
    v.ciLow === undefined || v.ciHigh === undefined
      ? `one paired seed: no interval`
      : `95% CI of the paired difference ${(v.ciLow * 100).toFixed(1)} … ${(v.ciHigh * 100).toFixed(1)} points over ${v.n} seeds`;
  return (
    <td
      className={`num verdict verdict-${v.verdict}`}
      data-testid={testId}
      data-verdict={v.verdict}
      title={`vs ${v.against}: ${ci}`}
    >
      {d >= 0 ? '+' : '−'}
      {Math.abs(d).toFixed(1)} {verdictWord(v)}
    </td>
  );
}

/** Mean with its 95% interval's half-width when there are seeds enough. */
const withCi = (s: Stat | undefined) =>
  s?.ciHigh !== undefined
    ? `95% CI ${(s.ciLow! * 100).toFixed(1)} … ${(s.ciHigh * 100).toFixed(1)}% (n = ${s.n})`
    : undefined;

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
  const settings = rows.filter((r) => r.setting);
  return (
    <>
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
            <th
              scope="col"
              className="num"
              title="Mean accuracy difference to random at this fraction, paired by seed; greyed (level) when its 95% interval holds 0"
            >
              vs random
            </th>
            <th
              scope="col"
              className="num"
              title="Against the strongest other method of the plan at this fraction (hover for which), paired by seed"
            >
              vs best other
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
                {r.setting && (
                  <span className="hint" data-testid="compare.setting" title={r.setting}>
                    {' '}
                    *
                  </span>
                )}
                {r.warnings && (
                  <span
                    className="health-badge"
                    data-testid="compare.warning"
                    data-codes={r.warnings.map((w) => w.code).join(' ')}
                    title={r.warnings
                      .map((w) => `${w.message} (${w.seeds} seed${w.seeds > 1 ? 's' : ''})`)
                      .join('\n')}
                    aria-label={`warning: ${r.warnings.map((w) => w.message).join('; ')}`}
                  >
                    ⚠ {r.warnings.length}
                  </span>
                )}
              </th>
              <td className="num">
                {r.coresetSize ? Math.round(r.coresetSize.mean).toLocaleString('en') : '–'}
              </td>
              <td className="num">
                {r.seeds}
                {r.failed ? <span className="error"> (+{r.failed} failed)</span> : null}
              </td>
              <td className="num strong" data-testid="compare.accuracy" title={withCi(r.accuracy)}>
                {pm(r.accuracy)}
              </td>
              <VerdictCell v={r.vsRandom} testId="compare.vsRandom" />
              <VerdictCell v={r.vsBaseline} testId="compare.vsBaseline" />
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
              <td className="num">–</td>
              <td className="num">–</td>
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
      {settings.length > 0 && (
        <ul className="hint" data-testid="compare.settings">
          {settings.map((r) => (
            <li key={`${r.label}|${r.fraction}`}>
              * {r.label} {formatFraction(r.fraction)} trained in its own loop: {r.setting}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
