import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role } from '../../../../shared/domain/roles';

export const AUTH_STATUS_KEY = ['auth.status'] as const;

/** The login state; every screen reads it from the same query. */
export function useAuthStatus() {
  return useQuery({ queryKey: AUTH_STATUS_KEY, queryFn: () => api.auth.status(), staleTime: 30_000 });
}

/** The logged-in user (the gate guarantees one below it). */
export function useCurrentUser() {
  const status = useAuthStatus();
  const user = status.data?.user ?? null;
  return { user, can: (...roles: Role[]) => user !== null && roles.includes(user.role) };
}
