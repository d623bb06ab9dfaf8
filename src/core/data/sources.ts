/**
 * Builds datasets from IDX assets through a loader the environment supplies (fetch in the
 * browser worker, the file system in the CLI), so parsing and validation are shared.
 */
import { FASHION_CLASSES, MNIST_CLASSES, validateDataset, type Dataset } from './dataset';
import { parseIdxPair } from './idx';

export type AssetName =
  | 'mnist-train-images.idx'
  | 'mnist-train-labels.idx'
  | 'mnist-test-images.idx'
  | 'mnist-test-labels.idx'
  | 'fashion-train-images.idx'
  | 'fashion-train-labels.idx'
  | 'fashion-test-images.idx'
  | 'fashion-test-labels.idx';

export type AssetLoader = (name: AssetName) => Promise<Uint8Array>;

export type ImageSource = 'mnist' | 'fashion';

export async function loadImageSplit(
  source: ImageSource,
  split: 'train' | 'test',
  load: AssetLoader,
): Promise<Dataset> {
  const base = `${source}-${split}` as const;
  const [images, labels] = await Promise.all([load(`${base}-images.idx`), load(`${base}-labels.idx`)]);
  const title = source === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  const p = parseIdxPair(images, labels, `${title} ${split}`);
  return validateDataset({
    id: source,
    name: `${title} ${split}`,
    x: p.pixels,
    scale: 1 / 255,
    shape: [p.height, p.width, 1],
    labels: p.labels,
    numClasses: 10,
    classNames: source === 'mnist' ? MNIST_CLASSES : FASHION_CLASSES,
  });
}
