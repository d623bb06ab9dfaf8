import * as Comlink from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { transferOwned } from './transfer';

// Node's MessagePort has the browser's addEventListener/postMessage shape Comlink drives.
const asEndpoint = (port: MessagePort) => port as unknown as Comlink.Endpoint;

describe('transferOwned across a Comlink channel', () => {
  const ports: MessagePort[] = [];
  afterEach(() => ports.splice(0).forEach((p) => p.close()));

  function connect<T>(api: T): Comlink.Remote<T> {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose(api, asEndpoint(port1));
    return Comlink.wrap<T>(asEndpoint(port2));
  }

  it('moves a returned array (the sender’s view is detached) and leaves shared ones copied', async () => {
    const kept = new Float32Array([7, 8, 9, 10]);
    let sent: Float32Array | undefined;
    const remote = connect({
      result() {
        sent = new Float32Array([1, 2, 3]);
        const part = kept.subarray(1, 3);
        return transferOwned({ sent, part }, [sent, part]);
      },
    });
    const got = await remote.result();
    expect(Array.from(got.sent)).toEqual([1, 2, 3]);
    expect(Array.from(got.part)).toEqual([8, 9]);
    expect(sent!.length).toBe(0); // moved
    expect(Array.from(kept)).toEqual([7, 8, 9, 10]); // a partial view is copied, its buffer stays
  });

  it('moves an argument’s buffers and tolerates the same buffer twice', async () => {
    const remote = connect({
      size: (files: { bytes: Uint8Array }[]) => files.reduce((a, f) => a + f.bytes.length, 0),
    });
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const files = [{ bytes }, { bytes }];
    expect(
      await remote.size(
        transferOwned(
          files,
          files.map((f) => f.bytes),
        ),
      ),
    ).toBe(10);
    expect(bytes.length).toBe(0);
  });

  it('copies what is not marked', async () => {
    const remote = connect({ size: (bytes: Uint8Array) => bytes.length });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await remote.size(bytes)).toBe(3);
    expect(bytes.length).toBe(3);
  });
});
