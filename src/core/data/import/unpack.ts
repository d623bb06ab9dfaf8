/**
 * What the user handed over → the files inside: a ZIP or a tar is opened, gzip is inflated
 * (`x.tar.gz`, `train-images-idx3-ubyte.gz`), each against the caps. Anything else passes as is.
 */
import type { ImportLimits } from './errors';
import type { FileEntry } from './folder';
import { sniff } from './sniff';
import { gunzipCapped, readTar } from './tar';
import { readZip } from './zip';

export type Container = 'zip' | 'tar' | 'gzip' | 'none';

export interface Unpacked {
  files: FileEntry[];
  dirs: string[];
  container: Container;
}

export function unpack(
  given: FileEntry[],
  givenDirs: string[],
  name: string,
  limits: ImportLimits,
): Unpacked {
  let container: Container = 'none';
  const gunzipped = given.map((f) => {
    if (sniff(f.bytes) !== 'gzip') return f;
    container = 'gzip';
    return {
      path: f.path.replace(/\.t?gz$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : '')),
      bytes: gunzipCapped(f.bytes, f.path, limits),
    };
  });
  if (gunzipped.length === 1) {
    const only = gunzipped[0]!;
    const kind = sniff(only.bytes);
    if (kind === 'zip') return { ...readZip(only.bytes, name, limits), container: 'zip' };
    if (kind === 'tar') return { ...readTar(only.bytes, name, limits), container: 'tar' };
  }
  return { files: gunzipped, dirs: givenDirs, container };
}
