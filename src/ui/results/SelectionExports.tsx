import { indicesFile, scoresFile, selectionFile, type ExportFile } from '../../state/exports';
import type { RunRecord } from '../../state/types';
import { downloadFile } from '../common/download';

function Button({
  id,
  label,
  title,
  file,
}: {
  id: string;
  label: string;
  title: string;
  file: () => ExportFile;
}) {
  return (
    <button
      type="button"
      className="small"
      data-testid={id}
      title={title}
      onClick={() => downloadFile(file())}
    >
      {label}
    </button>
  );
}

/**
 * The kept rows with their labels and scores, as files to take to another tool; rows are also
 * given in the dataset's own numbering (sourceIndices), so PyTorch can build a Subset from them.
 */
export function SelectionExports({ run }: { run: RunRecord }) {
  const numbering = run.source ? `rows in ${run.source.numbering}` : 'rows of the training subset';
  return (
    <div className="export-actions selection" role="group" aria-label="Export the selection">
      <span className="legend-note" title={numbering}>
        Kept rows ({run.size.toLocaleString('en')}, labels{run.scores ? ', scores' : ''}
        {run.source ? ', in the dataset’s own numbering' : ''}):
      </span>
      <Button
        id="run.exportJson"
        label="JSON"
        title="Kept rows with labels, scores and provenance"
        file={() => selectionFile(run, 'json')}
      />
      <Button
        id="run.exportCsv"
        label="CSV"
        title="One line per kept row"
        file={() => selectionFile(run, 'csv')}
      />
      <Button
        id="run.exportIndicesTxt"
        label="indices.txt"
        title={`Kept ${numbering}, one per line`}
        file={() => indicesFile(run, 'txt')}
      />
      <Button
        id="run.exportIndicesNpy"
        label=".npy"
        title={`Kept ${numbering}, int64 .npy`}
        file={() => indicesFile(run, 'npy')}
      />
      {run.scores && (
        <>
          <Button
            id="run.exportScoresNpy"
            label="scores .npy"
            title="Score of every training row by source row (NaN outside the subset)"
            file={() => scoresFile(run, 'npy')}
          />
          <Button
            id="run.exportScoresCsv"
            label="scores CSV"
            title="source_index, score, kept for every training row"
            file={() => scoresFile(run, 'csv')}
          />
        </>
      )}
    </div>
  );
}
