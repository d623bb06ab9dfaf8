/**
 * Attributes main-thread long tasks in a Chromium trace (Playwright's `browser.startTracing` with
 * the categories below): every top-level task of the page's renderer main thread over a threshold,
 * its event tree (script, GC, style, layout, paint, message dispatch, …) and the JavaScript
 * functions the V8 sampling profiler caught inside it. Used by bench/mainThread.ts.
 */

export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
];

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  url?: string;
  lineNumber?: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}

export interface LongTask {
  startMs: number;
  durMs: number;
  /** Indented event tree (children of 1 ms or more). */
  tree: string[];
  /** JavaScript functions by self time inside the task (sampled). */
  topSelf: { fn: string; ms: number }[];
  /** Deepest frame of our own bundle on each sample's stack, by time. */
  topApp: { fn: string; ms: number }[];
}

function label(e: TraceEvent): string {
  const d = e.args?.data ?? {};
  const bits: string[] = [e.name];
  for (const k of ['type', 'functionName', 'url', 'lineNumber', 'columnNumber'] as const) {
    const v = d[k];
    if (v !== undefined && v !== '') bits.push(`${k === 'url' ? String(v).replace(/^.*\//, '') : String(v)}`);
  }
  return bits.join(' ');
}

function frameName(f: CallFrame): string {
  if (!f.url) return f.functionName || '(anonymous)';
  const file = f.url.replace(/^.*\//, '');
  return `${f.functionName || '(anonymous)'} ${file}:${(f.lineNumber ?? 0) + 1}`;
}

/** A top-level task: `RunTask` (devtools.timeline) or, with only the `toplevel` category, the scheduler's own. */
const isTask = (name: string) => name === 'RunTask' || name === 'ThreadControllerImpl::RunTask';

/** The renderer main thread with the most top-level task time (the page under test). */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = { pid: -1, tid: -1 };
  let bestDur = -1;
  for (const m of mains) {
    let dur = 0;
    for (const e of events) if (e.pid === m.pid && e.tid === m.tid && isTask(e.name)) dur += e.dur ?? 0;
    if (dur > bestDur) {
      bestDur = dur;
      best = { pid: m.pid, tid: m.tid };
    }
  }
  return best;
}

/** Samples of the main thread's V8 CPU profile: time (µs), leaf node id, node table. */
function samplesOf(events: TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const starts = new Map<string, number>();
  const last = new Map<string, number>();
  // The profile of a thread is announced on that thread; its chunks come from the profiler's own thread.
  for (const e of events) {
    if (e.pid === pid && e.tid === tid && e.name === 'Profile' && e.id)
      starts.set(e.id, Number(e.args?.data?.startTime ?? e.ts));
  }
  for (const e of events) {
    if (e.pid !== pid || e.name !== 'ProfileChunk' || !e.id || !starts.has(e.id)) continue;
    const d = e.args?.data as
      { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const n of d?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    let t = last.get(e.id) ?? starts.get(e.id) ?? e.ts;
    const s = d?.cpuProfile?.samples ?? [];
    const deltas = d?.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      t += deltas[i] ?? 0;
      samples.push({ ts: t, node: s[i]! });
    }
    last.set(e.id, t);
  }
  samples.sort((a, b) => a.ts - b.ts);
  return { nodes, samples };
}

function top(m: Map<string, number>, k: number): { fn: string; ms: number }[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([fn, us]) => ({ fn, ms: Math.round(us / 100) / 10 }));
}

export function longTasksOf(
  trace: { traceEvents: TraceEvent[] } | TraceEvent[],
  thresholdMs = 50,
  appUrl = '/assets/',
): LongTask[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const { pid, tid } = mainThread(events);
  const onMain = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const { nodes, samples } = samplesOf(events, pid, tid);
  const origin = onMain[0]?.ts ?? 0;
  const tasks: LongTask[] = [];
  for (let i = 0; i < onMain.length; i++) {
    const t = onMain[i]!;
    if (t.name !== 'RunTask' || (t.dur ?? 0) < thresholdMs * 1000) continue;
    const end = t.ts + (t.dur ?? 0);
    // The event tree inside the task: a stack of open ends gives each event its depth.
    const tree: string[] = [];
    const stack: number[] = [end];
    let tracing = false;
    for (let j = i + 1; j < onMain.length && onMain[j]!.ts < end; j++) {
      const c = onMain[j]!;
      tracing ||= c.name === 'CpuProfiler::StartProfiling';
      while (stack.length && c.ts >= stack[stack.length - 1]!) stack.pop();
      const depth = stack.length;
      stack.push(c.ts + (c.dur ?? 0));
      if ((c.dur ?? 0) >= 1000 && depth <= 6)
        tree.push(`${'  '.repeat(depth)}${(c.dur! / 1000).toFixed(1)} ms ${label(c)}`);
    }
    // Starting the sampling profiler is itself a long task: the trace's, not the app's.
    if (tracing) continue;
    const self = new Map<string, number>();
    const app = new Map<string, number>();
    let lo = 0;
    let hi = samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid]!.ts < t.ts) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < samples.length && samples[k]!.ts < end; k++) {
      const dt = (samples[k + 1]?.ts ?? end) - samples[k]!.ts;
      const leaf = nodes.get(samples[k]!.node);
      if (!leaf) continue;
      self.set(frameName(leaf.callFrame), (self.get(frameName(leaf.callFrame)) ?? 0) + dt);
      for (
        let n: ProfileNode | undefined = leaf;
        n;
        n = n.parent !== undefined ? nodes.get(n.parent) : undefined
      ) {
        if (n.callFrame.url?.includes(appUrl)) {
          app.set(frameName(n.callFrame), (app.get(frameName(n.callFrame)) ?? 0) + dt);
          break;
        }
      }
    }
    tasks.push({
      startMs: (t.ts - origin) / 1000,
      durMs: (t.dur ?? 0) / 1000,
      tree,
      topSelf: top(self, 12),
      topApp: top(app, 12),
    });
  }
  return tasks;
}

/**
 * The longest top-level task of the page's main thread in the trace, however short: by wall
 * time (what input waits) and by the thread's CPU time (`tdur`: the app's own work, the figure
 * a loaded machine does not inflate by descheduling the thread). Tracing with the sampling
 * profiler (--trace) adds its own cost to both.
 */
export function longestTask(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): {
  wallMs: number;
  cpuMs: number;
} {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const { pid, tid } = mainThread(events);
  let wall = 0;
  let cpu = 0;
  for (const e of events)
    if (e.pid === pid && e.tid === tid && isTask(e.name) && e.ph === 'X') {
      wall = Math.max(wall, e.dur ?? 0);
      cpu = Math.max(cpu, e.tdur ?? 0);
    }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000 };
}
