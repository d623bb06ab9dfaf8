/**
 * The PyTorch round trip through the CLI as a user calls it: the kept rows come out in the MNIST
 * training file's numbering (their labels there match perClassCounts; the .npy is int64 with the
 * header numpy writes), and embeddings for all 60,000 rows of that file drive k-center.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '../core/data/npy';

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const main = join(process.cwd(), 'src', 'cli', 'main.ts');
  return new Promise((resolve) => {
    execFile(tsx, [main, ...args], { cwd, timeout: 240_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface SelectJson {
  indices: number[];
  sourceIndices: number[];
  perClassCounts: number[];
  params: Record<string, unknown>;
  note: string;
  source: { id: string; size: number; numbering: string };
}

const mnistLabels = () =>
  readFileSync(join(process.cwd(), 'public', 'data', 'mnist-train-labels.idx')).subarray(8);

describe('CLI round trip with a PyTorch pipeline', () => {
  it('select gives sourceIndices whose labels in the MNIST training file match perClassCounts; .npy and .txt agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-round-'));
    const r = await cli(
      [
        'select',
        '--dataset',
        'mnist',
        '--train-size',
        '2000',
        '--method',
        'random',
        '--fraction',
        '0.1',
        '--out',
        'sel.json',
        '--indices-out',
        'kept.npy',
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'sel.json'), 'utf8')) as SelectJson;
    expect(json.source).toMatchObject({ id: 'mnist-train', size: 60000 });
    expect(json.note).toMatch(/rows KEPT/);
    expect(json.sourceIndices).toHaveLength(200);
    const labels = mnistLabels();
    const counts = new Array<number>(10).fill(0);
    for (const s of json.sourceIndices) counts[labels[s]!]!++;
    expect(counts).toEqual(json.perClassCounts);
    expect(new Set(json.sourceIndices).size).toBe(200);

    const npy = readFileSync(join(dir, 'kept.npy'));
    const headerLen = npy.readUInt16LE(8);
    expect(npy.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
    expect((10 + headerLen) % 64).toBe(0);
    expect(npy.subarray(10, 10 + headerLen).toString('latin1')).toMatch(
      /^\{'descr': '<i8', 'fortran_order': False, 'shape': \(200,\), \} *\n$/,
    );
    const values = Array.from({ length: 200 }, (_, i) => Number(npy.readBigInt64LE(10 + headerLen + 8 * i)));
    expect(values).toEqual(json.sourceIndices);

    const t = await cli(
      [
        'select',
        '--dataset',
        'mnist',
        '--train-size',
        '2000',
        '--method',
        'random',
        '--fraction',
        '0.1',
        '--out',
        'again.json',
        '--indices-out',
        'kept.txt',
      ],
      dir,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(readFileSync(join(dir, 'kept.txt'), 'utf8')).toBe(json.sourceIndices.join('\n') + '\n');
  }, 240_000);

  it('--embeddings emb.npy (60,000 rows) drives k-center; a wrong row count is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-emb-'));
    // 1-D embedding = the row's number in the training file: farthest-first keeps each class's
    // first and last training row (in that numbering) among its picks.
    const emb = Float32Array.from({ length: 60000 }, (_, i) => i);
    writeFileSync(join(dir, 'emb.npy'), writeNpy(emb, [60000, 1]));
    const base = ['select', '--dataset', 'mnist', '--train-size', '1000', '--seed', '2'];
    const [all, kc] = await Promise.all([
      cli([...base, '--method', 'random', '--fraction', '1', '--out', 'all.json'], dir),
      cli(
        [...base, '--method', 'kcenter', '--fraction', '0.05', '--embeddings', 'emb.npy', '--out', 'kc.json'],
        dir,
      ),
    ]);
    expect(all.code, all.stderr).toBe(0);
    expect(kc.code, kc.stderr).toBe(0);
    const rows = (JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as SelectJson).sourceIndices;
    const sel = JSON.parse(readFileSync(join(dir, 'kc.json'), 'utf8')) as SelectJson;
    expect(sel.params.embedding).toBe('file');
    const labels = mnistLabels();
    const kept = new Set(sel.sourceIndices);
    for (let c = 0; c < 10; c++) {
      const ofClass = rows.filter((s) => labels[s] === c);
      expect(kept.has(Math.min(...ofClass)), `class ${c} min`).toBe(true);
      expect(kept.has(Math.max(...ofClass)), `class ${c} max`).toBe(true);
    }

    writeFileSync(join(dir, 'short.npy'), writeNpy(new Float32Array(1000 * 2), [1000, 2]));
    const bad = await cli([...base, '--method', 'kcenter', '--embeddings', 'short.npy'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--embeddings: short\.npy has 1,000 rows but the data's numbering has 60,000/);
  }, 240_000);
});
