/** <BarChartView data options/>: createBarChart under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createBarChart, type BarChartData, type BarChartOptions } from '../barChart';

export interface BarChartViewProps {
  data: BarChartData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: BarChartOptions;
  className?: string;
  testId?: string;
}

export function BarChartView({ data, options = {}, className = 'chart', testId }: BarChartViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createBarChart(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
