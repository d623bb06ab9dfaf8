/** Builds a file in the page and hands it to the browser's download (an object URL, no server). */
import { downloadBlob } from '../../charts/export';
import type { ExportFile } from '../../state/exports';

export function downloadFile(file: ExportFile): void {
  const blob =
    'text' in file
      ? new Blob([file.text], { type: `${file.type};charset=utf-8` })
      : new Blob([file.bytes.slice().buffer], { type: file.type });
  downloadBlob(file.name, blob);
}
