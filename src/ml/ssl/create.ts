/** Builds the SSL algorithm a run asks for (the one place that knows all three). */
import type * as tf from '@tensorflow/tfjs';
import type { SslAlgorithmName } from '../../core/methods/retrieve/retrieve';
import { DEFAULT_SSL_OPTIONS, type SslAlgorithm, type SslAlgorithmOptions } from './algorithm';
import { createFixMatch } from './fixmatch';
import { createMeanTeacher } from './meanTeacher';
import { createVat } from './vat';

export function createAlgorithm(
  name: SslAlgorithmName,
  student: tf.LayersModel,
  makeTeacher: () => tf.LayersModel,
  options: Partial<SslAlgorithmOptions> = {},
): SslAlgorithm {
  const o = { ...DEFAULT_SSL_OPTIONS, ...options };
  switch (name) {
    case 'fixmatch':
      return createFixMatch(o);
    case 'meanteacher':
      return createMeanTeacher(student, makeTeacher, o);
    case 'vat':
      return createVat(o);
    default:
      throw new RangeError(`unknown SSL algorithm "${String(name)}"; use fixmatch, meanteacher or vat`);
  }
}
