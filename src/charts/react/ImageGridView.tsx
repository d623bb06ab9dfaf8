/** <ImageGridView data options/>: createImageGrid under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createImageGrid, type ImageGridData, type ImageGridOptions } from '../imageGrid';

export interface ImageGridViewProps {
  data: ImageGridData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: ImageGridOptions;
  className?: string;
  testId?: string;
}

export function ImageGridView({ data, options = {}, className = 'image-grid', testId }: ImageGridViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createImageGrid(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
