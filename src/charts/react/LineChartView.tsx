/** <LineChartView data options/>: createLineChart under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createLineChart, type LineChartData, type LineChartOptions } from '../lineChart';

export interface LineChartViewProps {
  data: LineChartData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: LineChartOptions;
  className?: string;
  testId?: string;
}

export function LineChartView({ data, options = {}, className = 'chart', testId }: LineChartViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createLineChart(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
