/**
 * Computes the signals a method needs, once per prepared dataset. Random needs none; the
 * label-only signals are always present, and the 2-D projection is the data itself for the
 * toy set (so every method can draw its picks there).
 */
import type { PreparedData } from '../core/data/prepare';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { SignalName, Signals } from '../core/signals/types';

export type SignalProgress = (done: number, message?: string) => void;

export async function computeSignals(
  needs: readonly SignalName[],
  data: PreparedData,
  _spec: ExperimentSpec,
  _progress: SignalProgress,
  _signal: AbortSignal,
): Promise<Signals> {
  const ds = data.train;
  const signals: Signals = {
    n: ds.labels.length,
    numClasses: ds.numClasses,
    labels: ds.labels,
    classNames: ds.classNames,
  };
  if (ds.shape.length === 1 && ds.shape[0] === 2 && ds.x instanceof Float32Array) signals.projection2d = ds.x;
  const missing = needs.filter((n) => !(n in signals));
  if (missing.length) throw new Error(`this build cannot compute the signals ${missing.join(', ')} yet`);
  return signals;
}
