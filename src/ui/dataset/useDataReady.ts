import { dataKeyOf } from '../../core/data/prepare';
import { useApp } from '../context';

/**
 * Why nothing can train yet, or undefined when the loaded data is the data the settings
 * describe. While it is not (a load pending or under way, or nothing imported yet), nothing
 * trains: a button would otherwise name one dataset's count and train another.
 */
export function useDataWait(): string | undefined {
  return useApp((s) => {
    if (s.spec.dataset === 'custom' && !s.spec.customId) return 'Import your data first';
    const ready =
      s.data.status === 'ready' && s.data.summary !== undefined && s.data.summary.key === dataKeyOf(s.spec);
    return ready ? undefined : 'Loading the chosen data…';
  });
}
