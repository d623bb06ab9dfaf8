/** <ConstellationGridView data options/>: createConstellationGrid under React (see useChart). */
import { useChart } from './useChart';
import { useLiveOptions } from './liveOptions';
import {
  createConstellationGrid,
  type ConstellationGridData,
  type ConstellationGridOptions,
} from '../constellation';

export interface ConstellationGridViewProps {
  data: ConstellationGridData;
  /** Fixed at creation; a change in any non-function option rebuilds the chart. */
  options?: ConstellationGridOptions;
  className?: string;
  testId?: string;
}

export function ConstellationGridView({
  data,
  options = {},
  className = 'constellation-grid',
  testId,
}: ConstellationGridViewProps) {
  const live = useLiveOptions(options);
  const { ref } = useChart((el) => createConstellationGrid(el, live.options), data, [live.key]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
