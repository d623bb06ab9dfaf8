/** A job that ended because someone cancelled it (the worker's AbortError crosses as a plain Error). */
export function isCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.message === 'cancelled');
}
