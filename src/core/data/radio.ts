/**
 * A synthetic radio-modulation dataset in the spirit of RadioML (O'Shea et al.): complex
 * baseband I/Q sequences of several digital modulations, each with a random carrier phase, a
 * small carrier-frequency offset and complex AWGN at an SNR drawn per sample from a grid
 * (−10 … 18 dB, step 2). It is FoQuS's home ground (docs/methods-decisions.md, "FoQuS").
 *
 * - 128 complex samples per sequence, 8 samples per symbol (16 symbols), raised-cosine pulse
 *   (roll-off 0.35, ±4 symbols; zero ISI at the symbol instants) or a rectangular pulse.
 * - Linear modulations use unit-energy constellations and a pulse scaled so the waveform's
 *   expected power is 1; GFSK (BT 0.35, h 0.5) has a constant unit envelope. So the noise
 *   variance 10^(−SNR/10) sets the SNR against unit signal power.
 * - Decision: the received sequence (signal + noise) is scaled to unit RMS, as a receiver's AGC
 *   does (option `agc`); the SNR is unchanged, and the model sees one input scale at every SNR.
 * - Stored as a Float32 Dataset of shape [128, 2] (time, I/Q), interleaved I, Q per sample, with
 *   the SNR bin per sample in `strata`. Sample i depends only on (seed, i): a bigger set starts
 *   with the rows of a smaller one.
 */
import { createRng, type Rng } from '../math/rng';
import { validateDataset, type Dataset } from './dataset';

export const RADIO_MODULATIONS = ['BPSK', 'QPSK', '8PSK', '16QAM', '64QAM', 'PAM4', 'GFSK'] as const;
export type Modulation = (typeof RADIO_MODULATIONS)[number];
/** The SNR grid in dB: −10, −8, …, 18. */
export const RADIO_SNRS: readonly number[] = Array.from({ length: 15 }, (_, i) => -10 + 2 * i);
export const RADIO_LENGTH = 128;
export const RADIO_SPS = 8;
/** Size of the generated test split (a different seed from the training rows). */
export const RADIO_TEST_SIZE = 4200;
/** Bump when the generator's output changes, so cached signals of old rows are not reused. */
export const RADIO_VERSION = 'radio-gen-2';

export type Pulse = 'raisedCosine' | 'rectangular';

export interface WaveformOptions {
  length?: number;
  sps?: number;
  pulse?: Pulse;
  rolloff?: number;
  /** Largest |carrier-frequency offset| in cycles per sample (drawn uniformly). */
  maxFreqOffset?: number;
  /** Random carrier phase in [0, 2π); off gives phase 0 (tests read the constellation). */
  randomPhase?: boolean;
}

const DEFAULTS: Required<WaveformOptions> = {
  length: RADIO_LENGTH,
  sps: RADIO_SPS,
  pulse: 'raisedCosine',
  rolloff: 0.35,
  maxFreqOffset: 0.001,
  randomPhase: true,
};

/** Unit-average-energy constellation points of a linear modulation (re, im pairs). */
export function constellation(mod: Exclude<Modulation, 'GFSK'>): { re: number[]; im: number[] } {
  const re: number[] = [];
  const im: number[] = [];
  const psk = (m: number, offset: number) => {
    for (let k = 0; k < m; k++) {
      re.push(Math.cos(offset + (2 * Math.PI * k) / m));
      im.push(Math.sin(offset + (2 * Math.PI * k) / m));
    }
  };
  const qam = (side: number) => {
    for (let a = 0; a < side; a++)
      for (let b = 0; b < side; b++) {
        re.push(2 * a - side + 1);
        im.push(2 * b - side + 1);
      }
  };
  if (mod === 'BPSK') psk(2, 0);
  else if (mod === 'QPSK') psk(4, Math.PI / 4);
  else if (mod === '8PSK') psk(8, 0);
  else if (mod === '16QAM') qam(4);
  else if (mod === '64QAM') qam(8);
  else
    for (const level of [-3, -1, 1, 3]) {
      re.push(level);
      im.push(0);
    }
  let energy = 0;
  for (let i = 0; i < re.length; i++) energy += re[i]! ** 2 + im[i]! ** 2;
  const s = 1 / Math.sqrt(energy / re.length);
  return { re: re.map((v) => v * s), im: im.map((v) => v * s) };
}

