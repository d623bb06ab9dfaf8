import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { FileEntry } from '../core/data/import/folder';
import type { ImportResultDto } from '../workers/api/customData';
import type { LabClient } from '../workers/client/labClient';
import { createImportJobs, type PickedFile } from './importJobs';
import { initialState } from './store';
import type { AppState } from './types';

/** A client that moves the bytes away as the real one does (their buffers end up detached here). */
function fakeClient() {
  const received: { path: string; bytes: number[] }[][] = [];
  const client = {
    generation: 1,
    async importData(files: FileEntry[]): Promise<ImportResultDto> {
      const moved = structuredClone(files, { transfer: files.map((f) => f.bytes.buffer as ArrayBuffer) });
      received.push(moved.map((f) => ({ path: f.path, bytes: Array.from(f.bytes) })));
      return {
        ok: true,
        report: {
          source: 'folder',
          name: 'x',
          samples: 1,
          classNames: ['a'],
          shape: [1, 1, 1],
          split: 'seeded',
          valSamples: 0,
          notes: [],
          hash: 'h1',
        },
        trainN: 1,
        testN: 0,
      };
    },
  };
  return { client, received };
}

const picked = (path: string, bytes: number[], readable = () => true): PickedFile => ({
  name: path.split('/').pop()!,
  webkitRelativePath: path,
  arrayBuffer: async () => {
    if (!readable()) throw new Error('NotReadableError');
    return new Uint8Array(bytes).buffer;
  },
});

describe('import jobs', () => {
  it('sends freshly read bytes, and reads the files again for a new worker', async () => {
    const store = createStore<AppState>(() => initialState());
    const { client, received } = fakeClient();
    const jobs = createImportJobs(store, client as unknown as LabClient, async () => true);
    const r = await jobs.importFiles([picked('set/a/1.png', [1, 2]), picked('set/b/2.png', [3])]);
    expect(r.ok).toBe(true);
    expect(jobs.lastImport()).toEqual({ name: 'set', id: 'h1' });
    expect(store.getState().spec.customId).toBe('h1');
    // Same worker: nothing to send again.
    await jobs.ensureImported('h1');
    expect(received).toHaveLength(1);
    // The worker was replaced: the files are read and sent again, whole.
    client.generation = 2;
    await jobs.ensureImported('h1');
    expect(received).toEqual([
      [
        { path: 'set/a/1.png', bytes: [1, 2] },
        { path: 'set/b/2.png', bytes: [3] },
      ],
      [
        { path: 'set/a/1.png', bytes: [1, 2] },
        { path: 'set/b/2.png', bytes: [3] },
      ],
    ]);
  });

  it('says which file could not be read again', async () => {
    const store = createStore<AppState>(() => initialState());
    const { client } = fakeClient();
    const jobs = createImportJobs(store, client as unknown as LabClient, async () => true);
    let readable = true;
    await jobs.importFiles([picked('set/a/1.png', [1], () => readable)]);
    readable = false;
    client.generation = 2;
    await expect(jobs.ensureImported('h1')).rejects.toThrow(
      /set\/a\/1\.png could not be read .*Import the files again/,
    );
  });
});
