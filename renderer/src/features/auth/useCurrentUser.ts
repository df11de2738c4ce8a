import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { findMethod, type MethodName } from '../../../../shared/api/contract';
import { mayCall, type Role } from '../../../../shared/domain/roles';

export const AUTH_STATUS_KEY = ['auth.status'] as const;

/** The login state; every screen reads it from the same query. */
export function useAuthStatus() {
  return useQuery({ queryKey: AUTH_STATUS_KEY, queryFn: () => api.auth.status(), staleTime: 30_000 });
}

/** The logged-in user (the gate guarantees one below it). */
export function useCurrentUser() {
  const status = useAuthStatus();
  const user = status.data?.user ?? null;
  return {
    user,
    can: (...roles: Role[]) => user !== null && roles.includes(user.role),
    /** whether this user may call the method (its roles in the contract): what to show, from the one list of who may do what */
    canCall: (method: MethodName) => mayCall(findMethod(method)!.access, user?.role ?? null, false),
  };
}
