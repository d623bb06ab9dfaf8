import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ImportedKind } from '../core/data/importedSignals';
import type { SignalFileResultDto } from '../workers/api/signalFiles';
import type { DataSummary } from '../workers/api/types';
import type { LabClient } from '../workers/client/labClient';
import { createSignalFileJobs, type PickedSignalFile } from './signalFiles';
import { initialState } from './store';
import type { AppState } from './types';

/** A client that moves the bytes away as the real one does, accepting every file. */
function fakeClient() {
  const received: number[][] = [];
  const client = {
    generation: 1,
    async importSignalFile(
      bytes: Uint8Array,
      name: string,
      kind: ImportedKind,
    ): Promise<SignalFileResultDto> {
      received.push(Array.from(structuredClone(bytes, { transfer: [bytes.buffer as ArrayBuffer] })));
      return { ok: true, kind, name, rows: 2, dim: 1, format: 'csv', numberingId: 'toy' };
    },
  };
  return { client, received };
}

function setup() {
  const store = createStore<AppState>(() => initialState());
  const { client, received } = fakeClient();
  const jobs = createSignalFileJobs(store, client as unknown as LabClient, async () => true);
  const loaded = () =>
    store.setState({
      data: { ...store.getState().data, summary: { source: { id: 'toy' } } as DataSummary },
    });
  return { store, client, received, jobs, loaded };
}

const file = (bytes: number[], readable = () => true): PickedSignalFile => ({
  name: 'scores.csv',
  arrayBuffer: async () => {
    if (!readable()) throw new Error('NotReadableError');
    return new Uint8Array(bytes).buffer;
  },
});

describe('signal-file jobs', () => {
  it('read the file again for a new worker, since its bytes were moved to the old one', async () => {
    const { store, client, received, jobs, loaded } = setup();
    loaded();
    expect((await jobs.importSignalFile(file([4, 5]), 'scores')).ok).toBe(true);
    await jobs.ensureSignalFiles(store.getState().spec);
    expect(received).toHaveLength(1);
    client.generation = 2;
    await jobs.ensureSignalFiles(store.getState().spec);
    expect(received).toEqual([
      [4, 5],
      [4, 5],
    ]);
  });

  it('drop a file that can no longer be read, saying so', async () => {
    const { store, client, received, jobs, loaded } = setup();
    loaded();
    let readable = true;
    await jobs.importSignalFile(
      file([1], () => readable),
      'scores',
    );
    readable = false;
    client.generation = 2;
    await jobs.ensureSignalFiles(store.getState().spec);
    expect(received).toHaveLength(1);
    expect(store.getState().signalFiles?.scores).toBeUndefined();
    expect(store.getState().signalFiles?.errors?.scores).toMatch(
      /scores\.csv could not be read again .*import it again/,
    );
  });
});
