/**
 * A trained model in TensorFlow.js's own layers-model format: `model.json` (topology + weights
 * manifest) and one `weights.bin`, the pair `tf.loadLayersModel('.../model.json')` reads (and
 * `tensorflowjs_converter --input_format=tfjs_layers_model` converts to Keras). Files as bytes:
 * the CLI writes them to disk; the host decides where they go.
 */
import * as tf from '@tensorflow/tfjs';

export interface ModelFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
}

export async function modelFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.concatenateArrayBuffers(artifacts.weightData ?? []);
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (Coreset Workbench)`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { 'model.json': JSON.stringify(json), 'weights.bin': new Uint8Array(weights) };
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    }),
  );
  if (!files) throw new Error('the model was not saved');
  return files;
}

/** Reads the pair back (tests, and a check that what was written loads). */
export async function modelFromFiles(files: ModelFiles): Promise<tf.LayersModel> {
  const json = JSON.parse(files['model.json']) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const w = files['weights.bin'];
  const buffer = w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory(json.modelTopology, json.weightsManifest[0]!.weights, buffer));
}
