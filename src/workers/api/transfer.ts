/**
 * Moving large arrays across the worker boundary instead of copying them. Comlink posts a value
 * by structured clone: the sender serialises a copy and the receiver deserialises another, on its
 * own thread. Marked arrays are transferred: their buffers change owner in O(1), and the sender's
 * views of them are detached (length 0) once the message is posted. So mark only arrays made for
 * this message (a fresh slice, a new result array), never one the sender still reads.
 */
import * as Comlink from 'comlink';

/**
 * `value`, marked so Comlink transfers the buffers of `owned` when it posts it (as a call's
 * argument or a call's return value). A view that covers only part of its buffer is left to be
 * copied: transferring it would detach the rest of the buffer too.
 */
export function transferOwned<T>(value: T, owned: readonly (ArrayBufferView | undefined)[]): T {
  const buffers = new Set<ArrayBuffer>();
  for (const view of owned) {
    if (!view || !(view.buffer instanceof ArrayBuffer)) continue;
    if (view.byteOffset !== 0 || view.byteLength !== view.buffer.byteLength || view.byteLength === 0)
      continue;
    buffers.add(view.buffer);
  }
  return Comlink.transfer(value, [...buffers]);
}
