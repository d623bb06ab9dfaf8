/**
 * Embeddings and scores imported beside the data: read on the main thread (file I/O only),
 * parsed and checked against the loaded data's numbering in the worker. The bytes are moved to
 * the worker, not copied; the file itself (a handle, not its bytes) is kept here and read again
 * for a worker that crashed or was stopped, before its next run. A file that fails its checks
 * leaves the one loaded before in use.
 */
import type { ImportedKind } from '../core/data/importedSignals';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { SignalFileResultDto } from '../workers/api/signalFiles';
import type { LabClient } from '../workers/client/labClient';
import type { SignalFilesState } from './signalFilesTypes';
import type { AppStore } from './store';

export interface PickedSignalFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export function createSignalFileJobs(
  store: AppStore,
  client: LabClient,
  ensureData: (spec: ExperimentSpec) => Promise<boolean>,
) {
  const kept = new Map<ImportedKind, { file: PickedSignalFile; generation: number }>();
  const state = (): SignalFilesState => store.getState().signalFiles ?? {};
  const setError = (kind: ImportedKind, message: string | undefined) =>
    store.setState({ signalFiles: { ...state(), errors: { ...state().errors, [kind]: message } } });

  return {
    /** Reads and checks the file; on success it replaces the one of its kind. */
    async importSignalFile(file: PickedSignalFile, kind: ImportedKind): Promise<SignalFileResultDto> {
      const spec = store.getState().spec;
      let r: SignalFileResultDto;
      try {
        if (!(await ensureData(spec)))
          r = { ok: false, message: 'load the data first: the file’s rows are checked against it' };
        else {
          const bytes = new Uint8Array(await file.arrayBuffer());
          r = await client.importSignalFile(bytes, file.name, kind, spec);
          if (r.ok) kept.set(kind, { file, generation: client.generation });
        }
      } catch (e) {
        r = { ok: false, message: `${file.name}: ${(e as Error).message}` };
      }
      if (r.ok) {
        const { ok: _ok, ...info } = r;
        store.setState({
          signalFiles: { ...state(), [kind]: info, errors: { ...state().errors, [kind]: undefined } },
        });
      } else setError(kind, r.message);
      return r;
    },
    async removeSignalFile(kind: ImportedKind): Promise<void> {
      kept.delete(kind);
      store.setState({
        signalFiles: { ...state(), [kind]: undefined, errors: { ...state().errors, [kind]: undefined } },
      });
      if (client.generation > 0) await client.removeSignalFile(kind).catch(() => undefined);
    },
    /**
     * Before a run in a fresh worker (its data already loaded for `spec`), give it the files
     * again — only those made for the loaded data's numbering.
     */
    async ensureSignalFiles(spec: ExperimentSpec): Promise<void> {
      const numbering = store.getState().data.summary?.source.id;
      for (const [kind, k] of kept) {
        if (k.generation === client.generation || state()[kind]?.numberingId !== numbering) continue;
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await k.file.arrayBuffer());
        } catch (e) {
          // Moved or changed on disk since it was picked: the run goes on without it.
          kept.delete(kind);
          store.setState({ signalFiles: { ...state(), [kind]: undefined } });
          setError(kind, `${k.file.name} could not be read again (${(e as Error).message}): import it again`);
          continue;
        }
        const r = await client.importSignalFile(bytes, k.file.name, kind, spec);
        if (r.ok) k.generation = client.generation;
      }
    },
  };
}
