/** tfjs in Node: the wasm backend (SIMD) is the fast one here; tfjs-node needs a download we cannot do. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend, type BackendChoice, type BackendName } from '../ml/backend';
import { installDawn } from './dawn';

const require = createRequire(import.meta.url);

export function wasmDir(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

export async function initNodeBackend(override?: BackendName): Promise<BackendChoice> {
  // tfjs prints a hint about tfjs-node to stdout on first use; keep stdout for JSON.
  const log = console.log;
  console.log = (...a: unknown[]) => console.error(...a);
  try {
    // WebGPU only when asked for: Dawn on a machine without a GPU finds no adapter, and wasm is the
    // fast choice on CPUs (README, WebGPU against wasm).
    const dawn = override === 'webgpu' ? await installDawn() : undefined;
    const choice = await initBackend({
      override: override ?? 'wasm',
      wasmPaths: wasmDir(),
      after: dawn && !dawn.ok ? `no WebGPU in Node: ${dawn.why}` : undefined,
    });
    if (override && choice.name !== override) console.error(`backend: ${choice.name} (${choice.reason})`);
    return choice;
  } finally {
    console.log = log;
  }
}
