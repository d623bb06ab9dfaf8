/**
 * The PyTorch twin of our models for the training bench: one model kind on one byte-image data
 * set per call, one CPU thread, Adam 1e-3, cross-entropy on logits — the same architectures as
 * src/ml/models.ts (grey MLP, grey CNN, colour CNN). Images go over as NHWC bytes, as we store
 * them, and become NCHW floats / 255 once, before timing. The figure is the median of the warm
 * epochs' samples/s (epoch 1 warms up).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../src/core/data/dataset';
import { findPython } from './python';

/** What the bench trains: the model kind plus, for the CNN, which of the two image nets. */
export type BenchModel = 'mlp' | 'cnn' | 'colour-cnn';

const TORCH = String.raw`
import sys, time, numpy as np
import torch
nn = torch.nn
torch.set_num_threads(1)
path, kind, n, h, w, c, epochs, bs = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:9])
x = torch.from_numpy(np.fromfile(path, dtype=np.uint8).reshape(n, h, w, c).astype(np.float32) / 255)
x = x.permute(0, 3, 1, 2).contiguous()
y = torch.from_numpy(np.fromfile(path + '.labels', dtype=np.uint8).astype(np.int64))
def side(s):
    return ((s - 2) // 2 - 2) // 2
def conv(i, o):
    return [nn.Conv2d(i, o, 3, padding=1), nn.ReLU()]
if kind == 'mlp':
    m = nn.Sequential(nn.Flatten(), nn.Linear(h * w * c, 128), nn.ReLU(), nn.Linear(128, 10))
elif kind == 'cnn':
    m = nn.Sequential(nn.Conv2d(c, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(32 * side(h) * side(w), 64), nn.ReLU(), nn.Linear(64, 10))
else:
    m = nn.Sequential(*conv(c, 32), *conv(32, 32), nn.MaxPool2d(2), *conv(32, 64), *conv(64, 64),
        nn.MaxPool2d(2), *conv(64, 128), nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 10))
torch.manual_seed(1)
opt = torch.optim.Adam(m.parameters(), 1e-3); loss = nn.CrossEntropyLoss()
rates = []
for e in range(epochs):
    perm = torch.randperm(n); t = time.perf_counter()
    for i in range(0, n, bs):
        idx = perm[i:i + bs]
        opt.zero_grad(); l = loss(m(x[idx]), y[idx]); l.backward(); opt.step()
    rates.append(n / (time.perf_counter() - t))
warm = sorted(rates[1:])
print(torch.__version__, warm[len(warm) // 2])
`;

export interface TorchRate {
  version: string;
  samplesPerSecond: number;
}

/**
 * One PyTorch measurement, or undefined where no interpreter has torch. A failing script is an
 * error (with its stderr), not a silent "not installed".
 */
export function torchRate(
  model: BenchModel,
  ds: Dataset,
  epochs: number,
  batchSize: number,
): TorchRate | undefined {
  const py = findPython('torch');
  if (!py) return undefined;
  if (!(ds.x instanceof Uint8Array) || ds.shape.length !== 3)
    throw new TypeError(`the PyTorch peer takes byte images, got ${ds.name} (${ds.shape.join('×')})`);
  const dir = mkdtempSync(join(tmpdir(), 'torch-bench-'));
  try {
    const path = join(dir, 'x.u8');
    writeFileSync(path, ds.x);
    writeFileSync(path + '.labels', ds.labels);
    writeFileSync(join(dir, 'b.py'), TORCH);
    const [h, w, c] = ds.shape as [number, number, number];
    const args = [model, ds.labels.length, h, w, c, epochs, batchSize].map(String);
    const out = execFileSync(py.exe, [join(dir, 'b.py'), path, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    const [version, rate] = out.split(' ');
    return { version: version!, samplesPerSecond: Number(rate) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
