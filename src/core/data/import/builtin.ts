/**
 * The built-in colour set (colourShapes) served through the importer, so it is data 'custom'
 * like any import: the same split rules, hash (cache key) and views. Same options, same hash.
 */
import { COLOUR_SHAPES_CLASSES, COLOUR_SHAPES_VERSION, makeColourShapes } from '../colourShapes';
import { importArrays, type ImportedData } from './importData';

export interface BuiltinColourOptions {
  n?: number;
  seed?: number;
  difficulty?: number;
}

export const BUILTIN_COLOUR_DEFAULTS = { n: 6000, seed: 1, difficulty: 0.5 } as const;

export function importColourShapes(opts: BuiltinColourOptions = {}): ImportedData {
  const { n, seed, difficulty } = { ...BUILTIN_COLOUR_DEFAULTS, ...opts };
  const { pixels, labels } = makeColourShapes({ n, seed, difficulty });
  return importArrays(
    {
      source: 'built-in',
      pixels,
      labels,
      classNames: COLOUR_SHAPES_CLASSES,
      shape: [32, 32, 3],
      sourceNames: Array.from(labels, (_, i) => `colour-shapes-v${COLOUR_SHAPES_VERSION}#${i}`),
      notes: [`generated: ${n} images, seed ${seed}, difficulty ${difficulty}`],
    },
    `colour shapes (difficulty ${difficulty})`,
    { seed },
  );
}
