import { useInvalidate } from '../../components/apiQueries';

/**
 * A function that reloads every 经费台账 answer ('funds.*') after a save: a disbursement changes
 * the programme, the year's list and every report at once.
 */
export function useFundsRefresh() {
  const invalidate = useInvalidate();
  return () => invalidate('funds.');
}
