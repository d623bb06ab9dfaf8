/**
 * <DiagnosticView diagnostic ctx/>: any method diagnostic, drawn by its kind. Kind changes are
 * handled by the handle renderDiagnostic returns, so this only mounts, updates and unmounts it.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../core/methods/diagnostics';
import { renderDiagnostic, type DiagnosticContext } from '../diagnostics';
import type { Chart } from '../types';
import { useLiveOptions } from './liveOptions';
import { observeSize } from './useChart';

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
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<Chart<Diagnostic> | null>(null);
  const drawn = useRef<Diagnostic | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // renderDiagnostic draws on creation, so the update effect below skips this diagnostic.
    const c = renderDiagnostic(el, diagnostic, live.options);
    chart.current = c;
    drawn.current = diagnostic;
    const stop = observeSize(el, () => c.resize());
    return () => {
      stop();
      c.destroy();
      chart.current = null;
      drawn.current = null;
    };
    // The diagnostic is read at creation only; later ones go through update below.
  }, [live.key]);

  useEffect(() => {
    if (!chart.current || drawn.current === diagnostic) return;
    chart.current.update(diagnostic);
    drawn.current = diagnostic;
  }, [diagnostic]);

  return <div ref={ref} className={className} data-testid={testId} data-kind={diagnostic.kind} />;
}
