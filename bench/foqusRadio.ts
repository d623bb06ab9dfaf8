/**
 * FoQuS on its home ground: the synthetic radio set (core/data/radio.ts), FoQuS vs Random vs
 * Forgetting at a few coreset fractions, mean ± std over seeds, test accuracy overall and per
 * SNR band (low −10…−2 dB, mid 0…8 dB, high 10…18 dB). One process: the recorded run of each
 * seed is trained once and shared by FoQuS and Forgetting (ml/signals.ts caches it).
 *
 *   npx tsx bench/foqusRadio.ts [--n 2000] [--epochs 10] [--lr 0.006] [--seeds 3]
 *                               [--fractions 0.1,0.3] [--model cnn] [--backend wasm] [--full]
 */
import { prepareData } from '../src/core/data/prepare';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../src/core/experiment/spec';
import type { ClassificationMetrics } from '../src/core/experiment/metrics';
import { methodParams } from '../src/core/methods/registry';
import { nodeSplitProvider } from '../src/cli/nodeData';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { runSelection, trainAndEvaluate } from '../src/ml/pipeline';
import type { BackendName } from '../src/ml/backend';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const N = Number(flag('n', '2000'));
const EPOCHS = Number(flag('epochs', '10'));
const LR = Number(flag('lr', '0.006'));
const SEEDS = Number(flag('seeds', '3'));
const FRACTIONS = flag('fractions', '0.1,0.3').split(',').map(Number);
const MODEL = flag('model', 'cnn') as ExperimentSpec['model'];
const METHODS = flag('methods', 'random,forgetting,foqus').split(',');
const BANDS = [
  ['low', -10, -2],
  ['mid', 0, 8],
  ['high', 10, 18],
] as const;

interface Row {
  overall: number;
  bands: number[];
}

function summarize(m: ClassificationMetrics): Row {
  const per = m.perStratum;
  if (!per) throw new Error('the radio test set should report accuracy per SNR');
  const bands = BANDS.map(([, lo, hi]) => {
    let hits = 0;
    let count = 0;
    per.names.forEach((name, s) => {
      const snr = Number.parseFloat(name);
      if (snr < lo || snr > hi) return;
      hits += (per.accuracy[s] ?? 0) * per.counts[s]!;
      count += per.counts[s]!;
    });
    return hits / count;
  });
  return { overall: m.accuracy, bands };
}

const pm = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${(100 * mean).toFixed(1)} ± ${(100 * sd).toFixed(1)}`;
};

async function main(): Promise<void> {
  const backend = await initNodeBackend(flag('backend', 'wasm') as BackendName);
  console.error(
    `backend ${backend.name}; radio n=${N}, ${MODEL}, ${EPOCHS} epochs, lr ${LR}, seeds 1..${SEEDS}`,
  );
  const results = new Map<string, Row[]>();
  const t0 = performance.now();
  for (let seed = 1; seed <= SEEDS; seed++) {
    const base: ExperimentSpec = {
      ...DEFAULT_SPEC,
      dataset: 'radio',
      trainSize: N,
      model: MODEL,
      epochs: EPOCHS,
      batchSize: 64,
      learningRate: LR,
      seed,
    };
    const data = await prepareData(base, nodeSplitProvider());
    const jobs: [string, number][] = METHODS.flatMap((m) => FRACTIONS.map((f) => [m, f] as [string, number]));
    if (process.argv.includes('--full')) jobs.push(['full', 1]);
    for (const [method, fraction] of jobs) {
      const id = method === 'full' ? 'random' : method;
      const spec = validateSpec({ ...base, method: id, fraction, params: methodParams(id) });
      const { selection } = await runSelection(data, spec);
      const o = await trainAndEvaluate(data, spec, selection.indices);
      const key = method === 'full' ? 'full data' : `${method} @ ${fraction}`;
      const row = summarize(o.metrics);
      results.set(key, [...(results.get(key) ?? []), row]);
      console.error(
        `seed ${seed} ${key}: ${(100 * row.overall).toFixed(1)}% (${row.bands.map((b) => (100 * b).toFixed(0)).join('/')}) ` +
          `${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
  }
  console.log(
    `\nradio n=${N}, ${MODEL}, ${EPOCHS} epochs, lr ${LR}, ${backend.name}, seeds 1..${SEEDS}: test accuracy % (mean ± std)`,
  );
  console.log(
    ['method @ fraction', 'overall', ...BANDS.map(([b, lo, hi]) => `${b} SNR (${lo}…${hi} dB)`)].join(' | '),
  );
  for (const [key, rows] of results)
    console.log(
      [key, pm(rows.map((r) => r.overall)), ...BANDS.map((_, b) => pm(rows.map((r) => r.bands[b]!)))].join(
        ' | ',
      ),
    );
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

void main();
