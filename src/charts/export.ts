/**
 * Charts as files: an SVG that stands alone (computed styles inlined, so CSS from the app is not
 * needed to open it) and a PNG with the canvas and SVG layers composed in page order.
 */
import { COLORS } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties that change how an SVG looks; everything else in a computed style is noise. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'display',
  'visibility',
] as const;

export interface ExportSvgOptions {
  /** Paints a background rect first (default white) so the file reads on dark viewers too. */
  background?: string | null;
}

export function exportSvg(svg: SVGSVGElement, opts: ExportSvgOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  // Page-only styling (positioning over the canvas) means nothing in a file.
  clone.style.removeProperty('position');
  const width = svg.getAttribute('width') ?? String(svg.clientWidth);
  const height = svg.getAttribute('height') ?? String(svg.clientHeight);
  clone.setAttribute('width', width);
  clone.setAttribute('height', height);
  const background = opts.background === undefined ? COLORS.background : opts.background;
  if (background) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    // After <title> so the accessible name stays the first child.
    const title = clone.querySelector(':scope > title');
    clone.insertBefore(rect, title ? title.nextSibling : clone.firstChild);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function inlineStyles(source: Element, target: Element): void {
  const view = source.ownerDocument.defaultView;
  if (view && target instanceof view.SVGElement) {
    const computed = view.getComputedStyle(source);
    for (const prop of STYLE_PROPS) {
      const value = computed.getPropertyValue(prop);
      if (value) target.style.setProperty(prop, value);
    }
  }
  const from = source.children;
  const to = target.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i]!, to[i]!);
}

export interface ExportPngOptions {
  /** Device pixels per CSS pixel in the file (default 2: sharp on slides). */
  scale?: number;
  background?: string;
}

/** Composes every <canvas> and top-level <svg> under `el` at their on-page positions. */
export async function exportPng(el: HTMLElement, opts: ExportPngOptions = {}): Promise<Blob> {
  const scale = opts.scale ?? 2;
  const box = el.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('PNG export needs a 2-D canvas, which this browser does not provide.');
  ctx.scale(scale, scale);
  ctx.fillStyle = opts.background ?? COLORS.background;
  ctx.fillRect(0, 0, box.width, box.height);

  const layers = Array.from(el.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')).filter(
    (n) => n instanceof HTMLCanvasElement || !n.parentElement?.closest('svg'),
  );
  for (const layer of layers) {
    const r = layer.getBoundingClientRect();
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (layer instanceof HTMLCanvasElement) ctx.drawImage(layer, x, y, r.width, r.height);
    else ctx.drawImage(await svgImage(layer), x, y, r.width, r.height);
  }
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))), 'image/png'),
  );
}

function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(
    new Blob([exportSvg(svg, { background: null })], { type: 'image/svg+xml' }),
  );
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('Could not render the chart SVG as an image.'));
    };
    img.src = url;
  });
}

export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([exportSvg(svg)], { type: 'image/svg+xml' });
}

/** Saves `blob` as `name` through a temporary link (works without a File System Access API). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a tick later is enough.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
