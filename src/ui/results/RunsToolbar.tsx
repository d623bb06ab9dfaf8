import { useState } from 'react';
import { runsTableFile } from '../../state/exports';
import { downloadFile } from '../common/download';
import { ProjectFileButtons } from './ProjectFileButtons';
import { useApp, usePersistence } from '../context';

function storageNote(s: ReturnType<typeof useStorage>): string {
  if (!s) return '';
  if (s.status === 'restoring') return 'Restoring saved runs…';
  if (s.status === 'off') return 'Runs are not saved in this browser';
  if (s.status === 'error') return `Saving failed: ${s.message ?? 'unknown error'}`;
  return s.saved
    ? `${s.saved} run${s.saved > 1 ? 's' : ''} saved in this browser`
    : 'Runs are saved in this browser';
}

const useStorage = () => useApp((s) => s.storage);

/** Above the runs table: where runs are kept, the table as CSV, and clearing what is saved. */
export function RunsToolbar() {
  const runs = useApp((s) => s.runs);
  const storage = useStorage();
  const persistence = usePersistence();
  const [confirming, setConfirming] = useState(false);
  const finished = runs.filter((r) => r.status !== 'running' && r.status !== 'queued').length;
  return (
    <div className="toolbar" data-testid="results.toolbar">
      <span className={`storage-note ${storage?.status ?? ''}`} data-testid="results.storage" role="status">
        {storageNote(storage)}
      </span>
      <span className="toolbar-actions">
        <button
          type="button"
          className="small"
          data-testid="results.exportCsv"
          disabled={!runs.length}
          onClick={() => downloadFile(runsTableFile(runs))}
        >
          Export table (CSV)
        </button>
        <ProjectFileButtons />
        {persistence &&
          (confirming ? (
            <span className="confirm" role="group" aria-label="Confirm clearing saved runs">
              Delete {finished} finished run{finished === 1 ? '' : 's'} from this browser?
              <button
                type="button"
                className="small danger"
                data-testid="results.clearConfirm"
                autoFocus
                onClick={() => {
                  setConfirming(false);
                  void persistence.clearSaved();
                }}
              >
                Delete
              </button>
              <button type="button" className="small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="small"
              data-testid="results.clear"
              disabled={!finished}
              onClick={() => setConfirming(true)}
            >
              Clear saved runs…
            </button>
          ))}
      </span>
    </div>
  );
}
