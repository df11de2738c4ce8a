import { useQueryClient } from '@tanstack/react-query';

/**
 * Query keys of the 经费台账 pages. Every key starts with the method's name ('funds.…'), so one
 * invalidation after any change reloads every list, balance and report of the module — a
 * disbursement changes the programme, the year's list and every report at once.
 */
export const programmesKey = (year: number) => ['funds.programmes', year] as const;
export const programmeKey = (id: number) => ['funds.programme', id] as const;

/** A function that reloads every 'funds.*' query (after a save). */
export function useFundsRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('funds.') });
}
