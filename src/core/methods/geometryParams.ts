/**
 * Params shared by the methods that work on embeddings: which embeddings (ml/signals.ts
 * embeddingSourceOf reads `embedding`), and how facility-location coverage is stored.
 */
import type { ParamSpec } from './params';

export type EmbeddingChoice = 'pixels' | 'penultimate' | 'lastLayerGrads' | 'file';

/**
 * Which embeddings a geometric method measures distances in, defaulting to what its paper uses
 * (`why` says so in the help). `file`: embeddings imported by the user (--embeddings FILE, or
 * imported beside the data in the app), in the dataset's own numbering.
 */
export function embeddingParam(def: EmbeddingChoice, why: string): ParamSpec {
  return {
    name: 'embedding',
    type: 'enum',
    default: def,
    options: ['pixels', 'penultimate', 'lastLayerGrads', 'file'],
    help: `pixels: PCA-32 of the inputs (training-free); penultimate: features of the recorded model; lastLayerGrads: closed-form last-layer gradient embeddings; file: your imported embeddings. Default ${def}: ${why}`,
  };
}

/** Training-free methods (SubZeroCore, intra-class): pixels by default. */
export const EMBEDDING_PARAM: ParamSpec = embeddingParam(
  'pixels',
  'the method is training-free, as in its paper.',
);

export const GRAPH_PARAM: ParamSpec = {
  name: 'graph',
  type: 'enum',
  default: 'auto',
  options: ['auto', 'dense', 'knn'],
  help: 'dense: full similarity block (memory grows as N²); knn: sparse top-K′ neighbour graph; auto: dense up to 5000 rows per block.',
};

export const NEIGHBOURS_PARAM: ParamSpec = {
  name: 'neighbours',
  type: 'number',
  default: 64,
  min: 5,
  max: 256,
  step: 1,
  integer: true,
  help: 'K′: neighbours per sample in the sparse graph.',
};
