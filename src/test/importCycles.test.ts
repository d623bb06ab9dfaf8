import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './importGraph';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('import graph', () => {
  const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('a.ts', "import type { B } from './b';\nexport type A = B;\n");
  write('b.ts', "export { c } from './lib';\nexport type B = number;\n");
  write('lib/index.ts', "import '../c';\nexport const c = 1;\n");
  write(
    'c.tsx',
    "import { lazy } from 'react';\nexport const load = () => import('./a');\nexport { lazy };\n",
  );
  write('d.ts', "import { a } from './e';\nexport const d = a;\n");
  write('e.ts', "import { d } from './d';\nexport const a = 1;\nexport const e = d;\n");
  write('f.ts', "import { f } from './f';\nexport { f };\n");

  it('follows type-only, re-export, side-effect, index and dynamic imports, and lists every cycle', () => {
    const graph = importGraph(root);
    expect(graph.get('a.ts')).toEqual(['b.ts']);
    expect(graph.get('b.ts')).toEqual(['lib/index.ts']);
    expect(graph.get('c.tsx')).toEqual(['a.ts']);
    expect(importCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'lib/index.ts', 'c.tsx', 'a.ts'],
      ['d.ts', 'e.ts', 'd.ts'],
      ['f.ts', 'f.ts'],
    ]);
  });
});

describe('src', () => {
  it('has no import cycles (type-only imports included)', () => {
    const cycles = importCycles(importGraph(SRC)).map((cycle) => cycle.join(' → '));
    expect(cycles, `import cycles in src:\n${cycles.join('\n')}`).toEqual([]);
  });
});
