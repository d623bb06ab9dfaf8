/**
 * The CLI end to end on the radio set: `select --dataset radio --method foqus --evaluate` runs in
 * a child process (as a user would call it) and reports accuracy per SNR; OOD on radio is a usage
 * error naming the field.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RADIO_SNRS } from '../core/data/radio';

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const main = join(process.cwd(), 'src', 'cli', 'main.ts');
  return new Promise((resolve) => {
    execFile(tsx, [main, ...args], { cwd, timeout: 240_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('CLI on the radio set', () => {
  it('select --dataset radio --method foqus --evaluate writes the coreset and accuracy per SNR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-radio-'));
    const out = join(dir, 'foqus.json');
    const r = await cli(
      [
        'select',
        '--dataset',
        'radio',
        '--train-size',
        '210',
        '--method',
        'foqus',
        '--fraction',
        '0.2',
        '--evaluate',
        '--model',
        'cnn',
        '--epochs',
        '2',
        '--seed',
        '3',
        '--out',
        out,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      dataset: string;
      budget: number;
      indices: number[];
      perClassCounts: number[];
      scores: number[];
      evaluation: {
        accuracy: number;
        stratum: string;
        perStratumAccuracy: Record<string, number>;
        backend: string;
      };
    };
    expect(json.dataset).toBe('radio');
    expect(json.budget).toBe(42);
    expect(new Set(json.indices).size).toBe(42);
    expect(json.perClassCounts.reduce((a, b) => a + b, 0)).toBe(42);
    expect(json.scores).toHaveLength(210);
    expect(json.evaluation.backend).toBe('wasm');
    expect(json.evaluation.stratum).toBe('SNR');
    expect(Object.keys(json.evaluation.perStratumAccuracy)).toEqual(RADIO_SNRS.map((s) => `${s} dB`));
    for (const a of Object.values(json.evaluation.perStratumAccuracy)) expect(a).toBeGreaterThanOrEqual(0);
    expect(json.evaluation.accuracy).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it('refuses OOD injection on radio data with the field named', async () => {
    const r = await cli(['select', '--dataset', 'radio', '--ood', '0.1'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corruption\.ood|OOD injection needs an image dataset/);
  }, 120_000);
});
