import { useQueryClient } from '@tanstack/react-query';

/** After any change to the organisation tree, every view of it reloads. */
export function useRefreshUnits() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['units.tree'] }),
      queryClient.invalidateQueries({ queryKey: ['units.search'] }),
      queryClient.invalidateQueries({ queryKey: ['units.get'] }),
    ]);
}
