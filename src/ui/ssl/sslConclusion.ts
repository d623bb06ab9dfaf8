/**
 * What a semi-supervised comparison says, computed from its runs: RETRIEVE against the random
 * subset, how much OOD its subsets held against the pool, and the warnings that make a reading
 * void (near-chance models; RETRIEVE gains all zero, so its picks were arbitrary).
 */
import type { SslMethod } from '../../core/experiment/sslSpec';
import type { SslRunState } from '../../state/sslTypes';
import { pct } from '../results/format';
import type { Conclusion } from '../swast/swastConclusion';

const CLEAR = 0.005;
const NAMES: Record<SslMethod, string> = {
  retrieve: 'RETRIEVE',
  random: 'a random subset',
  full: 'the whole unlabeled pool',
  supervised: 'the labeled set alone',
};

export function sslConclusion(runs: readonly SslRunState[], numClasses = 10): Conclusion {
  const done = runs.filter((r) => r.result);
  const by = (m: SslMethod) => done.find((r) => r.method === m)?.result;
  const sentences: string[] = [];
  const warnings: string[] = [];
  if (!done.length) return { sentences, warnings };
  const best = done.reduce((a, b) => (b.result!.finalAccuracy > a.result!.finalAccuracy ? b : a));
  sentences.push(`Best: ${NAMES[best.method]} at ${pct(best.result!.finalAccuracy)} test accuracy.`);
  const retrieve = by('retrieve');
  const random = by('random');
  if (retrieve && random) {
    const d = retrieve.finalAccuracy - random.finalAccuracy;
    sentences.push(
      `RETRIEVE ${pct(retrieve.finalAccuracy)} against a random subset of the same size ${pct(random.finalAccuracy)}: ${
        d > CLEAR
          ? `choosing by effect on the labeled loss gained ${(d * 100).toFixed(1)} points`
          : d < -CLEAR
            ? `RETRIEVE's choice cost ${(-d * 100).toFixed(1)} points`
            : 'no clear difference'
      }.`,
    );
  }
  if (retrieve && retrieve.rounds.length && retrieve.unlabeledSize > 0) {
    const selected = retrieve.rounds.reduce((s, r) => s + r.oodShare, 0) / retrieve.rounds.length;
    const pool = retrieve.oodInPool / retrieve.unlabeledSize;
    if (pool > 0)
      sentences.push(
        `Its subsets held ${pct(selected)} OOD images on average against ${pct(pool)} in the pool: ${
          selected < pool - 0.02
            ? 'it steered away from out-of-distribution images'
            : selected > pool + 0.02
              ? 'it picked out-of-distribution images more than chance would'
              : 'about what chance would pick'
        }.`,
      );
    const gains = retrieve.rounds.flatMap((r) => (r.gains ? Array.from(r.gains) : []));
    if (gains.length && gains.every((g) => g === 0))
      warnings.push(
        "RETRIEVE's gains were all zero: no unlabeled sample moved the labeled loss, so its picks were arbitrary (often because the consistency mask kept nothing). Try a warm start, more epochs or 'lastLayer' gradients.",
      );
  }
  const chance = 1 / Math.max(2, numClasses);
  for (const r of done)
    if (r.result!.finalAccuracy < chance + 0.05)
      warnings.push(
        `${NAMES[r.method]} is near chance (${pct(r.result!.finalAccuracy)}; chance is ${pct(chance)}): differences between runs mean nothing yet.`,
      );
  return { sentences, warnings };
}
