/**
 * What a SWaST comparison says, in sentences computed from its runs, with the health warnings a
 * reader needs before trusting a difference (a near-chance model says nothing about pruning).
 */
import type { NamedSwastRun } from '../../core/methods/swast/swastDiagnostics';
import { pct } from '../results/format';

const CLEAR = 0.005;

function describe(name: string): string {
  if (name === 'coreset-only') return 'coreset only (no pruning)';
  const [, variant, sp] = /^swast-(\w+)(\+sp)?$/.exec(name) ?? [];
  if (!variant) return name;
  return `SWaST (${variant === 'cut' ? 'all layers pruned' : 'last layer pruned'}${sp ? ', with memory' : ', no memory'})`;
}

function points(d: number): string {
  return `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} points`;
}

/** "for 40% fewer FLOPs" / "at 5% more FLOPs" (selection passes can outweigh what pruning saves). */
function savedFlops(pruned: number, plain: number): string {
  const saved = 1 - pruned / Math.max(1e-12, plain);
  if (Math.abs(saved) < 0.005) return 'at the same FLOPs';
  return saved > 0 ? `for ${pct(saved, 0)} fewer FLOPs` : `at ${pct(-saved, 0)} more FLOPs`;
}

export interface Conclusion {
  sentences: string[];
  warnings: string[];
}

export function swastConclusion(runs: readonly NamedSwastRun[], numClasses: number): Conclusion {
  const main = runs[0];
  if (!main) return { sentences: [], warnings: [] };
  const acc = main.result.finalAccuracy;
  const sentences = [
    `${describe(main.name)} reached ${pct(acc)} test accuracy using ${main.result.flops.relative.toFixed(2)}× the training FLOPs of dense full-data training.`,
  ];
  const memory = runs.find((r, i) => i > 0 && r.name !== 'coreset-only');
  if (memory) {
    // The main run has memory (state preservation) unless the comparison flipped it.
    const withMemory = main.name.endsWith('+sp') ? main : memory;
    const without = withMemory === main ? memory : main;
    const d = withMemory.result.finalAccuracy - without.result.finalAccuracy;
    sentences.push(
      `With memory of the kept samples' answers: ${pct(withMemory.result.finalAccuracy)}; without: ${pct(without.result.finalAccuracy)} (${points(d)}), so state preservation ${
        d > CLEAR ? 'helped' : d < -CLEAR ? 'hurt' : 'made no clear difference'
      } here.`,
    );
  }
  const plain = runs.find((r) => r.name === 'coreset-only');
  if (plain && plain !== main) {
    const d = acc - plain.result.finalAccuracy;
    sentences.push(
      `Against the same coreset schedule without pruning (${pct(plain.result.finalAccuracy)}), pruning ${
        d < -CLEAR
          ? `cost ${points(d).slice(1)}`
          : d > CLEAR
            ? `gained ${points(d).slice(1)}`
            : 'changed accuracy by less than half a point'
      } ${savedFlops(main.result.flops.relative, plain.result.flops.relative)}.`,
    );
  }
  const chance = 1 / Math.max(2, numClasses);
  const warnings = runs
    .filter((r) => r.result.finalAccuracy < chance + 0.05)
    .map(
      (r) =>
        `${describe(r.name)} is near chance (${pct(r.result.finalAccuracy)}; chance is ${pct(chance)}): with this few epochs or this little data the comparison says nothing yet. Train longer or keep more.`,
    );
  return { sentences, warnings };
}