/** Raised-cosine impulse response at t symbols (1 at t = 0, 0 at every other integer). */
function raisedCosine(t: number, beta: number): number {
  if (t === 0) return 1;
  const edge = 1 / (2 * beta);
  if (Math.abs(Math.abs(t) - edge) < 1e-9)
    return (Math.PI / 4) * (Math.sin(Math.PI * edge) / (Math.PI * edge));
  return ((Math.sin(Math.PI * t) / (Math.PI * t)) * Math.cos(Math.PI * beta * t)) / (1 - (2 * beta * t) ** 2);
}

const RC_SPAN = 4;

/** Pulse taps at sample offsets −span·sps … span·sps (rectangular: 0 … sps−1), power-normalised. */
function pulseTaps(o: Required<WaveformOptions>): { taps: Float64Array; first: number } {
  if (o.pulse === 'rectangular') return { taps: new Float64Array(o.sps).fill(1), first: 0 };
  const half = RC_SPAN * o.sps;
  const taps = new Float64Array(2 * half + 1);
  for (let m = -half; m <= half; m++) taps[m + half] = raisedCosine(m / o.sps, o.rolloff);
  // Expected power of Σ a_k p(n − k·sps) with unit-energy i.i.d. symbols is Σ p² / sps.
  let e = 0;
  for (const v of taps) e += v * v;
  const s = 1 / Math.sqrt(e / o.sps);
  for (let i = 0; i < taps.length; i++) taps[i] = taps[i]! * s;
  return { taps, first: -half };
}

/** GFSK (BT 0.35, modulation index 0.5): constant envelope, phase from Gaussian-filtered bits. */
function gfsk(rng: Rng, o: Required<WaveformOptions>): { re: Float64Array; im: Float64Array } {
  const { length, sps } = o;
  const bt = 0.35;
  const h = 0.5;
  const sigma = (sps * Math.sqrt(Math.log(2))) / (2 * Math.PI * bt);
  const half = 2 * sps;
  const g = new Float64Array(2 * half + 1);
  let gs = 0;
  for (let m = -half; m <= half; m++) gs += g[m + half] = Math.exp(-(m * m) / (2 * sigma * sigma));
  const pad = 2;
  const symbols = Math.ceil(length / sps) + 2 * pad;
  const bits = Array.from({ length: symbols }, () => (rng.next() < 0.5 ? -1 : 1));
  const total = symbols * sps;
  const re = new Float64Array(length);
  const im = new Float64Array(length);
  let phase = 0;
  for (let n = 0; n < total; n++) {
    let f = 0;
    for (let m = -half; m <= half; m++) {
      const k = Math.floor((n - m) / sps);
      if (k >= 0 && k < symbols) f += g[m + half]! * bits[k]!;
    }
    // Each symbol adds π·h·b to the phase: the frequency pulse integrates to one symbol.
    phase += (Math.PI * h * (f / gs)) / sps;
    const at = n - pad * sps;
    if (at >= 0 && at < length) {
      re[at] = Math.cos(phase);
      im[at] = Math.sin(phase);
    }
  }
  return { re, im };
}

/**
 * One noise-free sequence, interleaved [I0, Q0, I1, Q1, …] (length 2·L), with expected power 1.
 * Symbol k of a linear modulation sits at sample k·sps (before phase and frequency offsets).
 */
export function radioWaveform(mod: Modulation, rng: Rng, options: WaveformOptions = {}): Float64Array {
  const o = { ...DEFAULTS, ...options };
  const { length, sps } = o;
  let re: Float64Array;
  let im: Float64Array;
  if (mod === 'GFSK') {
    ({ re, im } = gfsk(rng, o));
  } else {
    const c = constellation(mod);
    const m = c.re.length;
    const { taps, first } = pulseTaps(o);
    const lo = Math.floor(-(first + taps.length) / sps) - 1;
    const hi = Math.ceil((length - first) / sps) + 1;
    re = new Float64Array(length);
    im = new Float64Array(length);
    for (let k = lo; k <= hi; k++) {
      const s = rng.int(m);
      const ar = c.re[s]!;
      const ai = c.im[s]!;
      for (let j = 0; j < taps.length; j++) {
        const n = k * sps + first + j;
        if (n < 0 || n >= length) continue;
        re[n]! += ar * taps[j]!;
        im[n]! += ai * taps[j]!;
      }
    }
  }
  const phi0 = o.randomPhase ? 2 * Math.PI * rng.next() : 0;
  const df = o.maxFreqOffset > 0 ? (2 * rng.next() - 1) * o.maxFreqOffset : 0;
  const out = new Float64Array(2 * length);
  for (let n = 0; n < length; n++) {
    const a = phi0 + 2 * Math.PI * df * n;
    const c = Math.cos(a);
    const s = Math.sin(a);
    out[2 * n] = re[n]! * c - im[n]! * s;
    out[2 * n + 1] = re[n]! * s + im[n]! * c;
  }
  return out;
}

