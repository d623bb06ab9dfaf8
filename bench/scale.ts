/**
 * Scale bench (issue 18, "When your data outgrows the tab"): the CLI's `select-file` on
 * synthetic clustered embeddings written as .npy — k-center greedy on 1,000,000 × 64, and lazy
 * facility location on the sparse kNN graph at sizes this machine finishes, extrapolated to 1M
 * by the fitted growth exponent. Each run is a child process (as a user calls it), so the peak
 * memory is that process's own (its `peakRssMB`, from getrusage).
 *   npm run bench -- scale            1M k-center; facility location at 25k, 50k, 100k, 200k
 *   npm run bench -- scale --quick    200k k-center; facility location at 25k, 50k
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npyHeader, writeNpy } from '../src/core/data/npy';
import { createRng } from '../src/core/math/rng';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const D = 64;
const CLASSES = 10;

/** Gaussian mixture (centres at scale 3, unit noise) written in chunks: N × 64 float32 + labels. */
function writeSynthetic(dir: string, n: number, seed: number): { emb: string; labels: string } {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: CLASSES * D }, () => 3 * rng.normal());
  const headerBytes = npyHeader('f4', [n, D]);
  const emb = join(dir, `emb-${n}.npy`);
  const fd = openSync(emb, 'w');
  writeSync(fd, headerBytes);
  const labels = new Int32Array(n);
  const chunk = 65536;
  for (let at = 0; at < n; at += chunk) {
    const rows = Math.min(chunk, n - at);
    const block = new Float32Array(rows * D);
    for (let i = 0; i < rows; i++) {
      const c = rng.int(CLASSES);
      labels[at + i] = c;
      for (let q = 0; q < D; q++) block[i * D + q] = centres[c * D + q]! + rng.normal();
    }
    writeSync(fd, new Uint8Array(block.buffer));
  }
  closeSync(fd);
  const lab = join(dir, `labels-${n}.npy`);
  const fdl = openSync(lab, 'w');
  writeSync(fdl, writeNpy(labels));
  closeSync(fdl);
  return { emb, labels: lab };
}

interface Outcome {
  n: number;
  budget: number;
  timings: { loadMs: number; selectionMs: number; selectionCpuMs: number };
  peakRssMB: number;
}

function selectFile(
  files: { emb: string; labels: string },
  method: string,
  fraction: number,
  params: string[],
  dir: string,
): Outcome {
  const out = join(dir, `out-${method}.json`);
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const args = [
    join(root, 'src', 'cli', 'main.ts'),
    'select-file',
    '--embeddings',
    files.emb,
    '--labels',
    files.labels,
  ];
  args.push(
    '--method',
    method,
    '--fraction',
    String(fraction),
    '--out',
    out,
    ...params.flatMap((p) => ['--param', p]),
  );
  execFileSync(tsx, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
  return JSON.parse(readFileSync(out, 'utf8')) as Outcome;
}

function line(task: string, o: Outcome, note = ''): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${task.padEnd(34)} N=${o.n.toLocaleString('en').padStart(9)}  k=${String(o.budget).padStart(6)}  load ${s(o.timings.loadMs).padStart(7)}  select ${s(o.timings.selectionMs).padStart(8)} wall ${s(o.timings.selectionCpuMs).padStart(8)} CPU  peak RSS ${String(o.peakRssMB).padStart(5)} MB ${note}`,
  );
}

export async function runScaleBench(quick = false): Promise<void> {
  console.log(
    `Scale: select-file on N × ${D} clustered embeddings, ${CLASSES} classes, per-class budgets (${cpus()[0]?.model ?? 'CPU'})`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'cw-scale-'));
  try {
    const big = quick ? 200_000 : 1_000_000;
    const files = writeSynthetic(dir, big, 1);
    line('k-center greedy, 1% kept', selectFile(files, 'kcenter', 0.01, [], dir));
    line('k-center greedy, 0.1% kept', selectFile(files, 'kcenter', 0.001, [], dir));
    rmSync(files.emb);
    const sizes = quick ? [25_000, 50_000] : [50_000, 100_000, 200_000];
    const fl: Outcome[] = [];
    for (const n of sizes) {
      const f = writeSynthetic(dir, n, 2);
      const o = selectFile(
        f,
        'facility-location',
        0.01,
        ['graph=knn', 'neighbours=10', 'optimizer=lazy'],
        dir,
      );
      fl.push(o);
      line('facility location, lazy, kNN K′=10', o);
      rmSync(f.emb);
    }
    // CPU time (wall time on a shared machine measures the neighbours too). The exact kNN graph
    // costs N²/C inner products, so the quadratic extrapolation is the honest upper estimate.
    const a = fl[0]!;
    const b = fl[fl.length - 1]!;
    const p = Math.log(b.timings.selectionCpuMs / a.timings.selectionCpuMs) / Math.log(b.n / a.n);
    const fit = b.timings.selectionCpuMs * (1_000_000 / b.n) ** p;
    const quad = b.timings.selectionCpuMs * (1_000_000 / b.n) ** 2;
    console.log(
      `facility location at 1,000,000 × ${D} (not run): ${(fit / 60000).toFixed(0)} CPU-min at the measured growth N^${p.toFixed(2)} (${a.n.toLocaleString('en')}–${b.n.toLocaleString('en')}), ${(quad / 60000).toFixed(0)} CPU-min if quadratic (exact kNN graph)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  await runScaleBench(process.argv.includes('--quick'));
