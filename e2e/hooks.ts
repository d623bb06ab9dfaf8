/**
 * The test-only hooks the app exposes under `?test` (src/app.tsx), and reading downloads back.
 * Not a spec: imported by the journeys that inject faults or check exported files.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';

interface Hooks {
  getState(): {
    runs: {
      id: string;
      kind: string;
      status: string;
      indices?: Int32Array;
      scores?: Float32Array;
      keptLabels?: Uint8Array;
      size: number;
    }[];
    spec: unknown;
    selectedRunId?: string;
  };
  crashWorker(): Promise<void>;
  killWorker(reason?: string): void;
  workerMemory(): Promise<{
    numTensors: number;
    numBytes: number;
    backend: string;
    jobs: number;
    generation: number;
  }>;
  savedRunsReady(): Promise<void>;
}

type WithHooks = { __workbench: Hooks };

export const hooks = (page: Page) => ({
  crashWorker: () => page.evaluate(() => (window as unknown as WithHooks).__workbench.crashWorker()),
  killWorker: () => page.evaluate(() => (window as unknown as WithHooks).__workbench.killWorker()),
  workerMemory: () => page.evaluate(() => (window as unknown as WithHooks).__workbench.workerMemory()),
  savedRunsReady: () => page.evaluate(() => (window as unknown as WithHooks).__workbench.savedRunsReady()),
  spec: () => page.evaluate(() => (window as unknown as WithHooks).__workbench.getState().spec),
  /** Plain arrays of a run's selection as the store holds it. */
  selection: (runIndex = -1) =>
    page.evaluate((i) => {
      const runs = (window as unknown as WithHooks).__workbench
        .getState()
        .runs.filter((r) => r.kind === 'coreset');
      const r = runs.at(i)!;
      return {
        indices: Array.from(r.indices ?? []),
        scores: r.scores ? Array.from(r.scores) : undefined,
        labels: Array.from(r.keptLabels ?? []),
      };
    }, runIndex),
});

/** Clicks `button`, waits for the file it downloads and returns its name and bytes. */
export async function download(
  page: Page,
  button: Locator,
): Promise<{ name: string; bytes: Buffer; text: string }> {
  const [dl]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await dl.path();
  const bytes = await readFile(path);
  return { name: dl.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** RFC 4180 CSV (quoted cells with commas, doubled quotes) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
