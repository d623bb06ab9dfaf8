import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Comments cite design notes as `docs/<file>.md, "Section"`. Every cited file must be in the
 * repository and every quoted section must be one of its headings; nothing may cite notes that
 * live outside the repository (the old DESIGN.md / METHODS.md / NOTES-tfjs.md, `../shared`).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['src', 'e2e', 'bench', 'scripts', 'eslint.config.js', 'README.md'];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const SELF = fileURLToPath(import.meta.url);
const sources = SCANNED.map((p) => join(ROOT, p))
  .filter((p) => existsSync(p))
  .flatMap(files)
  .filter((p) => /\.(ts|tsx|js|md)$/.test(p) && p !== SELF)
  .map((p) => ({
    path: relative(ROOT, p),
    // A citation may wrap across comment lines: join them.
    text: readFileSync(p, 'utf8').replace(/\n\s*(\*|\/\/)?\s*/g, ' '),
  }));

const headings = (doc: string): Set<string> =>
  new Set(
    readFileSync(join(ROOT, 'docs', doc), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^#+\s*/, '').trim()),
  );

describe('design-note citations', () => {
  it('cite no notes outside the repository', () => {
    const outside = sources
      .filter(({ text }) => /(?<![\w/-])(DESIGN|METHODS|NOTES-tfjs)\.md|\.\.\/shared\//.test(text))
      .map(({ path }) => path);
    expect(outside, `files citing notes outside the repository:\n${outside.join('\n')}`).toEqual([]);
  });

  it('name files in docs/ and sections those files have', () => {
    const broken: string[] = [];
    let sections = 0;
    for (const { path, text } of sources) {
      for (const m of text.matchAll(/docs\/([\w-]+\.md)(?:,?\s*"([^"]+)")?/g)) {
        const [, doc, section] = m;
        if (section !== undefined) sections++;
        if (!existsSync(join(ROOT, 'docs', doc!))) broken.push(`${path}: docs/${doc} does not exist`);
        else if (section !== undefined && !headings(doc!).has(section))
          broken.push(`${path}: docs/${doc} has no section "${section}"`);
      }
    }
    expect(broken).toEqual([]);
    expect(sections).toBeGreaterThan(20);
  });
});
