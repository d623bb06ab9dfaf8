/**
 * Training throughput against a native peer (issue "Performance"): the MLP and the small CNN on
 * MNIST 5k, batch 64, Adam, with our lean loop on tfjs wasm in Node, and the same models in
 * PyTorch on one CPU thread of the same machine, in the same run. Samples/s of warm epochs
 * (epoch 1 warms up; the figure is the median of the later ones). PyTorch is optional: without
 * it the peer column says so.
 *   npx tsx bench/training.ts [--quick]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describePython, findPython } from './python';
import { join } from 'node:path';
import { subsetDataset, type Dataset } from '../src/core/data/dataset';
import { loadImageSplit } from '../src/core/data/sources';
import { stratifiedSubset } from '../src/core/data/split';
import type { ModelKind } from '../src/core/experiment/spec';
import { createRng } from '../src/core/math/rng';
import { nodeAssetLoader } from '../src/cli/nodeData';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { buildModel } from '../src/ml/models';
import { train } from '../src/ml/train';
import { setHeapAdamEnabled } from '../src/ml/adam';
import { setDenseStepEnabled } from '../src/ml/denseStep';

const TORCH = String.raw`
import sys, time, numpy as np
try:
    import torch
except ImportError:
    print('none'); sys.exit(0)
torch.set_num_threads(1)
path, n, epochs, bs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = torch.from_numpy(np.fromfile(path, dtype=np.uint8).reshape(n, 1, 28, 28).astype(np.float32) / 255)
y = torch.from_numpy(np.fromfile(path + '.labels', dtype=np.uint8).astype(np.int64))
def mlp():
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
def cnn():
    return torch.nn.Sequential(torch.nn.Conv2d(1, 16, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
        torch.nn.Linear(800, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
out = [torch.__version__]
for make in (mlp, cnn):
    torch.manual_seed(1)
    m = make(); opt = torch.optim.Adam(m.parameters(), 1e-3); loss = torch.nn.CrossEntropyLoss()
    rates = []
    for e in range(epochs):
        perm = torch.randperm(n); t = time.perf_counter()
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            opt.zero_grad(); l = loss(m(x[idx]), y[idx]); l.backward(); opt.step()
        rates.append(n / (time.perf_counter() - t))
    warm = sorted(rates[1:]); out.append(str(warm[len(warm) // 2]))
print(' '.join(out))
`;

async function ours(
  kind: ModelKind,
  ds: Dataset,
  epochs: number,
  batchSize: number,
  pick: 'median' | 'fastest' = 'median',
): Promise<number> {
  const model = buildModel(kind, { inputShape: ds.shape, numClasses: ds.numClasses }, 1);
  const rates: number[] = [];
  try {
    await train(model, ds, {
      epochs,
      batchSize,
      learningRate: 0.001,
      seed: 1,
      onEpoch: (r) => void rates.push(ds.labels.length / (r.ms / 1000)),
    });
  } finally {
    model.dispose();
  }
  const warm = rates.slice(1).sort((a, b) => a - b);
  return pick === 'fastest' ? warm[warm.length - 1]! : warm[Math.floor(warm.length / 2)]!;
}

/**
 * For CI's regression check: the lean MLP step (hand-written backward + heap Adam) against the
 * tape + tf.train.adam step it replaced, same run, MNIST 2k, batch 64; three alternating rounds,
 * the fastest warm epoch of each side (other work on a shared machine only ever slows an epoch
 * down). Returns time per sample, lean / tape (about 0.6 on the development machine).
 */
export async function leanStepRatio(): Promise<number> {
  await initNodeBackend('wasm');
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const ds = subsetDataset(full, stratifiedSubset(full.labels, 10, 2000, createRng(1)), 'MNIST 2000');
  let lean = 0;
  let tape = 0;
  for (let round = 0; round < 3; round++) {
    lean = Math.max(lean, await ours('mlp', ds, 4, 64, 'fastest'));
    setDenseStepEnabled(false);
    setHeapAdamEnabled(false);
    try {
      tape = Math.max(tape, await ours('mlp', ds, 4, 64, 'fastest'));
    } finally {
      setDenseStepEnabled(true);
      setHeapAdamEnabled(true);
    }
  }
  return tape / lean;
}

