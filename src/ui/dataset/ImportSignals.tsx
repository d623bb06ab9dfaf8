import { useState } from 'react';
import type { ImportedKind } from '../../core/data/importedSignals';
import { useApp, useJobs } from '../context';

const WHAT: Record<ImportedKind, { label: string; use: string }> = {
  embeddings: { label: 'Embeddings', use: 'geometric methods use them with embedding = file' },
  scores: { label: 'Scores', use: 'the “Score from file” method ranks by them' },
};

function SignalFileRow({ kind }: { kind: ImportedKind }) {
  const jobs = useJobs();
  const info = useApp((s) => s.signalFiles?.[kind]);
  const error = useApp((s) => s.signalFiles?.errors?.[kind]);
  const numberingId = useApp((s) => s.data.summary?.source.id);
  const [busy, setBusy] = useState(false);
  const id = `signal-file-${kind}`;
  return (
    <div className="signal-file" data-testid={`signals.${kind}`}>
      <div className="row tight">
        <label htmlFor={id}>{WHAT[kind].label} (.npy or CSV)</label>
        <input
          id={id}
          data-testid={`signals.${kind}.file`}
          type="file"
          accept=".npy,.csv,.txt"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            setBusy(true);
            void jobs.importSignalFile(f, kind).finally(() => setBusy(false));
          }}
        />
        {info && (
          <button
            type="button"
            className="small"
            data-testid={`signals.${kind}.remove`}
            onClick={() => void jobs.removeSignalFile(kind)}
          >
            Remove
          </button>
        )}
      </div>
      {busy && (
        <p className="hint" role="status">
          Reading and checking…
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid={`signals.${kind}.error`}>
          Could not use it: {error}
          {info ? ` — ${info.name} stays in use.` : ''}
        </p>
      )}
      {info && (
        <p className="hint" data-testid={`signals.${kind}.summary`}>
          <b>{info.name}</b>: {info.rows.toLocaleString('en')} rows × {info.dim} ({info.format})
          {info.numberingId === numberingId
            ? `; ${WHAT[kind].use}.`
            : '; made for other data: not used with the data loaded now.'}
        </p>
      )}
    </div>
  );
}

/**
 * Embeddings and scores computed elsewhere (a PyTorch model's features, a cluster's per-sample
 * scores), one row per row of the data's own numbering, so one file serves every subset.
 */
export function ImportSignals() {
  const numbering = useApp((s) => s.data.summary?.source.numbering);
  return (
    <div className="import signals" data-testid="signals.import">
      <p className="hint">
        Bring embeddings or scores computed elsewhere: float32 / float64 <code>.npy</code> (N × d or N) or
        CSV, one row per {numbering ?? 'row of the whole training file'}.
      </p>
      <SignalFileRow kind="embeddings" />
      <SignalFileRow kind="scores" />
    </div>
  );
}
