/** <ScatterView data options/>: createScatterChart under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createScatterChart, type ScatterData, type ScatterOptions } from '../scatterChart';

export interface ScatterViewProps {
  data: ScatterData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: ScatterOptions;
  className?: string;
  testId?: string;
}

export function ScatterView({ data, options = {}, className = 'chart', testId }: ScatterViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createScatterChart(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
