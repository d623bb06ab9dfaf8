import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import {
  RADIO_MODULATIONS,
  RADIO_SNRS,
  RADIO_SPS,
  constellation,
  makeRadio,
  radioSample,
  radioWaveform,
  type Modulation,
} from './radio';
import { subsetDataset } from './dataset';

const power = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return s;
};

// Rounded to 1e-4, with −0 folded into 0.
const key = (v: number) => (Math.round(v * 1e4) / 1e4 + 0).toFixed(4);

describe('synthetic radio set', () => {
  it('the SNR measured from the generated signal matches the request within 0.5 dB', () => {
    for (const snr of [-10, -4, 0, 6, 12, 18]) {
      const root = createRng(snr + 100);
      let ps = 0;
      let pn = 0;
      for (let i = 0; i < 280; i++) {
        const s = radioSample(i, root, { snrs: [snr] });
        ps += power(s.clean);
        pn += power(s.noisy.map((v, j) => v - s.clean[j]!));
      }
      expect(Math.abs(10 * Math.log10(ps / pn) - snr)).toBeLessThan(0.5);
    }
  });

  it('every modulation has unit average power', () => {
    for (const mod of RADIO_MODULATIONS) {
      const rng = createRng(3);
      let p = 0;
      const reps = 300;
      for (let r = 0; r < reps; r++) p += power(radioWaveform(mod, rng)) / 128;
      expect(Math.abs(p / reps - 1)).toBeLessThan(0.06);
    }
  });

  it('noise-free symbol instants of each linear modulation hit exactly its constellation points', () => {
    const expected: Record<Exclude<Modulation, 'GFSK'>, number> = {
      BPSK: 2,
      QPSK: 4,
      '8PSK': 8,
      '16QAM': 16,
      '64QAM': 64,
      PAM4: 4,
    };
    for (const pulse of ['raisedCosine', 'rectangular'] as const) {
      for (const [mod, m] of Object.entries(expected) as [Exclude<Modulation, 'GFSK'>, number][]) {
        expect(constellation(mod).re).toHaveLength(m);
        const rng = createRng(11);
        const points = new Set<string>();
        for (let r = 0; r < 400; r++) {
          const w = radioWaveform(mod, rng, { pulse, randomPhase: false, maxFreqOffset: 0 });
          for (let n = 0; n < 128; n += RADIO_SPS) points.add(`${key(w[2 * n]!)},${key(w[2 * n + 1]!)}`);
        }
        expect(points.size, `${mod} (${pulse})`).toBe(m);
      }
    }
  });

  it('GFSK keeps a constant unit envelope', () => {
    const w = radioWaveform('GFSK', createRng(5));
    for (let n = 0; n < 128; n++) expect(Math.hypot(w[2 * n]!, w[2 * n + 1]!)).toBeCloseTo(1, 6);
  });

  it('is deterministic, balanced, and a larger set starts with the rows of a smaller one', () => {
    const a = makeRadio({ n: 140, seed: 9 });
    const b = makeRadio({ n: 140, seed: 9 });
    const big = makeRadio({ n: 300, seed: 9 });
    const other = makeRadio({ n: 140, seed: 10 });
    expect(a.x).toEqual(b.x);
    expect(a.strata!.of).toEqual(b.strata!.of);
    expect(big.x.subarray(0, a.x.length)).toEqual(a.x);
    expect(other.x).not.toEqual(a.x);
    expect(a.shape).toEqual([128, 2]);
    expect(a.numClasses).toBe(RADIO_MODULATIONS.length);
    expect(a.strata!.names).toHaveLength(RADIO_SNRS.length);
    const perClass = new Array<number>(a.numClasses).fill(0);
    for (const l of a.labels) perClass[l]!++;
    expect(perClass.every((c) => c === 20)).toBe(true);
    // Every SNR of the grid shows up in a few hundred rows.
    expect(new Set(big.strata!.of).size).toBe(RADIO_SNRS.length);
  });

  it('subsetting carries the SNR strata with the rows', () => {
    const ds = makeRadio({ n: 50, seed: 2 });
    const sub = subsetDataset(ds, [7, 3, 40]);
    expect(Array.from(sub.strata!.of)).toEqual([ds.strata!.of[7], ds.strata!.of[3], ds.strata!.of[40]]);
  });
});
