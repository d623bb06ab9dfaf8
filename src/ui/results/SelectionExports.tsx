import { selectionFile } from '../../state/exports';
import type { RunRecord } from '../../state/types';
import { downloadFile } from '../common/download';

/** The kept rows with their labels and scores, as files to take to another tool. */
export function SelectionExports({ run }: { run: RunRecord }) {
  return (
    <div className="export-actions selection" role="group" aria-label="Export the selection">
      <span className="legend-note">
        Selection ({run.size.toLocaleString('en')} rows, labels{run.scores ? ', scores' : ''}):
      </span>
      <button
        type="button"
        className="small"
        data-testid="run.exportJson"
        onClick={() => downloadFile(selectionFile(run, 'json'))}
      >
        JSON
      </button>
      <button
        type="button"
        className="small"
        data-testid="run.exportCsv"
        onClick={() => downloadFile(selectionFile(run, 'csv'))}
      >
        CSV
      </button>
    </div>
  );
}
