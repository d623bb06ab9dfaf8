/** Builds a file in the page and hands it to the browser's download (an object URL, no server). */
import { downloadBlob } from '../../charts/export';
import type { ExportFile } from '../../state/exports';

export function downloadFile(file: ExportFile): void {
  downloadBlob(file.name, new Blob([file.text], { type: `${file.type};charset=utf-8` }));
}