/** Complex AWGN at `snrDb` against unit signal power: I and Q each N(0, 10^(−SNR/10) / 2). */
export function awgn(count: number, snrDb: number, rng: Rng): Float64Array {
  const sd = Math.sqrt(10 ** (-snrDb / 10) / 2);
  const out = new Float64Array(2 * count);
  for (let i = 0; i < out.length; i++) out[i] = sd * rng.normal();
  return out;
}

export interface RadioOptions extends WaveformOptions {
  n: number;
  seed: number;
  name?: string;
  modulations?: readonly Modulation[];
  snrs?: readonly number[];
  /** Scale each received sequence to unit RMS (default on), as a receiver's AGC does. */
  agc?: boolean;
}

export function snrNames(snrs: readonly number[] = RADIO_SNRS): string[] {
  return snrs.map((s) => `${s} dB`);
}

export interface RadioSample {
  label: number;
  /** Index into the SNR grid. */
  snr: number;
  clean: Float64Array;
  noisy: Float64Array;
}

/** Row i of a radio set: depends only on (seed, i), so sets of any size share their first rows. */
export function radioSample(
  i: number,
  root: Rng,
  opts: Omit<RadioOptions, 'n' | 'seed' | 'name'> = {},
): RadioSample {
  const mods = opts.modulations ?? RADIO_MODULATIONS;
  const snrs = opts.snrs ?? RADIO_SNRS;
  const rng = root.fork(i);
  const label = i % mods.length;
  const snr = rng.int(snrs.length);
  const clean = radioWaveform(mods[label]!, rng, opts);
  const noise = awgn(clean.length / 2, snrs[snr]!, rng);
  const noisy = clean.map((v, j) => v + noise[j]!);
  if (opts.agc ?? true) {
    // A receiver's AGC: the received sequence at unit RMS. Signal and noise scale together, so
    // the SNR is unchanged, but a −10 dB sample no longer arrives 3× louder than an 18 dB one.
    let p = 0;
    for (const v of noisy) p += v * v;
    const g = 1 / Math.sqrt(p / (noisy.length / 2) || 1);
    for (let j = 0; j < noisy.length; j++) {
      noisy[j] = noisy[j]! * g;
      clean[j] = clean[j]! * g;
    }
  }
  return { label, snr, clean, noisy };
}

/** Labels cycle through the modulations (balanced); the SNR is drawn uniformly from the grid. */
export function makeRadio(opts: RadioOptions): Dataset {
  const { n, seed } = opts;
  if (!Number.isInteger(n) || n < 1 || n > 200000)
    throw new RangeError(`radio set size must be an integer in 1..200000, got ${n}`);
  const mods = opts.modulations ?? RADIO_MODULATIONS;
  const L = opts.length ?? RADIO_LENGTH;
  const x = new Float32Array(n * L * 2);
  const labels = new Uint8Array(n);
  const snrOf = new Uint8Array(n);
  const root = createRng(seed);
  for (let i = 0; i < n; i++) {
    const s = radioSample(i, root, opts);
    x.set(s.noisy, i * L * 2);
    labels[i] = s.label;
    snrOf[i] = s.snr;
  }
  return validateDataset({
    id: 'radio',
    name: opts.name ?? `radio I/Q ${n.toLocaleString('en')}`,
    x,
    scale: 1,
    shape: [L, 2],
    labels,
    numClasses: mods.length,
    classNames: [...mods],
    strata: { name: 'SNR', of: snrOf, names: snrNames(opts.snrs ?? RADIO_SNRS) },
  });
}
