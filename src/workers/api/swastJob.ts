/**
 * The lab worker's SWaST job: the configured run and, when asked, the same setup without state
 * preservation and coreset-only, one after the other on fresh models of the spec (same seed,
 * same initial weights), with live epoch reports for the overlay charts.
 */
import type { PreparedData } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { resolveParams } from '../../core/methods/params';
import { swastConfigOf, SWAST_PARAMS } from '../../core/methods/swast/swast';
import { swastComparison } from '../../core/methods/swast/swastSchedule';
import { swastDiagnostics, type NamedSwastRun } from '../../core/methods/swast/swastDiagnostics';
import { runSwast } from '../../ml/swast';
import type { JobContext } from './jobTypes';
import type { Progress, SwastOutcomeDto, SwastRequest } from './types';

export async function runSwastJob(
  data: PreparedData,
  dataKey: string,
  spec: ExperimentSpec,
  request: SwastRequest,
  ctx: JobContext<Progress>,
): Promise<SwastOutcomeDto> {
  if (data.train.shape.length !== 3)
    throw new Error('SWaST runs on an image dataset (MNIST or Fashion-MNIST)');
  if (!(request.fraction > 0 && request.fraction <= 1))
    throw new RangeError(`fraction must be in (0, 1], got ${request.fraction}`);
  const config = swastConfigOf(resolveParams(SWAST_PARAMS, request.params, 'SWaST'));
  const plan = swastComparison(config, request.compare);
  const t0 = performance.now();
  const runs: NamedSwastRun[] = [];
  for (const [i, { name, config: c }] of plan.entries()) {
    const result = await runSwast(data, spec, c, request.fraction, {
      signal: ctx.signal,
      onProgress: (done, message) =>
        ctx.tick(
          { phase: 'training', done: (i + done) / plan.length, message: `${name}: ${message ?? ''}` },
          done,
        ),
      onEpoch: (report) => ctx.report({ phase: 'training', done: -1, swastEpoch: { run: name, report } }),
    });
    runs.push({ name, result });
  }
  return { dataKey, runs, diagnostics: swastDiagnostics(runs), ms: performance.now() - t0 };
}
