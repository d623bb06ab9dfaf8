import { useRef, useState } from 'react';
import type { ImportResultDto } from '../../state/types';
import type { PickedFile } from '../../state/importJobs';
import { useApp, useJobs } from '../context';

type Failure = Extract<ImportResultDto, { ok: false }>;

/**
 * The user's own data: a ZIP, tar(.gz) or folder of class subfolders (PNG / JPEG, grey or
 * colour), a CIFAR-10 / CIFAR-100 binary archive, an IDX pair (gzipped or not), or a CSV of
 * label + pixels; or the built-in colour set. Parsing happens in the worker; a bad file gets a
 * specific message and the data already loaded stays. Mixed image sizes get a one-click resize.
 */
export function ImportData() {
  const jobs = useJobs();
  const summary = useApp((s) =>
    s.spec.dataset === 'custom' && s.data.summary?.key.includes('custom') ? s.data.summary : undefined,
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [difficulty, setDifficulty] = useState(0.5);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const last = jobs.lastImport();

  async function run(list: PickedFile[], resize?: { width: number; height: number }) {
    if (list.length === 0) return;
    setPicked(list);
    await attempt(() => jobs.importFiles(list, resize));
  }

  async function attempt(job: () => Promise<ImportResultDto>) {
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await job();
      if (!r.ok) setFailure(r);
      else setNotes(r.report.notes);
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
        A <b>ZIP</b>, <b>tar.gz</b> or <b>folder</b> with one sub-folder of PNG / JPEG images per class
        (optionally under <code>train/</code>, <code>val/</code> and <code>test/</code>), the{' '}
        <b>CIFAR-10 / CIFAR-100</b> binary archive (<code>cifar-10-binary.tar.gz</code>), an <b>IDX pair</b>{' '}
        (images and labels files, <code>.gz</code> or not), or a <b>CSV</b> of <code>label, pixel…</code>{' '}
        rows. Everything stays on this computer.
      </p>
      <div className="row tight">
        <input
          ref={files}
          id="import-files"
          data-testid="import.files"
          type="file"
          multiple
          accept=".zip,.tar,.gz,.tgz,.bin,.csv,.tsv,.txt,.idx,.ubyte,.png,.jpg,.jpeg"
          aria-label="Import files: a ZIP, a CSV, or an IDX images and labels pair"
          onChange={(e) => void run(Array.from(e.target.files ?? []))}
          disabled={busy}
        />
        <button
          type="button"
          onClick={() => folder.current?.click()}
          disabled={busy}
          data-testid="import.folderButton"
        >
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
      <div className="row tight">
        <button
          type="button"
          data-testid="import.builtin"
          disabled={busy}
          onClick={() => void attempt(() => jobs.importBuiltin(difficulty))}
        >
          Built-in colour set
        </button>
        <label className="hint">
          difficulty{' '}
          <select
            data-testid="import.builtinDifficulty"
            value={difficulty}
            onChange={(e) => setDifficulty(Number(e.target.value))}
          >
            {[0, 0.25, 0.5, 0.75, 1].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        No file needed: 6,000 generated 32×32 colour images of 10 classes (five shapes × warm or cool hue).
      </p>
      {busy && (
        <p className="hint" role="status">
          Reading and checking {picked.length} file{picked.length === 1 ? '' : 's'}…
        </p>
      )}
      {failure && (
        <div className="error" role="alert" data-testid="import.error" data-problem={failure.problem}>
          <p>Could not import: {failure.message}</p>
          {failure.problem === 'mixed-sizes' && common && (
            <button
              type="button"
              data-testid="import.resize"
              onClick={() => void run(picked, { width: common.width, height: common.height })}
            >
              Resize all to {common.width}×{common.height} and import
            </button>
          )}
          {summary && <p className="hint">The data loaded before is still in use.</p>}
        </div>
      )}
      {!failure && last && summary && (
        <p className="hint" data-testid="import.summary">
          Imported <b>{last.name}</b>: {summary.n.toLocaleString('en')} training and{' '}
          {summary.testN.toLocaleString('en')} test samples, {summary.numClasses} classes,{' '}
          {summary.shape.join('×')}
          {summary.shape[2] === 3 ? ' (colour)' : ''}.{notes.length > 0 && ` Note: ${notes.join('; ')}.`}
        </p>
      )}
    </div>
  );
}
