import { useRef, useState } from 'react';
import type { ImportResultDto } from '../../state/types';
import type { PickedFile } from '../../state/importJobs';
import { useApp, useJobs } from '../context';

type Failure = Extract<ImportResultDto, { ok: false }>;

/**
 * The user's own data: a ZIP or a folder of class subfolders (PNG / JPEG), an IDX pair, or a
 * CSV of label + pixels. Parsing happens in the worker; a bad file gets a specific message and
 * the data already loaded stays. Mixed image sizes get a one-click resize.
 */
export function ImportData() {
  const jobs = useJobs();
  const summary = useApp((s) => (s.spec.dataset === 'custom' && s.data.summary?.key.includes('custom') ? s.data.summary : undefined));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const last = jobs.lastImport();

  async function run(list: PickedFile[], resize?: { width: number; height: number }) {
    if (list.length === 0) return;
    setBusy(true);
    setFailure(undefined);
    setPicked(list);
    try {
      const r = await jobs.importFiles(list, resize);
      if (!r.ok) setFailure(r);
    } catch (e) {
      setFailure({ ok: false, problem: 'error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const common = failure?.sizes?.[0];
  return (
    <div className="import" data-testid="import.panel">
      <p className="hint">
        A <b>ZIP</b> or <b>folder</b> with one sub-folder of PNG / JPEG images per class (optionally under{' '}
        <code>train/</code> and <code>test/</code>), an <b>IDX pair</b> (images and labels files), or a <b>CSV</b> of{' '}
        <code>label, pixel…</code> rows. Everything stays on this computer.
      </p>
      <div className="row tight">
        <input
          ref={files}
          id="import-files"
          data-testid="import.files"
          type="file"
          multiple
          accept=".zip,.csv,.txt,.idx,.ubyte,.png,.jpg,.jpeg"
          aria-label="Import files: a ZIP, a CSV, or an IDX images and labels pair"
          onChange={(e) => void run(Array.from(e.target.files ?? []))}
          disabled={busy}
        />
        <button type="button" onClick={() => folder.current?.click()} disabled={busy} data-testid="import.folderButton">
          Choose a folder…
        </button>
        <input
          ref={(el) => {
            folder.current = el;
            // Folder picking is a non-standard attribute React does not type.
            el?.setAttribute('webkitdirectory', '');
          }}
          data-testid="import.folder"
          type="file"
          hidden
          aria-label="Import a folder of class sub-folders"
          onChange={(e) => void run(Array.from(e.target.files ?? []))}
        />
      </div>
      {busy && (
        <p className="hint" role="status">
          Reading and checking {picked.length} file{picked.length === 1 ? '' : 's'}…
        </p>
      )}
      {failure && (
        <div className="error" role="alert" data-testid="import.error" data-problem={failure.problem}>
          <p>Could not import: {failure.message}</p>
          {failure.problem === 'mixed-sizes' && common && (
            <button type="button" data-testid="import.resize" onClick={() => void run(picked, { width: common.width, height: common.height })}>
              Resize all to {common.width}×{common.height} and import
            </button>
          )}
          {summary && <p className="hint">The data loaded before is still in use.</p>}
        </div>
      )}
      {!failure && last && summary && (
        <p className="hint" data-testid="import.summary">
          Imported <b>{last.name}</b>: {summary.n.toLocaleString('en')} training and {summary.testN.toLocaleString('en')} test
          samples, {summary.numClasses} classes, {summary.shape.join('×')}.
        </p>
      )}
    </div>
  );
}
