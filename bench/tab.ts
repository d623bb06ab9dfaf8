/**
 * What the browser benches share: the built app served by `vite preview`, and the tab's memory
 * (renderer + GPU process RSS, the figure every browser bench reports).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** What the benches read of the app's store (`window.__workbench`, the app's test hook). */
export interface RunView {
  status: string;
  method?: string;
  timings?: { signalsMs?: number; selectionMs?: number; trainingMs?: number; evaluationMs?: number };
  epochMs?: number[];
  size: number;
  samplesPerSecond?: number;
  metrics?: { accuracy: number };
  error?: string;
  /** While running: the latest progress (a batch report once training has begun). */
  progress?: { phase: string; batch?: unknown };
}
export interface CellView {
  method: string;
  fraction: number;
  accuracy: number;
  signalsMs: number;
  selectionMs: number;
  trainingMs: number;
  evaluationMs: number;
}
export interface StoreView {
  data: { status: string; summary?: { loadMs: number; n: number } };
  backend: { status: string; choice?: { name: string; gflops: number } };
  runs: RunView[];
  comparison?: {
    status: string;
    records: CellView[];
    references: { accuracy: number; trainingMs: number }[];
    totalMs?: number;
    error?: string;
  };
}
declare global {
  interface Window {
    __workbench?: { getState(): StoreView };
  }
}

/** `BENCH_PORT` lets a second bench serve the app beside a running one. */
export const PORT = Number(process.env.BENCH_PORT ?? 4174);
export const BASE = `http://localhost:${PORT}`;

/** Pids descended from this Node process (the Chromium it launched, its zygotes and children). */
function ownDescendants(): Set<number> {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // process ended between listing and reading
    }
  }
  const out = new Set<number>();
  const todo = [process.pid];
  while (todo.length)
    for (const c of children.get(todo.pop()!) ?? [])
      if (!out.has(c)) {
        out.add(c);
        todo.push(c);
      }
  return out;
}

/**
 * RSS (MB) of Chromium's renderer and GPU processes: what the tab costs the machine. Only this
 * bench's own browser counts (descendants of this process): on a shared machine other
 * Chromiums (e2e runs, other benches) would otherwise be added in.
 */
export function tabRssMb(): number {
  let kb = 0;
  for (const pid of ownDescendants()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/.test(cmd) || !/--type=(renderer|gpu-process)/.test(cmd)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // process ended between listing and reading
    }
  }
  return kb / 1024;
}

/** Samples tabRssMb every 100 ms; `peak()` is the largest so far (and now). */
export function trackPeak(): { peak(): number; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, tabRssMb())), 100);
  return { peak: () => (peak = Math.max(peak, tabRssMb())), stop: () => clearInterval(timer) };
}

/** Serves the built app (`dist`, or another build's `outDir`) on `port`. */
export async function startServer(port = PORT, outDir?: string): Promise<ChildProcess> {
  const dir = outDir ? ['--outDir', outDir] : [];
  const p = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', ...dir], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://localhost:${port}`);
      if (r.ok) return p;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}
