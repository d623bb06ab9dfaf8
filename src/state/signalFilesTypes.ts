/** The store's slice for embeddings and scores imported beside the data (signalFiles.ts fills it). */
import type { ImportedKind } from '../core/data/importedSignals';
import type { SignalFileInfo } from '../workers/api/signalFiles';

export interface SignalFilesState {
  embeddings?: SignalFileInfo;
  scores?: SignalFileInfo;
  /** The last refused file's reason, per kind. */
  errors?: Partial<Record<ImportedKind, string>>;
}
