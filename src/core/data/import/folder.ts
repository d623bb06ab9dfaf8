/**
 * Image files laid out as class folders (`cat/001.png`, `dog/7.jpg`), optionally under
 * `train/` and `test/`, from a ZIP or a folder picked in the browser or named on the CLI.
 * One common wrapping folder is ignored. Problems are refused with the file they concern.
 */
import { decodeImage, resizeGray, type GrayImage } from './decode';
import { ImportError, type ImportLimits, type SizeCount } from './errors';
import { isJunkPath } from './zip';

export interface FileEntry {
  path: string;
  bytes: Uint8Array;
}

export interface LabelledImages {
  images: GrayImage[];
  labels: string[];
  /** 'train' | 'test' per image when the layout had those folders. */
  split?: ('train' | 'test')[];
  /** Class folders that held no images. */
  emptyClasses: string[];
}

const SPLITS = new Set(['train', 'test', 'training', 'testing']);

export function readClassFolders(
  entries: FileEntry[],
  dirs: string[],
  name: string,
  limits: ImportLimits,
  resize?: { width: number; height: number },
): LabelledImages {
  const files = entries.filter((e) => !isJunkPath(e.path) && !/(^|\/)(thumbs\.db|desktop\.ini)$/i.test(e.path));
  if (files.length === 0) throw new ImportError('empty', `${name} holds no image files`);
  if (files.length > limits.maxImages)
    throw new ImportError('too-many', `${name} holds ${files.length} files; at most ${limits.maxImages} are accepted`);
  const parts = (p: string) => p.split('/').filter(Boolean);
  // Drop one wrapping folder shared by every path (zip tools add one).
  let strip = 0;
  const firsts = new Set(files.map((f) => parts(f.path)[0]));
  if (firsts.size === 1 && files.every((f) => parts(f.path).length >= 3) && !SPLITS.has([...firsts][0]!.toLowerCase())) strip = 1;
  const rel = (p: string) => parts(p).slice(strip);
  const hasSplit = files.every((f) => SPLITS.has(rel(f.path)[0]!.toLowerCase()) && rel(f.path).length >= 3);
  const images: GrayImage[] = [];
  const labels: string[] = [];
  const split: ('train' | 'test')[] = [];
  for (const f of files) {
    const p = rel(f.path);
    const depth = hasSplit ? 3 : 2;
    if (p.length < depth)
      throw new ImportError(
        'unsupported',
        `${name}: ${f.path} is not inside a class folder; put each class's images in a folder named after the class${hasSplit ? ' (under train/ or test/)' : ''}`,
      );
    labels.push(p[depth - 2]!);
    if (hasSplit) split.push(p[0]!.toLowerCase().startsWith('test') ? 'test' : 'train');
    images.push(decodeImage(f.bytes, f.path, limits));
  }
  const present = new Set(labels);
  const emptyClasses = [
    ...new Set(
      dirs
        .map((d) => parts(d).slice(strip))
        .filter((p) => p.length === (hasSplit ? 2 : 1) && !SPLITS.has(p[0]!.toLowerCase()))
        .map((p) => p[p.length - 1]!)
        .filter((c) => !present.has(c) && !c.startsWith('.')),
    ),
  ];
  return { images: uniformSize(images, labels, name, resize), labels, split: hasSplit ? split : undefined, emptyClasses };
}

/** All images at one size: resized when asked, else refused with the sizes found. */
function uniformSize(images: GrayImage[], labels: string[], name: string, resize?: { width: number; height: number }): GrayImage[] {
  if (resize) return images.map((im) => resizeGray(im, resize.width, resize.height));
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
        .join(', ')}${sizes.length > 4 ? ', …' : ''}), e.g. a ${images[odd]!.width}×${images[odd]!.height} image in class "${labels[odd]}"; resize them all to one size to import`,
      sizes,
    );
  }
  return images;
}
