/**
 * The WebGPU device behind tfjs's active backend: its loss watched (a driver reset, a GPU
 * process crash), poked so Dawn settles the loss, and destroyed on purpose in tests.
 */
import * as tf from '@tensorflow/tfjs';

interface LosableDevice {
  lost: Promise<{ message?: string; reason?: string }>;
  destroy(): void;
  queue?: { onSubmittedWorkDone?(): Promise<void> };
}

function webGpuDevice(): LosableDevice | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  return (tf.backend() as unknown as { device?: LosableDevice }).device;
}

/**
 * Calls `onLost` once if the WebGPU device behind the active backend is lost (driver reset,
 * GPU process crash, or `loseWebGpuDevice` in tests). No-op on other backends.
 */
export function watchDeviceLoss(onLost: (why: string) => void): void {
  const device = webGpuDevice();
  if (!device) return;
  void device.lost.then((info) => {
    // destroy() reports reason "destroyed" — the simulated loss; a real one says "unknown".
    onLost(
      `the WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`,
    );
  });
}

/**
 * Asks the WebGPU device for an event (a queue-done promise). Dawn settles `device.lost` only
 * while it processes events: after a failed readback nothing else touches the device, so a job
 * waiting to learn whether the device was lost pokes it.
 */
export function pokeWebGpuDevice(): void {
  void webGpuDevice()
    ?.queue?.onSubmittedWorkDone?.()
    .catch(() => {});
}

/** Test hook: destroys the WebGPU device, as a driver reset would. False when not on webgpu. */
export function loseWebGpuDevice(): boolean {
  const device = webGpuDevice();
  if (!device) return false;
  device.destroy();
  return true;
}
