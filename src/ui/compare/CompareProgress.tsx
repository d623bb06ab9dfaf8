import { comparisonOf } from '../../state/compare';
import { useApp } from '../context';
import { ProgressBar } from '../common/ProgressBar';
import { phaseLabel } from '../results/format';

/**
 * The running plan's progress bar. It subscribes to the progress alone, so the ~20 progress
 * reports a second re-render this bar, not the comparison panel with its form and charts.
 */
export function CompareProgress() {
  const running = useApp((s) => comparisonOf(s).status === 'running');
  const p = useApp((s) => comparisonOf(s).progress);
  if (!running || !p) return null;
  return (
    <ProgressBar
      value={p.overall}
      label={`${Math.min(p.cell + 1, p.cells)}/${p.cells} ${p.label} · ${p.message ?? phaseLabel(p.phase)}`}
      testId="compare.progress"
    />
  );
}
