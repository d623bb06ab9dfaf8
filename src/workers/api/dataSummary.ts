/**
 * What the page is told about data just loaded: its shape, classes and counts, a few sample rows
 * per class (pixels or I/Q sequences), the toy set's points, labels and ground truth, and its own
 * numbering. Every array is a fresh copy made for the message, so it can be transferred.
 */
import { classCounts } from '../../core/budget/budgets';
import { featureDim, isSequenceDataset, pointsOf } from '../../core/data/dataset';
import { countMarked } from '../../core/data/keptTruth';
import type { DataSpec, PreparedData } from '../../core/data/prepare';
import { sourceNumberingOf } from '../../core/data/sourceNumbering';
import type { DataSummary } from './types';

const SAMPLES_PER_CLASS = 6;

/** Pixels of the given training rows (h·w·c bytes each); empty for data that is not images. */
export function imageRows(data: PreparedData, rows: number[]): Uint8Array {
  if (data.train.shape.length !== 3 || !(data.train.x instanceof Uint8Array)) return new Uint8Array(0);
  const dim = data.train.shape.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(rows.length * dim);
  const x = data.train.x;
  rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

/** Sequence values of the given training rows (radio I/Q: length·2 floats each); empty otherwise. */
export function sequenceRows(data: PreparedData, rows: number[]): Float32Array {
  if (!isSequenceDataset(data.train) || !(data.train.x instanceof Float32Array)) return new Float32Array(0);
  const dim = featureDim(data.train);
  const out = new Float32Array(rows.length * dim);
  const x = data.train.x;
  rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

export function summarize(spec: DataSpec, data: PreparedData, key: string, loadMs: number): DataSummary {
  const { train, test, truth } = data;
  const sampleRows: number[] = [];
  for (let c = 0; c < train.numClasses; c++) {
    let taken = 0;
    for (let i = 0; i < train.labels.length && taken < SAMPLES_PER_CLASS; i++)
      if (train.labels[i] === c) {
        sampleRows.push(i);
        taken++;
      }
  }
  return {
    key,
    name: train.name,
    n: train.labels.length,
    testN: test.labels.length,
    shape: train.shape,
    numClasses: train.numClasses,
    classNames: train.classNames,
    classCounts: classCounts(train.labels, train.numClasses),
    testClassCounts: classCounts(test.labels, test.numClasses),
    sampleRows,
    samplePixels: train.shape.length === 3 ? imageRows(data, sampleRows) : undefined,
    sampleSignals: isSequenceDataset(train) ? sequenceRows(data, sampleRows) : undefined,
    points: pointsOf(train)?.slice(),
    strata: train.strata ? { ...train.strata, of: train.strata.of.slice() } : undefined,
    labels: train.labels.slice(),
    noisyCount: countMarked(truth.noisyMask) ?? 0,
    oodCount: countMarked(truth.oodMask) ?? 0,
    truth: { noisyMask: truth.noisyMask?.slice(), oodMask: truth.oodMask?.slice() },
    source: sourceNumberingOf(spec, data),
    sourceRows: truth.sourceRows.slice(),
    sourceNames: train.sourceNames ? [...train.sourceNames] : undefined,
    loadMs,
  };
}
