/**
 * Cooperative cancel for core: the part of AbortSignal core needs (core compiles without DOM or
 * worker types) and the error a cancelled method throws. A leaf module, so trainer contracts
 * can use it without importing the method contract.
 */

/** The part of AbortSignal core needs. */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export class AbortError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignalLike): void {
  if (signal.aborted) throw new AbortError();
}
