/**
 * <DiagnosticView diagnostic ctx/>: any method diagnostic, drawn by its kind. Kind changes are
 * handled by the handle renderDiagnostic returns, so this only mounts, updates and unmounts it.
 */
import type { Diagnostic } from '../../core/methods/diagnostics';
import { renderDiagnostic, type DiagnosticContext } from '../diagnosticChart';
import { useLiveOptions } from './liveOptions';
import { useChart } from './useChart';

export interface DiagnosticViewProps {
  diagnostic: Diagnostic;
  ctx?: DiagnosticContext;
  className?: string;
  testId?: string;
}

export function DiagnosticView({
  diagnostic,
  ctx = {},
  className = 'chart diagnostic',
  testId,
}: DiagnosticViewProps) {
  const live = useLiveOptions(ctx);
  // renderDiagnostic draws the diagnostic it is created with; later ones go through update.
  const { ref } = useChart((el, first) => renderDiagnostic(el, first, live.options), diagnostic, [live.key], {
    drawsOnCreate: true,
  });
  return <div ref={ref} className={className} data-testid={testId} data-kind={diagnostic.kind} />;
}
