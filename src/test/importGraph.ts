import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The relative-import graph of a source tree, for the no-cycles test. Every import counts:
 * `import type`, `export … from`, side-effect and dynamic `import()` alike, because a type-only
 * cycle still ties two files' vocabularies together.
 */
export type ImportGraph = Map<string, string[]>;

const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Resolves `./x` from `from` the way the bundler does: x.ts, x.tsx, x/index.ts(x). */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
  ];
  return candidates.find((path) => EXTENSIONS.some((ext) => path.endsWith(ext)) && existsSync(path));
}

/** Builds the graph of `root`'s .ts/.tsx files; nodes are paths relative to `root`. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName);
      // Imports leaving the tree (scripts/, node_modules) cannot close a cycle inside it.
      if (target !== undefined && !relative(root, target).startsWith('..'))
        targets.add(relative(root, target));
    }
    graph.set(relative(root, file), [...targets].sort());
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function cyclicComponents(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** The shortest import path from `from` to `to` inside `members` (breadth-first). */
function shortestPath(graph: ImportGraph, members: Set<string>, from: string, to: string): string[] {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) break;
    for (const next of graph.get(node) ?? []) {
      if (members.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path;
}

/**
 * Every import cycle, as file paths with the first repeated at the end (`a → b → a`). Each import
 * edge inside a cyclic component yields the shortest cycle through it, so every edge that takes
 * part in a cycle appears in at least one listed cycle; duplicates (rotations) are dropped.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    for (const from of component) {
      for (const to of graph.get(from) ?? []) {
        if (!members.has(to)) continue;
        const loop = from === to ? [from] : shortestPath(graph, members, to, from);
        const start = loop.indexOf([...loop].sort()[0]!);
        const canonical = [...loop.slice(start), ...loop.slice(0, start)];
        const key = canonical.join('\n');
        if (seen.has(key)) continue;
        seen.add(key);
        cycles.push([...canonical, canonical[0]!]);
      }
    }
  }
  return cycles.sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
}
