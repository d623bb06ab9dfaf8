/**
 * The user's imported data lives in the worker (parsed there, off the main thread), keyed by its
 * content hash; specs name it with dataset 'custom' + customId. The last few imports are kept so
 * switching back is instant. Import problems come back as data (Comlink would drop the
 * ImportError's problem code and sizes), so the UI can say exactly what is wrong.
 */
import { importColourShapes } from '../../core/data/import/builtin';
import { ImportError, type ImportProblem, type SizeCount } from '../../core/data/import/errors';
import type { FileEntry } from '../../core/data/import/folder';
import {
  importFiles,
  type ImportedData,
  type ImportOptions,
  type ImportReport,
} from '../../core/data/import/importData';
import type { SplitProvider } from '../../core/data/prepare';

export type ImportResultDto =
  | { ok: true; report: ImportReport; trainN: number; testN: number }
  | { ok: false; problem: ImportProblem | 'error'; message: string; sizes?: SizeCount[] };

const KEEP = 3;

export function createCustomStore() {
  const sets = new Map<string, ImportedData>();
  return {
    import(files: FileEntry[], name: string, opts: Omit<ImportOptions, 'limits'> = {}): ImportResultDto {
      return keep(name, () => importFiles(files, name, opts));
    },
    /** The built-in colour set (generated here, in the worker). */
    builtin(difficulty: number): ImportResultDto {
      return keep('colour shapes', () => importColourShapes({ difficulty }));
    },
    get(id: string): ImportedData | undefined {
      return sets.get(id);
    },
  };

  function keep(name: string, make: () => ImportedData): ImportResultDto {
    try {
      const data = make();
      sets.delete(data.report.hash);
      sets.set(data.report.hash, data);
      while (sets.size > KEEP) sets.delete(sets.keys().next().value!);
      return {
        ok: true,
        report: data.report,
        trainN: data.train.labels.length,
        testN: data.test.labels.length,
      };
    } catch (e) {
      if (e instanceof ImportError)
        return { ok: false, problem: e.problem, message: e.message, sizes: e.sizes };
      return { ok: false, problem: 'error', message: `${name}: ${(e as Error).message}` };
    }
  }
}

export type CustomStore = ReturnType<typeof createCustomStore>;

/** `provider` plus the imported sets. */
export function withCustom(provider: SplitProvider, store: CustomStore): SplitProvider {
  return {
    split: (source, which) => provider.split(source, which),
    labels: provider.labels?.bind(provider),
    precut: provider.precut?.bind(provider),
    custom(id) {
      const d = store.get(id);
      if (!d)
        return Promise.reject(
          new Error(`imported data ${id} is not loaded in this session: import the files again`),
        );
      return Promise.resolve({ train: d.train, test: d.test });
    },
  };
}
