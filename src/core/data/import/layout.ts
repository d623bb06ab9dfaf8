/**
 * How a folder of images is laid out: which path parts are split folders (train / val / test
 * under any of their common names), which is the class, and which files are not data at all
 * (OS junk, a README beside the classes). Pure path logic, no decoding.
 */
export type SplitName = 'train' | 'val' | 'test';

const SPLIT_OF: Record<string, SplitName> = {
  train: 'train',
  training: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test',
};

export function splitOf(folder: string): SplitName | undefined {
  return SPLIT_OF[folder.toLowerCase()];
}

/** Files no one means as data: macOS resource forks and metadata, Windows thumbnails, hidden files. */
export function isJunkPath(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  const last = parts[parts.length - 1] ?? '';
  return (
    path.endsWith('/') ||
    parts.some((p) => p.startsWith('.') || p === '__MACOSX') ||
    /^(thumbs\.db|desktop\.ini|ehthumbs\.db|icon\r)$/i.test(last)
  );
}

/** A notes file by its name (a README, a licence, a labels list, a script). */
export function isNoteName(path: string): boolean {
  const name = pathParts(path).pop() ?? '';
  return /\.(txt|md|markdown|rst|html?|pdf|json|ya?ml|csv|tsv|py|ipynb|license)$|^(readme|license|licence|notice)$/i.test(
    name,
  );
}

export interface Layout {
  /** Leading path parts dropped (wrapper folders every file shares). */
  strip: number;
  /** Whether the first part (after strip) is a split folder. */
  hasSplit: boolean;
}

export function pathParts(p: string): string[] {
  return p.split('/').filter(Boolean);
}

/**
 * Wrapper folders (zip tools add one; `data/cifar/…` two) are dropped while every file shares the
 * same first folder and still sits two levels below it; a split folder is never a wrapper.
 */
export function findLayout(paths: string[]): Layout {
  // Notes beside the data (at any level above the class folders) do not decide the layout.
  const all = paths.filter((p) => !isNoteName(p)).map(pathParts);
  let strip = 0;
  for (;;) {
    const firsts = new Set(all.map((p) => p[strip]));
    const first = [...firsts][0];
    if (firsts.size !== 1 || first === undefined || splitOf(first)) break;
    if (!all.every((p) => p.length - strip >= 3)) break;
    strip++;
  }
  const rel = all.map((p) => p.slice(strip));
  const hasSplit = rel.length > 0 && rel.every((p) => p.length >= 3 && splitOf(p[0]!) !== undefined);
  return { strip, hasSplit };
}
