/**
 * <DiagnosticView diagnostic ctx/>: any method diagnostic, drawn by its kind. Kind changes are
 * handled by the handle renderDiagnostic returns, so this only mounts, updates and unmounts it.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../core/methods/diagnostics';
import { renderDiagnostic, type DiagnosticContext } from '../diagnostics';
import type { Chart } from '../types';
import { useLiveOptions } from './liveOptions';
import { attachChart } from '../hostSize';

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
  const latest = useRef(diagnostic);
  useEffect(() => {
    latest.current = diagnostic;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Created at the host's laid-out size (hostSize.ts); renderDiagnostic draws on creation,
    // so the update effect below skips that diagnostic.
    const stop = attachChart(
      el,
      () => {
        chart.current = renderDiagnostic(el, latest.current, live.options);
        drawn.current = latest.current;
      },
      () => chart.current?.resize(),
    );
    return () => {
      stop();
      chart.current?.destroy();
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
