import { findMethod, type MethodName } from '../../../../shared/api/contract';
import { mayCall } from '../../../../shared/domain/roles';
import { useApiQuery } from '../../components/apiQueries';

/** The login state; every screen reads it from the same query. */
export function useAuthStatus() {
  return useApiQuery('auth.status', undefined, { staleTime: 30_000 });
}

/** The logged-in user (the gate guarantees one below it). */
export function useCurrentUser() {
  const status = useAuthStatus();
  const user = status.data?.user ?? null;
  return {
    user,
    /**
     * whether this user may call the method (its roles in the contract): what a page shows — a
     * button, a column — is asked with the method the button calls, never with a list of roles
     */
    canCall: (method: MethodName) => mayCall(findMethod(method)!.access, user?.role ?? null, false),
  };
}

/**
 * Which of a page's actions this user may take, each named by the method its button calls:
 * `useMayCall({ edit: 'units.update', retire: 'units.retire' })` → `{ edit: true, retire: true }`.
 */
export function useMayCall<K extends string>(methods: Record<K, MethodName>): Record<K, boolean> {
  const { canCall } = useCurrentUser();
  return Object.fromEntries(Object.entries<MethodName>(methods).map(([action, method]) => [action, canCall(method)])) as Record<K, boolean>;
}
