/** Shared helpers for the chart tests (jsdom). Not imported by app code. */
export function host(width = 600, height = 320): HTMLDivElement {
  const el = document.createElement('div');
  // jsdom has no layout: pin the measurements the frame reads.
  Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => height });
  document.body.appendChild(el);
  return el;
}

export function count(el: Element, selector: string): number {
  return el.querySelectorAll(selector).length;
}

export function texts(el: Element, selector: string): string[] {
  return Array.from(el.querySelectorAll(selector), (n) => n.textContent ?? '');
}

/**
 * jsdom answers getContext with null after logging "not implemented"; stub the same answer
 * without the log so test output stays readable. Returns the restore function.
 */
export function quietNoCanvas(): () => void {
  const proto = HTMLCanvasElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'getContext');
  Object.defineProperty(proto, 'getContext', { configurable: true, writable: true, value: () => null });
  return () => {
    if (original) Object.defineProperty(proto, 'getContext', original);
  };
}