function torchPeer(
  ds: Dataset,
  epochs: number,
  batchSize: number,
): { version: string; mlp: number; cnn: number } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'torch-bench-'));
  try {
    const path = join(dir, 'x.u8');
    writeFileSync(path, ds.x as Uint8Array);
    writeFileSync(path + '.labels', ds.labels);
    writeFileSync(join(dir, 'b.py'), TORCH);
    const py = findPython('torch');
    if (!py) return undefined;
    const out = execFileSync(
      py.exe,
      [join(dir, 'b.py'), path, String(ds.labels.length), String(epochs), String(batchSize)],
      {
        encoding: 'utf8',
      },
    ).trim();
    if (out === 'none') return undefined;
    const [version, mlp, cnn] = out.split(' ');
    return { version: version!, mlp: Number(mlp), cnn: Number(cnn) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runTrainingBench(quick = false): Promise<void> {
  const backend = await initNodeBackend('wasm');
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const n = quick ? 2000 : 5000;
  const ds = subsetDataset(full, stratifiedSubset(full.labels, 10, n, createRng(1)), `MNIST ${n}`);
  const epochs = quick ? 3 : 4;
  console.log(
    `\n== Training throughput: ours (tfjs ${backend.name}, Node) vs PyTorch, 1 CPU thread, same data ==`,
  );
  const peer = torchPeer(ds, epochs, 64);
  console.log('model  batch  ours samples/s  PyTorch samples/s  ratio (PyTorch / ours)');
  for (const kind of ['mlp', 'cnn'] as const) {
    for (const bs of [64, 256]) {
      const r = await ours(kind, ds, kind === 'cnn' ? Math.min(epochs, 3) : epochs, bs);
      const p = bs === 64 ? peer?.[kind] : undefined;
      console.log(
        `${kind.padEnd(6)} ${String(bs).padStart(5)}  ${r.toFixed(0).padStart(14)}  ${p ? p.toFixed(0).padStart(17) : (bs === 64 ? 'not installed' : '—').padStart(17)}  ${p ? (p / r).toFixed(1).padStart(6) : ''}`,
      );
    }
  }
  if (peer) console.log(`(PyTorch ${peer.version}, torch.set_num_threads(1), batch 64)`);
  else console.log(`(PyTorch peer: ${describePython('torch')})`);
  // The MLP's levers one by one (batch 64): what each part of the lean step is worth. Rounds
  // alternate the variants so that a slow spell of a shared machine does not land on one of them.
  console.log('\nMLP levers, batch 64 (median of 3 alternating rounds)   samples/s');
  const levers: [string, boolean, boolean][] = [
    ['tape + tf.train.adam (before)', false, false],
    ['tape + heap Adam', false, true],
    ['hand-written step + tf.train.adam', true, false],
    ['hand-written step + heap Adam (now)', true, true],
  ];
  const rates = levers.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) {
    for (const [i, [, dense, heap]] of levers.entries()) {
      setDenseStepEnabled(dense);
      setHeapAdamEnabled(heap);
      try {
        rates[i]!.push(await ours('mlp', ds, epochs, 64));
      } finally {
        setDenseStepEnabled(true);
        setHeapAdamEnabled(true);
      }
    }
  }
  for (const [i, [name]] of levers.entries()) {
    const r = rates[i]!.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(52)} ${r[1]!.toFixed(0).padStart(8)}   (${r.map((x) => x.toFixed(0)).join(' / ')})`,
    );
  }
}

if (process.argv[1]?.endsWith('training.ts')) {
  await runTrainingBench(process.argv.includes('--quick'));
}
