/** <HistogramView data options/>: createHistogram under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createHistogram, type HistogramData, type HistogramOptions } from '../histogram';

export interface HistogramViewProps {
  data: HistogramData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: HistogramOptions;
  className?: string;
  testId?: string;
}

export function HistogramView({ data, options = {}, className = 'chart', testId }: HistogramViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createHistogram(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
