/**
 * InTrainingContext.trainers.retrieve: RETRIEVE in its semi-supervised setting for a comparison
 * cell. The cell's experiment spec becomes an SSL setup: the dataset's training split gives a
 * labeled seed set (10 per class, clean and balanced) and an unlabeled pool of `trainSize` rows
 * with the cell's OOD share and imbalance; the model, epochs, learning rate and seed are the
 * cell's, the unlabeled batch its batch size; the test split is scored whole, as the other rows
 * are. Label noise does not apply (the pool is unlabeled) and is reported as ignored.
 */
import { prepareSslData } from '../../core/data/sslSplit';
import type { SplitProvider } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { DEFAULT_SSL_SPEC, type SslSpec } from '../../core/experiment/sslSpec';
import type { RetrieveConfig, RetrieveTrainer } from '../../core/methods/retrieve/retrieve';
import { runSsl } from './loop';

/** Largest test split scored (validateSslSpec's bound; MNIST's and Fashion's test splits have 10,000). */
const WHOLE_TEST_SPLIT = 10000;

/** The SSL setup a comparison cell stands for (throws for a dataset without an unlabeled pool here). */
export function sslSpecOfCell(spec: ExperimentSpec, config: RetrieveConfig): SslSpec {
  if (spec.dataset !== 'mnist' && spec.dataset !== 'fashion')
    throw new RangeError(
      `RETRIEVE runs semi-supervised on mnist or fashion only (the OOD images of its pool come from the other one), not on "${spec.dataset}"`,
    );
  return {
    ...DEFAULT_SSL_SPEC,
    ...config,
    dataset: spec.dataset,
    unlabeled: spec.trainSize,
    ood: spec.corruption.ood,
    imbalance: spec.corruption.imbalance,
    method: 'retrieve',
    fraction: spec.fraction,
    epochs: spec.epochs,
    model: spec.model,
    learningRate: spec.learningRate,
    unlabeledBatch: spec.batchSize,
    testSize: WHOLE_TEST_SPLIT,
    seed: spec.seed,
  };
}

export function retrieveTrainer(spec: ExperimentSpec, provider: SplitProvider): RetrieveTrainer {
  return async (config, run) => {
    const ssl = sslSpecOfCell(spec, config);
    run.onProgress(0, 'preparing the labeled / unlabeled split');
    const data = await prepareSslData(ssl, provider);
    const r = await runSsl(data, ssl, {
      signal: run.signal,
      onProgress: (p) => run.onProgress(p.done, p.message ?? p.phase),
    });
    const note =
      spec.corruption.noise > 0
        ? `the ${Math.round(spec.corruption.noise * 100)}% label noise is not applied (the pool is unlabeled)`
        : undefined;
    return { ...r, note };
  };
}
