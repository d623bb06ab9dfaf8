/**
 * One visual language for every chart: a colour-blind-safe categorical palette, semantic colours
 * that match the app's CSS variables, and type sizes chosen for a projector at the back of a room.
 */

/**
 * Okabe–Ito (safe for the common colour-vision deficiencies) without its yellow, which vanishes
 * on a white background under a projector, extended with three of Paul Tol's "muted" colours to
 * reach ten classes. Grey is deliberately absent: grey means "pruned".
 */
export const CATEGORICAL: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#332288', // indigo (Tol)
  '#999933', // olive (Tol)
  '#882255', // wine (Tol)
  '#1B1F24', // near black
];

const LIGHT = {
  ink: '#1b1f24',
  muted: '#5b6470',
  grid: '#dde1e6',
  background: '#ffffff',
  /** Behind a small multiple (constellation cells). */
  plotBg: '#f6f7f9',
  /** Same values as --good / --bad in ui/styles.css so a kept border reads like a kept badge. */
  kept: '#1a7f37',
  prunedBorder: '#b42318',
  /** Pruned points recede; light enough that coloured kept points stand out on top. */
  pruned: '#b8bec6',
  highlight: '#1b1f24',
  hover: '#f1a31b',
};
type Palette = { readonly [K in keyof typeof LIGHT]: string };

/** The same roles on the dark page (ui/styles.css, prefers-color-scheme: dark). */
const DARK: Palette = {
  ink: '#e6e9ee',
  muted: '#9aa4b1',
  grid: '#333b46',
  background: '#1c2128',
  plotBg: '#232a33',
  kept: '#3fb950',
  prunedBorder: '#f85149',
  pruned: '#56606b',
  highlight: '#e6e9ee',
  hover: '#f1a31b',
};

/** Whether the page follows a dark colour scheme (read when a chart draws, so it follows a change). */
export function isDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Chart colours by role, for the colour scheme in effect when read. */
export const COLORS: Palette = Object.defineProperties(
  {} as Palette,
  Object.fromEntries(
    (Object.keys(LIGHT) as (keyof Palette)[]).map((k) => [
      k,
      { enumerable: true, get: () => (isDark() ? DARK : LIGHT)[k] },
    ]),
  ),
);

/** Pixel sizes; nothing below 12 px so labels stay legible when projected. */
export const FONT = {
  family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  tick: 13,
  label: 14,
  legend: 14,
  title: 16,
  caption: 12,
} as const;

export const STROKE = { line: 2.25, axis: 1, marker: 1.5, ring: 1.75 } as const;

/** The palette on a dark page: the dark entries (indigo, wine, near black) lightened. */
export const CATEGORICAL_DARK: readonly string[] = CATEGORICAL.map(
  (c) => ({ '#332288': '#8f7fe0', '#882255': '#d16a9c', '#1B1F24': '#d0d7de', '#0072B2': '#3b9ae0' })[c] ?? c,
);

/** Colour for category `i`; wraps after ten so an 11th class still gets a colour. */
export function categoryColor(i: number): string {
  const palette = isDark() ? CATEGORICAL_DARK : CATEGORICAL;
  const n = palette.length;
  return palette[((i % n) + n) % n] ?? COLORS.ink;
}

let testMode = false;

/**
 * Screenshots (Playwright) do not wait for d3 transitions, so test mode makes every transition
 * zero-duration and applied synchronously. The app's `?test` flag (data-test-mode on <html>)
 * turns it on as well, so charts need no wiring from the store.
 */
export function setTestMode(on: boolean): void {
  testMode = on;
}

export function isTestMode(): boolean {
  if (testMode) return true;
  return typeof document !== 'undefined' && document.documentElement.dataset.testMode === '1';
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Duration in ms for the chart's transitions; 0 means "apply immediately". */
export function transitionMs(base = 300): number {
  return isTestMode() || prefersReducedMotion() ? 0 : base;
}
