import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { VIEWS, showView, viewStore, type ViewId } from './viewStore';

/**
 * One view of the results at a time (WAI-ARIA tabs: arrow keys move between tabs, Tab goes
 * into the panel). Every view stays mounted, so a view's charts and forms keep their state.
 */
export function WorkspaceTabs({ panels }: { panels: Record<ViewId, ReactNode> }) {
  const view = useStore(viewStore, (s) => s.view);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? VIEWS.length - 1
          : step
            ? (i + step + VIEWS.length) % VIEWS.length
            : -1;
    if (to < 0) return;
    e.preventDefault();
    showView(VIEWS[to]!.id);
    refs.current[to]?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Views">
        {VIEWS.map((v, i) => (
          <button
            key={v.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-controls={`view-${v.id}`}
            aria-selected={view === v.id}
            tabIndex={view === v.id ? 0 : -1}
            data-testid={`tab.${v.id}`}
            onClick={() => showView(v.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {v.label}
          </button>
        ))}
      </div>
      {VIEWS.map((v) => (
        <div
          key={v.id}
          role="tabpanel"
          id={`view-${v.id}`}
          aria-labelledby={`tab-${v.id}`}
          className="view"
          hidden={view !== v.id}
          data-testid={`view.${v.id}`}
        >
          {panels[v.id]}
        </div>
      ))}
    </>
  );
}
