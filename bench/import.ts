/**
 * `npm run bench -- import`: peak memory and wall time of importing + Random (which still
 * computes the pixel PCA map every run draws) through the CLI, on
 *   - a CIFAR-10-format archive of 60,000 colour 32×32 images (50,000 train + 10,000 test), and
 *   - the largest images the caps allow: 254 colour 512×512 PNGs (199.7 M decoded values, just
 *     under the 200 M cap).
 * Each case runs in a fresh child process under /usr/bin/time -v (peak RSS of that process),
 * with its own empty signal cache. --quick: 6,000 CIFAR images and 64 large PNGs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { cifar10Archive, encodeRawPng } from '../src/test/formats';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function largeImagesZip(count: number): Uint8Array {
  const z: Zippable = {};
  for (let i = 0; i < count; i++) {
    const cls = i % 2;
    const samples = new Array<number>(512 * 512 * 3);
    for (let p = 0; p < 512 * 512; p++) {
      const x = p % 512;
      const y = Math.floor(p / 512);
      samples[p * 3] = cls ? x >> 1 : 255 - (x >> 1);
      samples[p * 3 + 1] = (y + i) & 0xff;
      samples[p * 3 + 2] = 128;
    }
    z[`large/${cls ? 'b' : 'a'}/${i}.png`] = encodeRawPng({
      width: 512,
      height: 512,
      colour: 'rgb',
      depth: 8,
      samples,
    });
  }
  return zipSync(z, { level: 1 });
}

function measure(label: string, file: string, dir: string): void {
  const out = join(dir, 'sel.json');
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', TSX, CLI, 'select', '--dataset', file, '--method', 'random', '--fraction', '0.1', '--out', out],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(r.stderr)?.[1];
  if (r.status !== 0 || !rss) {
    const why = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('\t'));
    console.log(`${label}: failed (${r.status})\n${why.slice(-6).join('\n')}`);
    return;
  }
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    trainSize: number;
    imageShape: number[];
    timings: Record<string, number>;
  };
  const t = json.timings;
  console.log(
    `${label.padEnd(34)} wall ${wall!.padStart(8)}  peak RSS ${(Number(rss) / 1024).toFixed(0).padStart(5)} MB  ` +
      `train ${json.trainSize} × ${json.imageShape.join('×')}  signals ${(t.signalsMs! / 1000).toFixed(1)} s  selection ${(t.selectionMs! / 1000).toFixed(2)} s`,
  );
}

export async function runImportBench(quick = false): Promise<void> {
  console.log(`import + Random through the CLI (${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores)`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const cifar = join(dir, 'cifar-10-binary.tar.gz');
    const per = quick ? 1000 : 10_000;
    writeFileSync(cifar, cifar10Archive(per, per));
    measure(`CIFAR-10 format, ${(per * 6).toLocaleString('en')} images`, cifar, dir);
    const large = join(dir, 'large.zip');
    const count = quick ? 64 : 254;
    writeFileSync(large, largeImagesZip(count));
    measure(`${count} colour 512×512 PNGs`, large, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
