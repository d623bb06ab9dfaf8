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

  for (const layer of layersOf(el)) {
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

/** Canvases and top-level svgs under `el`, in page order (the layers a chart is drawn in). */
function layersOf(el: HTMLElement): (HTMLCanvasElement | SVGSVGElement)[] {
  return Array.from(el.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')).filter(
    (n) => n instanceof HTMLCanvasElement || !n.parentElement?.closest('svg'),
  );
}

/**
 * Everything drawn under `el` as one standalone SVG: each chart svg (styles inlined) and each
 * canvas (dense points, image grids, as an embedded PNG) at its on-page position, so charts
 * drawn partly on canvas export whole. A lone svg exports as itself.
 */
export function exportElementSvg(el: HTMLElement, opts: ExportSvgOptions = {}): string {
  const layers = layersOf(el);
  const only = layers[0];
  if (layers.length === 1 && only instanceof SVGSVGElement) return exportSvg(only, opts);
  const box = el.getBoundingClientRect();
  // createElementNS gives the namespace; the serializer writes xmlns once.
  const out = document.createElementNS(SVG_NS, 'svg');
  let width = box.width;
  let height = box.height;
  const title = el.querySelector('svg > title')?.textContent ?? el.getAttribute('aria-label');
  if (title) out.appendChild(document.createElementNS(SVG_NS, 'title')).textContent = title;
  const background = opts.background === undefined ? COLORS.background : opts.background;
  if (background) {
    const rect = out.appendChild(document.createElementNS(SVG_NS, 'rect'));
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
  }
  for (const layer of layers) {
    const r = layer.getBoundingClientRect();
    const x = r.left - box.left;
    const y = r.top - box.top;
    const w = r.width || Number(layer.getAttribute('width')) || 0;
    const h = r.height || Number(layer.getAttribute('height')) || 0;
    width = Math.max(width, x + w);
    height = Math.max(height, y + h);
    let node: Element;
    if (layer instanceof HTMLCanvasElement) {
      let href = '';
      try {
        href = layer.toDataURL('image/png');
      } catch {
        href = ''; // a tainted or unsupported canvas: the svg layers still export
      }
      if (!href.startsWith('data:image/png')) continue;
      node = document.createElementNS(SVG_NS, 'image');
      node.setAttribute('href', href);
      node.setAttribute('preserveAspectRatio', 'none');
    } else {
      node = layer.cloneNode(true) as SVGSVGElement;
      inlineStyles(layer, node);
      (node as SVGSVGElement).style.removeProperty('position');
    }
    node.setAttribute('x', String(x));
    node.setAttribute('y', String(y));
    node.setAttribute('width', String(w));
    node.setAttribute('height', String(h));
    out.appendChild(node);
  }
  out.setAttribute('width', String(Math.max(1, Math.round(width))));
  out.setAttribute('height', String(Math.max(1, Math.round(height))));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
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
