/**
 * WebGPU in Node: Dawn, the engine behind Chromium's WebGPU, from the `webgpu` package. It puts
 * `navigator.gpu` (and the GPU* constants tfjs's webgpu backend reads) on globalThis, so the CLI's
 * `--backend webgpu` and `npm run bench -- gpu --node` train on a GPU machine with no browser.
 * Dawn reaches the GPU through the Vulkan loader (libvulkan.so.1); without one, or without a GPU,
 * requestAdapter() finds nothing and the caller falls back to wasm with the reason.
 *
 * tfjs's webgpu backend registers itself only if navigator.gpu exists when its module loads,
 * which in the CLI is before Dawn is put in place; `registerWebGpu` then registers it the way
 * the package does (the adapter's limits asked for, timestamp queries where offered).
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

interface DawnModule {
  create(flags: string[]): unknown;
  globals: Record<string, unknown>;
}

export type DawnInstall = { ok: true; runtime: string } | { ok: false; why: string };

let installed: DawnInstall | undefined;

export async function installDawn(flags: string[] = []): Promise<DawnInstall> {
  if (installed) return installed;
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('webgpu');
  } catch {
    return (installed = { ok: false, why: 'the `webgpu` package (Dawn for Node) is not installed' });
  }
  try {
    const version = (require('webgpu/package.json') as { version: string }).version;
    const { create, globals } = (await import(entry)) as DawnModule;
    Object.assign(globalThis, globals);
    const nav = ((globalThis as { navigator?: object }).navigator ??= {}) as { gpu?: unknown };
    Object.defineProperty(nav, 'gpu', { value: create(flags), configurable: true });
    registerWebGpu(nav.gpu as GpuLike);
    return (installed = {
      ok: true,
      runtime: `Node ${process.version}, Dawn from webgpu ${version} (${dirname(entry)})`,
    });
  } catch (e) {
    return (installed = { ok: false, why: `Dawn did not load: ${(e as Error).message}` });
  }
}

interface AdapterLike {
  features: ReadonlySet<string>;
  limits: Record<string, number>;
  info?: unknown;
  requestDevice(descriptor: object): Promise<unknown>;
}
interface GpuLike {
  requestAdapter(options: object): Promise<AdapterLike | null>;
}

const LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
];

function registerWebGpu(gpu: GpuLike): void {
  if (tf.findBackendFactory('webgpu')) return;
  tf.registerBackend(
    'webgpu',
    async () => {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) throw new Error('no WebGPU adapter (Dawn found no GPU through Vulkan)');
      const device = await adapter.requestDevice({
        requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
        requiredLimits: Object.fromEntries(LIMITS.map((k) => [k, adapter.limits[k]])),
      });
      type Ctor = ConstructorParameters<typeof WebGPUBackend>;
      return new WebGPUBackend(device as Ctor[0], adapter.info as Ctor[1]);
    },
    3,
  );
}
