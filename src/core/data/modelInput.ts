/**
 * What the CNN needs of image sizes, in core so the UI and the CLI can say it before a run (not
 * as a wasm "memory access out of bounds" mid-training). The grey CNN (two valid 3×3 convs, two
 * 2×2 pools) needs sides of 10; the colour CNN (same-padded, three pools) needs 8.
 */
export const GREY_CNN_MIN_SIDE = 10;
export const COLOUR_CNN_MIN_SIDE = 8;

/** Colour images (three channels) get the colour CNN. */
export function usesColourCnn(shape: readonly number[]): boolean {
  return shape.length === 3 && shape[2] === 3;
}

/** Why the CNN cannot take images of `shape` ([h, w, c]), or undefined when it can. */
export function cnnInputProblem(shape: readonly number[]): string | undefined {
  if (shape.length !== 3) return undefined;
  const [h, w] = shape as [number, number];
  const min = usesColourCnn(shape) ? COLOUR_CNN_MIN_SIDE : GREY_CNN_MIN_SIDE;
  if (h >= min && w >= min) return undefined;
  return `the CNN needs images of at least ${min}×${min} pixels (its pooling halves them ${usesColourCnn(shape) ? 3 : 2} times); these are ${w}×${h}: choose the linear or MLP model, or import them resized (--resize ${min}x${min} or larger)`;
}
