/** <TeachChartView data options/>: createTeachChart under React (see useChart for the lifecycle). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import { createTeachChart, type TeachChartData, type TeachChartOptions } from '../teachChart';

export interface TeachChartViewProps {
  data: TeachChartData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: TeachChartOptions;
  className?: string;
  testId?: string;
}

export function TeachChartView({ data, options = {}, className = 'chart', testId }: TeachChartViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createTeachChart(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
