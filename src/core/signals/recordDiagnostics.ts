/**
 * Views of the training-dynamics record, as diagnostics the UI renders by kind: the data map
 * (confidence vs variability, coloured by how often a sample was right, injected noise ringed),
 * the share of each class learned per epoch, and forgetting events per class.
 */
import type { Diagnostic } from '../methods/diagnostics';
import { dataMap, forgettingEvents } from './scores';
import type { TrainingRecord } from './types';

const CORRECTNESS_GROUPS = ['rarely right (< 20 %)', 'sometimes right', 'mostly right (≥ 80 %)'];

export function recordDiagnostics(
  record: TrainingRecord,
  labels: Uint8Array,
  classNames: string[],
  noisyMask?: Uint8Array,
): Diagnostic[] {
  const { n, epochs: T, correct } = record;
  const map = dataMap(record);
  const group = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = map.correctness[i]!;
    group[i] = c < 0.2 ? 0 : c < 0.8 ? 1 : 2;
  }
  const noisyRows: number[] = [];
  if (noisyMask) for (let i = 0; i < n; i++) if (noisyMask[i]) noisyRows.push(i);
  const C = classNames.length;
  const classSize = new Array<number>(C).fill(0);
  for (let i = 0; i < n; i++) classSize[labels[i]!]! += 1;
  const learned = classNames.map((name, c) => ({ name, x: [] as number[], y: [] as number[], c }));
  for (let t = 0; t < T; t++) {
    const hits = new Array<number>(C).fill(0);
    for (let i = 0; i < n; i++) hits[labels[i]!]! += correct[t * n + i]!;
    for (const s of learned) {
      s.x.push(t + 1);
      s.y.push(classSize[s.c]! ? hits[s.c]! / classSize[s.c]! : 0);
    }
  }
  const forgetting = forgettingEvents(record);
  return [
    {
      kind: 'scatter',
      title: 'Data map: confidence vs variability',
      xLabel: 'variability (std over epochs)',
      yLabel: 'confidence (mean p_y)',
      x: map.variability,
      y: map.confidence,
      group,
      groupNames: CORRECTNESS_GROUPS,
      highlight: noisyRows.length ? noisyRows : undefined,
      highlightLabel: noisyRows.length ? 'injected label noise' : undefined,
    },
    {
      kind: 'curves',
      title: 'Share correct per class, by epoch',
      xLabel: 'epoch',
      yLabel: 'correct (training set)',
      series: learned.map(({ name, x, y }) => ({ name, x, y })),
    },
    {
      kind: 'histogram',
      title: `Forgetting events (never learned = ${T})`,
      xLabel: 'forgetting events per sample',
      series: [
        { name: 'clean', values: Array.from(forgetting).filter((_, i) => !noisyMask?.[i]) },
        ...(noisyRows.length
          ? [{ name: 'injected noise', values: noisyRows.map((i) => forgetting[i]!) }]
          : []),
      ],
      bins: Math.min(20, T + 1),
    },
  ];
}
