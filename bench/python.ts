/**
 * Finds the Python interpreter that has a module (torch, numpy), instead of trusting whatever
 * `python3` the PATH finds first: on many machines that is a pyenv / venv interpreter without
 * torch while the system's has it (or the other way round), and the bench then printed "not
 * installed" silently. Order: the variable named for it (TORCH_PYTHON / NUMPY_PYTHON), then
 * COREWB_PYTHON, then PYTHON, then python3 on the PATH, /usr/bin/python3, python. The first that
 * imports wins; every bench prints which one (its real path) and the module's version.
 */
import { execFileSync } from 'node:child_process';

export interface PythonWith {
  /** The interpreter's path or command. */
  exe: string;
  /** The module's __version__. */
  version: string;
  /** sys.executable: where `exe` leads (a PATH lookup, a pyenv shim). */
  path: string;
}

const found = new Map<string, PythonWith | null>();

function candidates(module: string): string[] {
  const own = process.env[`${module.toUpperCase()}_PYTHON`];
  const list = [own, process.env.COREWB_PYTHON, process.env.PYTHON, 'python3', '/usr/bin/python3', 'python'];
  return [...new Set(list.filter((x): x is string => !!x))];
}

/** The first interpreter that imports `module`, or null (with the places tried in `tried`). */
export function findPython(module: 'torch' | 'numpy'): PythonWith | null {
  const cached = found.get(module);
  if (cached !== undefined) return cached;
  let hit: PythonWith | null = null;
  for (const exe of candidates(module)) {
    try {
      const out = execFileSync(
        exe,
        ['-c', `import sys, ${module}; print(${module}.__version__); print(sys.executable)`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
      );
      const [version = '?', path = exe] = out.trim().split('\n');
      hit = { exe, version, path };
      break;
    } catch {
      // not this one
    }
  }
  found.set(module, hit);
  return hit;
}

/** One line for a bench's header: which interpreter and version, or how to name one. */
export function describePython(module: 'torch' | 'numpy'): string {
  const p = findPython(module);
  if (p) return `${module} ${p.version} (${p.exe === p.path ? p.exe : `${p.exe} → ${p.path}`})`;
  return `${module}: not found in ${candidates(module).join(', ')} (set ${module.toUpperCase()}_PYTHON or COREWB_PYTHON to an interpreter that has it)`;
}
