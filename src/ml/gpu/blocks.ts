/**
 * The plumbing of the GPU similarity kernels (similarity.ts): buffers made and destroyed per call,
 * one dispatch per kernel, and the block loop that submits block b+1 before reading block b
 * back, so the GPU computes while the CPU merges. Raw WebGPU; works with Dawn in Node too.
 */
import type { BlockPlan } from './plan';

// GPUBufferUsage / GPUMapMode bits (spelled out: Node's Dawn bindings and workers agree on them).
export const MAP_READ = 0x1;
export const COPY_SRC = 0x4;
export const COPY_DST = 0x8;
export const UNIFORM = 0x40;
export const STORAGE = 0x80;

export interface GpuBlockOptions {
  /** Bytes of one block's output tile (default 64 MiB, capped by the device's limits). */
  tileBytes?: number;
  /** Fraction of blocks done, after each block. */
  onProgress?: (done: number) => void;
  /** Called before each block; throw from it to cancel. */
  checkpoint?: () => void;
}

/** Buffers made for one call, destroyed together. */
export class Buffers {
  private list: GPUBuffer[] = [];
  constructor(private device: GPUDevice) {}
  make(size: number, usage: number, label: string): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.max(16, Math.ceil(size / 16) * 16), usage, label });
    this.list.push(b);
    return b;
  }
  upload(data: Float32Array, label: string): GPUBuffer {
    const b = this.make(data.byteLength, STORAGE | COPY_DST, label);
    this.device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  }
  uniform(values: number[]): GPUBuffer {
    const b = this.make(values.length * 4, UNIFORM | COPY_DST, 'params');
    this.device.queue.writeBuffer(b, 0, new Uint32Array(values));
    return b;
  }
  destroy(): void {
    for (const b of this.list) b.destroy();
    this.list = [];
  }
}

export function dispatch(
  enc: GPUCommandEncoder,
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  buffers: GPUBuffer[],
  groups: [number, number],
): void {
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(groups[0], groups[1]);
  pass.end();
}

/**
 * Runs `plan.blocks` blocks: `encode(b, enc, perBlock)` records block b's work and the copies
 * into its staging buffers; `read(b, staging)` sees them mapped. Block b+1 is submitted before
 * block b is read back, so the GPU computes while the CPU merges.
 */
export async function runBlocks(
  device: GPUDevice,
  plan: BlockPlan,
  opts: GpuBlockOptions,
  stagingSizes: number[],
  encode: (b: number, enc: GPUCommandEncoder, staging: GPUBuffer[], scratch: Buffers) => void,
  read: (b: number, mapped: ArrayBuffer[]) => void,
  bufs: Buffers,
): Promise<void> {
  const sets = [0, 1].map((s) =>
    stagingSizes.map((size) => bufs.make(size, MAP_READ | COPY_DST, `staging${s}`)),
  );
  const scratch = [new Buffers(device), new Buffers(device)];
  const submit = (b: number): void => {
    const enc = device.createCommandEncoder();
    encode(b, enc, sets[b % 2]!, scratch[b % 2]!);
    device.queue.submit([enc.finish()]);
  };
  try {
    opts.checkpoint?.();
    submit(0);
    for (let b = 0; b < plan.blocks; b++) {
      if (b + 1 < plan.blocks) {
        opts.checkpoint?.();
        submit(b + 1);
      }
      const staging = sets[b % 2]!;
      await Promise.all(staging.map((s) => s.mapAsync(MAP_READ)));
      read(
        b,
        staging.map((s) => s.getMappedRange()),
      );
      for (const s of staging) s.unmap();
      scratch[b % 2]!.destroy();
      opts.onProgress?.((b + 1) / plan.blocks);
    }
  } finally {
    scratch[0]!.destroy();
    scratch[1]!.destroy();
  }
}
