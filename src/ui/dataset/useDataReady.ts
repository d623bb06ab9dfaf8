import { dataKeyOf } from '../../core/data/prepare';
import { useApp } from '../context';

/**
 * Whether the loaded data is the data the settings describe. While it is not (a load pending or
 * under way), nothing trains: a button would otherwise name one dataset's count and train another.
 */
export function useDataReady(): boolean {
  return useApp((s) => s.data.status === 'ready' && s.data.summary !== undefined && s.data.summary.key === dataKeyOf(s.spec));
}
