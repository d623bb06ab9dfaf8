/** The contract every chart in this folder follows: charts are functions of data (docs/design.md, "Charts"). */
export interface Chart<D> {
  /** Redraws from `data` alone; reuses the DOM it made before, so it is cheap to call often. */
  update(data: D): void;
  /** Re-measures the host element and redraws the last data. */
  resize(): void;
  /** Removes everything the chart added to the host element and drops listeners. */
  destroy(): void;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Options every chart accepts. */
export interface BaseOptions {
  /** Drawn at the top and used as the accessible name unless `ariaLabel` is given. */
  title?: string;
  /** Accessible description; defaults to the title plus a summary of the data. */
  ariaLabel?: string;
  /** Fixed height in CSS pixels; otherwise the host's height, else 300. */
  height?: number;
  /** Fixed width; otherwise the host's width, else 640 (jsdom measures everything as 0). */
  width?: number;
  /** Extra class on the chart's root element. */
  className?: string;
}

/** A numeric column as core produces it (typed arrays cross from workers untouched). */
export type NumArray = ArrayLike<number>;

/**
 * The update / resize / destroy handle every chart returns: keeps the last data so a resize can
 * redraw it. `extra` adds chart-specific methods (hit testing).
 */
export function chartHandle<D, E extends object = object>(
  render: (data: D) => void,
  initial: D,
  destroy: () => void,
  extra?: E,
): Chart<D> & E {
  let last = initial;
  return {
    ...(extra as E),
    update(data: D) {
      last = data;
      render(data);
    },
    resize() {
      render(last);
    },
    destroy,
  };
}
