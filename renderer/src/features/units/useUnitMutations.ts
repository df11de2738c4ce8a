import { useInvalidate } from '../../components/apiQueries';

/** After any change to the organisation tree, every view of it reloads. */
export function useRefreshUnits() {
  const invalidate = useInvalidate();
  return () => invalidate('units.');
}
