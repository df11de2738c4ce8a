import type { DictionaryName } from '../../../shared/api/dictionaries';
import { useApiQuery } from './apiQueries';

/** A dictionary's items (retired ones too, so old records still show their label). */
export function useDictionary(name: DictionaryName) {
  const query = useApiQuery('dictionaries.items', { name }, { staleTime: 60_000 });
  const items = query.data ?? [];
  return {
    items,
    activeItems: items.filter((i) => !i.retired),
    /** the label of a stored value; '' while loading or for no value */
    labelOf: (value: string | null | undefined) => (value ? (items.find((i) => i.value === value)?.label ?? '') : ''),
  };
}
