import { useMemo } from 'react';
import { ImageGridView } from '../../charts/react/ImageGridView';
import type { DataSummary } from '../../state/types';

/** A few training images of every class, one class per row. */
export function SampleGrid({ summary }: { summary: DataSummary }) {
  const [h, w, channels] = summary.shape as [number, number, number];
  const perClass = Math.max(1, Math.round(summary.sampleRows.length / summary.numClasses));
  const data = useMemo(
    () => ({
      pixels: summary.samplePixels ?? new Uint8Array(0),
      width: w,
      height: h,
      channels,
      rows: summary.sampleRows.map((_, i) => i),
      ids: summary.sampleRows,
      captions: summary.sampleRows.map((r, i) =>
        i % perClass === 0 ? summary.classNames[summary.labels[r]!]! : '',
      ),
    }),
    [summary, h, w, channels, perClass],
  );
  return (
    <div data-testid="dataset.samples" className="sample-grid">
      <h3>Samples by class (labels as loaded)</h3>
      {/* Native size: ten classes at double size pushed the results below the fold at 1080p. */}
      <ImageGridView
        data={data}
        options={{ columns: perClass, scale: 1, title: 'Sample images, one class per row' }}
      />
    </div>
  );
}
