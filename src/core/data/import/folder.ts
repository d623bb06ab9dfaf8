/**
 * Image files laid out as class folders (`cat/001.png`, `dog/7.jpg`), optionally under split
 * folders (`train/`, `valid/`, `test/` and their other common names), from a ZIP, a tar, or a
 * folder picked in the browser or named on the CLI. Wrapper folders, OS junk and notes beside
 * the data are skipped. Every image's size is read from its header first, so the pixel caps
 * hold before anything is decoded. Problems are refused with the file they concern.
 */
import { checkSize, decodeImage, resizeImage, toRgb } from './decode';
import type { RasterImage } from './raster';
import { ImportError, type ImportLimits, type SizeCount } from './errors';
import { findLayout, isJunkPath, isNoteName, pathParts, splitOf, type SplitName } from './layout';
import { imageHeader, sniff } from './sniff';

export interface FileEntry {
  path: string;
  bytes: Uint8Array;
}

export interface LabelledImages {
  images: RasterImage[];
  labels: string[];
  /** Split per image when the layout had split folders. */
  split?: SplitName[];
  /** Each image's path as given (inside the archive or below the picked folder). */
  paths: string[];
  /** Class folders that held no images. */
  emptyClasses: string[];
  /** Files skipped as notes beside the data (README, licence). */
  skipped: string[];
}

export function readClassFolders(
  entries: FileEntry[],
  dirs: string[],
  name: string,
  limits: ImportLimits,
  resize?: { width: number; height: number },
): LabelledImages {
  const data = entries.filter((e) => !isJunkPath(e.path));
  if (data.length === 0) throw new ImportError('empty', `${name} holds no image files`);
  if (data.length > limits.maxImages)
    throw new ImportError(
      'too-many',
      `${name} holds ${data.length} files; at most ${limits.maxImages} are accepted`,
    );
  const { strip, hasSplit } = findLayout(data.map((f) => f.path));
  const rel = (p: string) => pathParts(p).slice(strip);
  const depth = hasSplit ? 3 : 2;
  // A notes file above the class folders (README beside them, or beside the split folders).
  const isSideNote = (p: string) => isNoteName(p) && rel(p).length < depth;
  const skipped = data.filter((f) => isSideNote(f.path)).map((f) => f.path);
  const files = data.filter((f) => !isSideNote(f.path));
  if (files.length === 0)
    throw new ImportError('empty', `${name} holds no image files (only ${skipped.join(', ')})`);
  for (const f of files)
    if (rel(f.path).length < depth)
      throw new ImportError(
        'unsupported',
        `${name}: ${f.path} is not inside a class folder; put each class's images in a folder named after the class${hasSplit ? ' (under train/, val/ or test/)' : ''}`,
      );
  checkDecodedSize(files, name, limits, resize);
  const labels = files.map((f) => rel(f.path)[depth - 2]!);
  const split = hasSplit ? files.map((f) => splitOf(rel(f.path)[0]!)!) : undefined;
  let images = files.map((f) => decodeImage(f.bytes, f.path, limits));
  if (images.some((im) => im.channels === 3)) images = images.map(toRgb);
  const present = new Set(labels);
  const emptyClasses = [
    ...new Set(
      dirs
        .filter((d) => !isJunkPath(d.replace(/\/+$/, '')))
        .map((d) => pathParts(d).slice(strip))
        .filter((p) => (hasSplit ? p.length === 2 && splitOf(p[0]!) : p.length === 1 && !splitOf(p[0]!)))
        .map((p) => p[p.length - 1]!)
        .filter((c) => !present.has(c)),
    ),
  ];
  return {
    images: uniformSize(images, labels, name, resize),
    labels,
    split,
    paths: files.map((f) => f.path),
    emptyClasses,
    skipped,
  };
}

/** Sizes from the headers, against the per-image and total caps, before any pixel is decoded. */
function checkDecodedSize(
  files: FileEntry[],
  name: string,
  limits: ImportLimits,
  resize?: { width: number; height: number },
): void {
  let total = 0;
  let colour = false;
  for (const f of files) {
    const kind = sniff(f.bytes);
    if (kind !== 'png' && kind !== 'jpeg')
      throw new ImportError(
        'not-image',
        `${f.path} is not a PNG or JPEG image${kind === 'text' ? ' (it holds text)' : ''}`,
      );
    const head = imageHeader(f.bytes, kind);
    if (!head)
      throw new ImportError(
        'corrupt-image',
        `${f.path}: the ${kind.toUpperCase()} header is truncated or damaged`,
      );
    checkSize(head.width, head.height, f.path, limits);
    total += head.width * head.height;
    colour ||= head.channels === 3;
  }
  const values = total * (colour ? 3 : 1);
  const kept = resize ? files.length * resize.width * resize.height * (colour ? 3 : 1) : 0;
  if (values > limits.maxPixels || kept > limits.maxPixels)
    throw new ImportError(
      'too-large',
      `${name}: its ${files.length.toLocaleString('en')} images decode to ${Math.round(Math.max(values, kept) / 1e6).toLocaleString('en')} M values; at most ${Math.round(limits.maxPixels / 1e6)} M are accepted (fewer or smaller images)`,
    );
}

/** All images at one size: resized when asked, else refused with the sizes found. */
function uniformSize(
  images: RasterImage[],
  labels: string[],
  name: string,
  resize?: { width: number; height: number },
): RasterImage[] {
  if (resize) return images.map((im) => resizeImage(im, resize.width, resize.height));
  const counts = new Map<string, SizeCount>();
  for (const im of images) {
    const key = `${im.width}x${im.height}`;
    const c = counts.get(key) ?? { width: im.width, height: im.height, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  if (counts.size > 1) {
    const sizes = [...counts.values()].sort((a, b) => b.count - a.count);
    const odd = images.findIndex((im) => im.width !== sizes[0]!.width || im.height !== sizes[0]!.height);
    throw new ImportError(
      'mixed-sizes',
      `${name}: images come in ${sizes.length} sizes (${sizes
        .slice(0, 4)
        .map((s) => `${s.width}×${s.height} ×${s.count}`)
        .join(
          ', ',
        )}${sizes.length > 4 ? ', …' : ''}), e.g. a ${images[odd]!.width}×${images[odd]!.height} image in class "${labels[odd]}"; resize them all to one size to import`,
      sizes,
    );
  }
  return images;
}
