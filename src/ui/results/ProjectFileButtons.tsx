import { useRef, useState } from 'react';
import {
  PROJECT_VERSION,
  ProjectFileError,
  applyProject,
  parseProject,
  projectJson,
} from '../../state/projectFile';
import { appStore } from '../../state/store';
import { exportName } from '../../core/experiment/exportFormats';
import { downloadFile } from '../common/download';

/** The whole workspace (setup, runs, comparison) as one file, and back in another browser. */
export function ProjectFileButtons() {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="small"
        data-testid="project.export"
        title={`Setup, finished runs and the last comparison as one file (version ${PROJECT_VERSION})`}
        onClick={() =>
          downloadFile({
            name: exportName(['coreset-workbench-project', new Date().toISOString().slice(0, 10)], 'json'),
            type: 'application/json',
            text: projectJson(appStore.getState()),
          })
        }
      >
        Export project
      </button>
      <button
        type="button"
        className="small"
        data-testid="project.importButton"
        onClick={() => input.current?.click()}
      >
        Import project…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".json,application/json"
        data-testid="project.import"
        aria-label="Import a project file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setError(undefined);
          void f
            .text()
            .then((t) => applyProject(appStore, parseProject(t)))
            .catch((err: unknown) =>
              setError(
                err instanceof ProjectFileError
                  ? `${f.name}: ${err.message}`
                  : `${f.name}: ${(err as Error).message}`,
              ),
            );
        }}
      />
      {error && (
        <span className="error" role="alert" data-testid="project.error">
          Could not import: {error}. Nothing was changed.
        </span>
      )}
    </>
  );
}
