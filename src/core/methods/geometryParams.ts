/**
 * Params shared by the methods that work on embeddings: which embeddings (ml/signals.ts
 * embeddingSourceOf reads `embedding`), and how facility-location coverage is stored.
 */
import type { ParamSpec } from './params';

export const EMBEDDING_PARAM: ParamSpec = {
  name: 'embedding',
  type: 'enum',
  default: 'pixels',
  options: ['pixels', 'penultimate', 'lastLayerGrads'],
  help: 'pixels: PCA of the inputs (training-free, the paper’s setting); penultimate: features of the recorded model; lastLayerGrads: closed-form last-layer gradient embeddings.',
};

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
