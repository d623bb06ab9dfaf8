/**
 * The worker side of the semi-supervised panel: prepares the labeled / unlabeled split (kept
 * while the setup that shapes it is unchanged, so RETRIEVE, random and full pool run in sequence
 * on the same rows) and runs one SSL training with live epoch and round reports.
 */
import type { SplitProvider } from '../../core/data/prepare';
import { prepareSslData, type SslData } from '../../core/data/sslSplit';
import { validateSslSpec, type SslRunResult, type SslSpec } from '../../core/experiment/sslSpec';
import { runSsl } from '../../ml/ssl/loop';
import type { JobContext } from './jobTypes';
import type { SslProgressDto } from './types';

export function createSslJobs(provider: SplitProvider) {
  let cached: { key: string; data: Promise<SslData> } | undefined;

  function dataFor(spec: SslSpec): Promise<SslData> {
    const key = JSON.stringify([
      spec.dataset,
      spec.labelsPerClass,
      spec.unlabeled,
      spec.ood,
      spec.imbalance,
      spec.testSize,
      spec.seed,
    ]);
    if (cached?.key !== key) {
      const data = prepareSslData(spec, provider);
      cached = { key, data };
      // A failed preparation must not stick: the next run retries.
      data.catch(() => {
        if (cached?.data === data) cached = undefined;
      });
    }
    return cached.data;
  }

  return {
    async run(rawSpec: SslSpec, ctx: JobContext<SslProgressDto>, backend?: string): Promise<SslRunResult> {
      const spec = validateSslSpec(rawSpec);
      ctx.report({ phase: 'loading', done: 0, message: 'preparing the labeled / unlabeled split' });
      const data = await dataFor(spec);
      const result = await runSsl(data, spec, {
        signal: ctx.signal,
        onProgress: (p) => ctx.tick(p, p.done),
        onEpoch: (epoch) => ctx.report({ phase: 'training', done: (epoch.epoch + 1) / spec.epochs, epoch }),
        onRound: (round) => ctx.report({ phase: 'selection', done: round.epoch / spec.epochs, round }),
      });
      return { ...result, backend };
    },
  };
}
