/**
 * The worker side of the semi-supervised panel: prepares the labeled / unlabeled split (kept
 * while the setup that shapes it is unchanged, so RETRIEVE, random and full pool run in sequence
 * on the same rows) and runs one SSL training with live epoch and round reports.
 */
import type { SplitProvider } from '../../core/data/prepare';
import { prepareSslData, type SslData } from '../../core/data/sslSplit';
import { validateSslSpec, type SslRunResult, type SslSpec } from '../../core/experiment/sslSpec';
import { runSsl } from '../../ml/ssl/loop';
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
    async run(
      rawSpec: SslSpec,
      signal: AbortSignal,
      onProgress: (p: SslProgressDto) => void,
      backend?: string,
    ): Promise<SslRunResult> {
      const spec = validateSslSpec(rawSpec);
      onProgress({ phase: 'loading', done: 0, message: 'preparing the labeled / unlabeled split' });
      const data = await dataFor(spec);
      let lastSent = 0;
      const result = await runSsl(data, spec, {
        signal,
        onProgress: (p) => {
          // ~20 updates a second are plenty for a progress bar.
          const now = performance.now();
          if (p.done < 1 && now - lastSent < 50) return;
          lastSent = now;
          onProgress(p);
        },
        onEpoch: (epoch) => onProgress({ phase: 'training', done: (epoch.epoch + 1) / spec.epochs, epoch }),
        onRound: (round) => onProgress({ phase: 'selection', done: round.epoch / spec.epochs, round }),
      });
      return { ...result, backend };
    },
  };
}
