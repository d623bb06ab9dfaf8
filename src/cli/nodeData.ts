/** Reads the generated IDX assets from public/data for the CLI and Node tests. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetLoader } from '../core/data/sources';
import { providerFromLoader, type SplitProvider } from '../core/data/prepare';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data');

export const nodeAssetLoader: AssetLoader = async (name) => {
  const path = join(DATA_DIR, name);
  if (!existsSync(path))
    throw new Error(`dataset asset ${name} is missing from public/data: run \`npm install\` (its postinstall builds them)`);
  return new Uint8Array(await readFile(path));
};

export function nodeSplitProvider(): SplitProvider {
  return providerFromLoader(nodeAssetLoader);
}
