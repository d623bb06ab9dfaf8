/** Display formatting shared by the results views. */
export function pct(v: number | undefined, digits = 1): string {
  return v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(digits)}%`;
}

export function ms(v: number | undefined): string {
  if (v === undefined) return '–';
  if (v < 1) return '<1 ms';
  if (v < 1000) return `${v.toFixed(0)} ms`;
  return `${(v / 1000).toFixed(v < 10000 ? 2 : 1)} s`;
}

export function phaseLabel(phase: string): string {
  return (
    {
      loading: 'Loading',
      signals: 'Signals',
      selection: 'Selecting',
      training: 'Training',
      evaluation: 'Testing',
    }[phase] ?? phase
  );
}
