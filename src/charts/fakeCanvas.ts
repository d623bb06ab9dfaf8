/**
 * A recording stand-in for CanvasRenderingContext2D (jsdom has none), so tests can check what a
 * chart would paint. Test-only; not imported by app code.
 */
export interface CanvasLog {
  calls: Record<string, number>;
  fillStyles: string[];
  imageSmoothingEnabled: boolean | undefined;
  drawImageArgs: number[][];
}

export function installFakeCanvas(): { log: CanvasLog; restore: () => void } {
  const log: CanvasLog = { calls: {}, fillStyles: [], imageSmoothingEnabled: undefined, drawImageArgs: [] };
  const bump = (name: string) => () => {
    log.calls[name] = (log.calls[name] ?? 0) + 1;
  };
  const ctx = {
    canvas: null as HTMLCanvasElement | null,
    set fillStyle(v: string) {
      log.fillStyles.push(v);
    },
    strokeStyle: '',
    lineWidth: 1,
    set imageSmoothingEnabled(v: boolean) {
      log.imageSmoothingEnabled = v;
    },
    setTransform: bump('setTransform'),
    clearRect: bump('clearRect'),
    save: bump('save'),
    restore: bump('restore'),
    translate: bump('translate'),
    scale: bump('scale'),
    beginPath: bump('beginPath'),
    rect: bump('rect'),
    clip: bump('clip'),
    moveTo: bump('moveTo'),
    arc: bump('arc'),
    fill: bump('fill'),
    stroke: bump('stroke'),
    fillRect: bump('fillRect'),
    putImageData: bump('putImageData'),
    createImageData: (w: number, h: number) => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(w * h * 4),
    }),
    drawImage: (...args: unknown[]) => {
      bump('drawImage')();
      log.drawImageArgs.push(args.slice(1).map(Number));
    },
  };
  const proto = HTMLCanvasElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'getContext');
  Object.defineProperty(proto, 'getContext', { configurable: true, writable: true, value: () => ctx });
  return {
    log,
    restore: () => {
      if (original) Object.defineProperty(proto, 'getContext', original);
    },
  };
}
