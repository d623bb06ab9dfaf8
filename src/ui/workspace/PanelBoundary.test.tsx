// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { PanelBoundary } from './PanelBoundary';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let broken = true;
function Fragile() {
  if (broken) throw new Error('chart exploded');
  return createElement('p', { id: 'fine' }, 'fine');
}

describe('PanelBoundary', () => {
  it('shows what broke in place of the panel, keeps its siblings, and retries on request', () => {
    const quiet = [
      vi.spyOn(console, 'error').mockImplementation(() => {}),
      vi.spyOn(console, 'warn').mockImplementation(() => {}),
    ];
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        createElement(
          'div',
          null,
          createElement(PanelBoundary, { name: 'compare', children: createElement(Fragile) }),
          createElement('p', { id: 'sibling' }, 'still here'),
        ),
      ),
    );
    const alert = host.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The compare view stopped');
    expect(alert.textContent).toContain('chart exploded');
    expect(host.querySelector('#sibling')!.textContent).toBe('still here');
    broken = false;
    act(() => alert.querySelector('button')!.click());
    expect(host.querySelector('#fine')).not.toBeNull();
    act(() => root.unmount());
    quiet.forEach((s) => s.mockRestore());
  });
});
