/**
 * Importing the user's own files: read them on the main thread (file I/O only), parse them in
 * the worker, then load them as dataset 'custom'. The bytes are moved to the worker, not copied;
 * the files themselves (handles, not their bytes) are kept here and read again for a worker that
 * crashed or was stopped, without asking the user. A failed import leaves whatever was loaded
 * before untouched.
 */
import type { FileEntry } from '../core/data/import/folder';
import type { ImportResultDto } from '../workers/api/customData';
import type { LabClient } from '../workers/client/labClient';
import { setSpec, type AppStore } from './store';

interface Imported {
  files: PickedFile[];
  /** The built-in colour set at this difficulty (no files). */
  builtin?: number;
  name: string;
  resize?: { width: number; height: number };
  id: string;
  generation: number;
}

/** A browser File with the folder path a directory picker gives it. */
export interface PickedFile {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const pathOf = (f: PickedFile): string => f.webkitRelativePath || f.name;

/** Fresh bytes of every file (they are moved to the worker, so each send reads its own). */
async function read(files: PickedFile[]): Promise<FileEntry[]> {
  return Promise.all(
    files.map(async (f) => {
      try {
        return { path: pathOf(f), bytes: new Uint8Array(await f.arrayBuffer()) };
      } catch (e) {
        throw new Error(
          `${pathOf(f)} could not be read (${(e as Error).message}): moved or changed since it was picked? Import the files again`,
        );
      }
    }),
  );
}

export function createImportJobs(store: AppStore, client: LabClient, loadData: () => Promise<boolean>) {
  let last: Imported | undefined;

  async function send(
    files: PickedFile[],
    name: string,
    resize?: Imported['resize'],
    builtin?: number,
  ): Promise<ImportResultDto> {
    const r =
      builtin === undefined
        ? await client.importData(await read(files), name, resize)
        : await client.importBuiltin(builtin);
    if (r.ok) last = { files, name, resize, builtin, id: r.report.hash, generation: client.generation };
    return r;
  }

  async function use(r: ImportResultDto): Promise<ImportResultDto> {
    if (r.ok) {
      setSpec(store, {
        dataset: 'custom',
        customId: r.report.hash,
        corruption: { ...store.getState().spec.corruption, ood: 0 },
      });
      await loadData();
    }
    return r;
  }

  return {
    /** Reads, parses and (when it parses) loads the files; the result says what went wrong. */
    async importFiles(picked: PickedFile[], resize?: Imported['resize']): Promise<ImportResultDto> {
      const first = picked[0] ? pathOf(picked[0]) : '';
      const name = picked.length === 1 ? first : first.split('/')[0] || `${picked.length} files`;
      return use(await send(picked, name, resize));
    },
    /** Generates the built-in colour set in the worker and loads it like an import. */
    async importBuiltin(difficulty: number): Promise<ImportResultDto> {
      return use(await send([], `colour shapes (difficulty ${difficulty})`, undefined, difficulty));
    },
    /** Before loading 'custom' data into a fresh worker, give it the files again. */
    async ensureImported(customId: string | undefined): Promise<void> {
      if (!last || last.id !== customId || last.generation === client.generation) return;
      const r = await send(last.files, last.name, last.resize, last.builtin);
      if (!r.ok) throw new Error(r.message);
    },
    lastImport: (): Pick<Imported, 'name' | 'id'> | undefined =>
      last ? { name: last.name, id: last.id } : undefined,
  };
}
