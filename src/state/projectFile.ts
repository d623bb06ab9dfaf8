/**
 * The whole workspace as one file: the setup (experiment spec), every finished run with its
 * selection, scores, metrics and diagnostics, and the last comparison — so results move to
 * another browser, which a link (the setup only) cannot do. Versioned; importing checks every
 * part and says which one is wrong; a bad file changes nothing. Typed arrays are written as
 * base64 of their little-endian bytes, tagged with their type.
 */
import { SpecError, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { ComparisonState } from './compareTypes';
import { fromStored, toStored } from './persistence';
import type { AppState, RunRecord } from './types';

export const PROJECT_FORMAT = 'coreset-workbench/project';
export const PROJECT_VERSION = 1;

export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectFileError';
  }
}

const TYPED = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (name in TYPED) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return { $typed: name, base64: toBase64(bytes) };
    }
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value) {
    const v = value as { $typed: string; base64: unknown };
    const ctor = TYPED[v.$typed as TypedName];
    if (!ctor || typeof v.base64 !== 'string')
      throw new ProjectFileError(`a typed array is tagged "${v.$typed}", which this version does not know`);
    const bytes: Uint8Array<ArrayBuffer> = fromBase64(v.base64);
    if (bytes.length % ctor.BYTES_PER_ELEMENT)
      throw new ProjectFileError(`a ${v.$typed} holds ${bytes.length} bytes, not a whole number of values`);
    return new ctor(bytes.buffer);
  }
  return value;
}

export interface ProjectContents {
  spec: ExperimentSpec;
  runs: RunRecord[];
  comparison?: ComparisonState;
}

/** Finished runs only: a run in flight belongs to this page's worker. */
export function projectJson(state: Pick<AppState, 'spec' | 'runs' | 'comparison'>, now = Date.now()): string {
  const runs = state.runs
    .filter((r) => r.status !== 'running' && r.status !== 'queued')
    .map((r) => toStored(r, now));
  const c = state.comparison;
  const comparison = c && c.status !== 'running' ? { ...c, progress: undefined } : undefined;
  return JSON.stringify(
    {
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      exportedAt: new Date(now).toISOString(),
      spec: state.spec,
      runs,
      comparison,
    },
    replacer,
  );
}

export function parseProject(text: string): ProjectContents {
  let raw: unknown;
  try {
    raw = JSON.parse(text, reviver);
  } catch (e) {
    if (e instanceof ProjectFileError) throw e;
    throw new ProjectFileError(`not a project file: it is not JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object') throw new ProjectFileError('not a project file: no object at the top');
  const p = raw as Record<string, unknown>;
  if (p.format !== PROJECT_FORMAT)
    throw new ProjectFileError(
      `not a project file: format is ${JSON.stringify(p.format) ?? 'missing'}, expected "${PROJECT_FORMAT}"`,
    );
  if (typeof p.version !== 'number' || p.version > PROJECT_VERSION || p.version < 1)
    throw new ProjectFileError(
      `project file version ${String(p.version)} is not one this app reads (it reads 1–${PROJECT_VERSION}); update the app`,
    );
  let spec: ExperimentSpec;
  try {
    spec = validateSpec(p.spec as ExperimentSpec);
  } catch (e) {
    const why = e instanceof SpecError ? `${e.field}: ${e.message}` : (e as Error).message;
    throw new ProjectFileError(`the project's setup is not valid: ${why}`);
  }
  if (!Array.isArray(p.runs)) throw new ProjectFileError('the project has no list of runs');
  const list: unknown[] = p.runs;
  const runs = list.map((r, i) => {
    const run = fromStored(r);
    if (!run) throw new ProjectFileError(`run ${i + 1} of ${list.length} is damaged or from another version`);
    return run;
  });
  const c = p.comparison as ComparisonState | undefined;
  if (
    c !== undefined &&
    (typeof c !== 'object' || !Array.isArray(c.records) || !Array.isArray(c.references) || !c.setup)
  )
    throw new ProjectFileError('the project’s comparison is damaged (records, references or setup missing)');
  return { spec, runs, comparison: c };
}

/**
 * Puts a parsed project into the store: its setup becomes the current one, its runs join the
 * ones here (a run already present, by id, is kept as is), its comparison replaces an idle one.
 * Returns how many runs were added.
 */
export function applyProject(
  store: { getState(): AppState; setState(p: Partial<AppState>): void },
  p: ProjectContents,
): number {
  const s = store.getState();
  const have = new Set(s.runs.map((r) => r.id));
  const added = p.runs.filter((r) => !have.has(r.id));
  const keepComparison = s.comparison?.status === 'running' || !p.comparison;
  store.setState({
    spec: p.spec,
    runs: [...s.runs, ...added].sort((a, b) => a.startedAt - b.startedAt),
    ...(keepComparison ? {} : { comparison: p.comparison }),
    notice: {
      kind: 'info',
      text: `Project imported: ${added.length} run${added.length === 1 ? '' : 's'} added${p.runs.length > added.length ? ` (${p.runs.length - added.length} already here)` : ''}; its setup is now the current one.`,
    },
  });
  return added.length;
}
