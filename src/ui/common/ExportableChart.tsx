import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob, exportElementSvg, exportPng } from '../../charts/export';
import { exportName } from '../../core/experiment/exportFormats';
import type { ExportFile } from '../../state/exports';
import { downloadFile } from './download';

/**
 * A chart with its export buttons: SVG (canvas layers embedded) and PNG, both built in the page
 * from what is drawn; a table exports as CSV instead.
 */
export function ExportableChart({
  name,
  children,
  csv,
  testId,
}: {
  /** What the chart shows; names the files and the button group. */
  name: string;
  children: ReactNode;
  /** For tables: the data as CSV instead of a picture. */
  csv?: () => ExportFile;
  testId?: string;
}) {
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const run = async (what: () => Promise<void> | void) => {
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const el = () => {
    if (!body.current) throw new Error('the chart is not on the page');
    return body.current;
  };
  return (
    <div className="exportable" data-testid={testId ?? 'chart.exportable'} data-name={name}>
      <div ref={body} className="exportable-body">
        {children}
      </div>
      <div className="export-actions" role="group" aria-label={`Export ${name}`}>
        {csv ? (
          <button
            type="button"
            className="small"
            data-testid="chart.csv"
            onClick={() => void run(() => downloadFile(csv()))}
          >
            CSV
          </button>
        ) : (
          <>
            <button
              type="button"
              className="small"
              data-testid="chart.svg"
              title={`Download ${name} as SVG`}
              onClick={() =>
                void run(() =>
                  downloadBlob(
                    exportName([name], 'svg'),
                    new Blob([exportElementSvg(el())], { type: 'image/svg+xml' }),
                  ),
                )
              }
            >
              SVG
            </button>
            <button
              type="button"
              className="small"
              data-testid="chart.png"
              title={`Download ${name} as PNG`}
              onClick={() =>
                void run(async () => downloadBlob(exportName([name], 'png'), await exportPng(el())))
              }
            >
              PNG
            </button>
          </>
        )}
        {error && (
          <small className="field-error" role="alert">
            Export failed: {error}
          </small>
        )}
      </div>
    </div>
  );
}
