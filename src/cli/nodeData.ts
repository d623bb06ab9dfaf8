/** Reads the generated IDX assets from public/data for the CLI and Node tests. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetLoader } from '../core/data/sources';
import { providerFromLoader, type SplitProvider } from '../core/data/prepare';
import { importedData } from './importPath';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data');

export const nodeAssetLoader: AssetLoader = async (name) => {
  const path = join(DATA_DIR, name);
  if (!existsSync(path))
    throw new Error(
      `dataset asset ${name} is missing from public/data: run \`npm install\` (its postinstall builds them)`,
    );
  return new Uint8Array(await readFile(path));
};

/** The standard splits from public/data, plus data imported with --dataset PATH. */
export function nodeSplitProvider(): SplitProvider {
  const base = providerFromLoader(nodeAssetLoader);
  return {
    split: (source, which) => base.split(source, which),
    labels: base.labels?.bind(base),
    precut: base.precut?.bind(base),
    custom(id) {
      const d = importedData(id);
      return d
        ? Promise.resolve({ train: d.train, test: d.test })
        : Promise.reject(new Error(`imported data ${id} was not read in this run`));
    },
  };
}
