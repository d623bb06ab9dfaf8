/**
 * `--dataset PATH`: the user's own data from disk — a ZIP, tar or tar.gz, a folder of class
 * folders, a CIFAR binary release, a CSV, or an IDX images file, gzipped or not (its labels file
 * is found beside it). Only regular files are read: a device or a FIFO is refused at once, never
 * read (reading /dev/zero never ends; a FIFO blocks). Parsed by the same core importer as
 * the browser, then served to prepareData as dataset 'custom'.
 */
import { existsSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { FileEntry } from '../core/data/import/folder';
import { importFiles, type ImportedData } from '../core/data/import/importData';
import { BUILTIN_COLOUR_DEFAULTS, importColourShapes } from '../core/data/import/builtin';
import { DEFAULT_LIMITS, ImportError, mb } from '../core/data/import/errors';
import { UsageError } from './args';

const imported = new Map<string, ImportedData>();

/** The imported sets of this process, for nodeSplitProvider. */
export function importedData(id: string): ImportedData | undefined {
  return imported.get(id);
}

/** `colour-shapes` or `colour-shapes:D` (difficulty 0–1): the built-in colour set; undefined for anything else. */
export function importBuiltin(raw: string): ImportedData | undefined {
  const m = /^colour-shapes(?::(.*))?$/.exec(raw);
  if (!m) return undefined;
  const difficulty = m[1] === undefined ? BUILTIN_COLOUR_DEFAULTS.difficulty : Number(m[1]);
  if (!(m[1] === undefined || (m[1] !== '' && difficulty >= 0 && difficulty <= 1)))
    throw new UsageError(`--dataset colour-shapes:D takes a difficulty D in 0–1, got "${m[1]}"`);
  const data = importColourShapes({ difficulty });
  imported.set(data.report.hash, data);
  return data;
}

export function importPath(path: string, resize?: { width: number; height: number }): ImportedData {
  if (!existsSync(path))
    throw new UsageError(
      `--dataset: ${path} does not exist (datasets: mnist, fashion, toy, radio, or a path to your data)`,
    );
  const files: FileEntry[] = [];
  const dirs: string[] = [];
  let total = 0;
  const add = (file: string, as: string) => {
    const st = statSync(file);
    if (!st.isFile())
      throw new UsageError(
        `--dataset: ${file} is ${kindOf(st)}, not a regular file; give a file or a folder of files`,
      );
    total += st.size;
    if (total > DEFAULT_LIMITS.maxBytes)
      throw new ImportError(
        'too-large',
        `${path} holds more than ${mb(DEFAULT_LIMITS.maxBytes)}; at most that much is accepted`,
      );
    if (files.length >= DEFAULT_LIMITS.maxImages)
      throw new ImportError(
        'too-many',
        `${path} holds more than ${DEFAULT_LIMITS.maxImages} files; at most that many are accepted`,
      );
    files.push({ path: as, bytes: new Uint8Array(readFileSync(file)) });
  };
  const top = statSync(path);
  if (!top.isDirectory() && !top.isFile())
    throw new UsageError(
      `--dataset: ${path} is ${kindOf(top)}, not a file or folder; give a file or a folder of files`,
    );
  if (top.isDirectory()) {
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, e.name);
        const rel = relative(path, full).split('\\').join('/');
        if (e.isDirectory()) {
          dirs.push(rel + '/');
          walk(full);
        } else if (e.isFile()) add(full, rel);
        // Links, FIFOs, sockets and devices inside the folder are not data: skipped, never opened.
      }
    };
    walk(path);
  } else {
    add(path, basename(path));
    const partner = idxPartner(path);
    if (partner) add(partner, basename(partner));
  }
  const data = importFiles(files, basename(path), { resize, dirs });
  imported.set(data.report.hash, data);
  return data;
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The labels file beside an IDX images file (or the images beside labels), by the usual names. */
function idxPartner(path: string): string | undefined {
  const name = basename(path);
  const swap = (n: string, a: string, b: string) => n.replace(a, b);
  const candidates = [
    swap(swap(name, 'images', 'labels'), 'idx3', 'idx1'),
    swap(swap(name, 'labels', 'images'), 'idx1', 'idx3'),
    swap(name, 'images', 'labels'),
    swap(name, 'labels', 'images'),
  ];
  for (const c of candidates) {
    const other = join(dirname(path), c);
    if (c !== name && existsSync(other)) return other;
  }
  return undefined;
}
