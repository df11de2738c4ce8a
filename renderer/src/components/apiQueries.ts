import { skipToken, useMutation, useQuery, useQueryClient, type QueryKey, type SkipToken, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { Contract, MethodName } from '../../../shared/api/contract';
import type { InputOf, MethodDef, OutputOf } from '../../../shared/api/define';
import { api } from '../api/client';

export { skipToken };

/**
 * The API through react-query, by method name: `useApiQuery('funds.programmes', { year })`,
 * `useApiMutation('units.restore')`. Every query's key is `[method, input]` (`[method]` for a
 * method called without input), so the method name alone finds every cached answer of a method
 * or a module: `invalidate('funds.')` reloads all of 经费台账 after a change, `invalidate('units.tree')`
 * one method's answers. No page writes a query key by hand.
 */

type DefOf<M extends MethodName> = M extends `${infer N}.${infer K}` ? (N extends keyof Contract ? (K extends keyof Contract[N] ? Contract[N][K] : never) : never) : never;
/** What the method takes, as the caller writes it (defaults may be left out). */
export type ApiInput<M extends MethodName> = DefOf<M> extends MethodDef ? InputOf<DefOf<M>> : never;
/** What the method answers. */
export type ApiOutput<M extends MethodName> = DefOf<M> extends MethodDef ? OutputOf<DefOf<M>> : never;

/** A module's namespace with its dot ('funds.'), or one method ('units.tree'). */
export type MethodPrefix = MethodName | `${keyof Contract & string}.`;

/** Input may be left out when the schema has a default or no required field (as the client's). */
type InputIsOptional<M extends MethodName> = undefined extends ApiInput<M> ? true : Partial<ApiInput<M>> extends ApiInput<M> ? true : false;

/** Calls a method by its name: the typed client's `api.units.tree(input)` as `callApi('units.tree', input)`. */
export function callApi<M extends MethodName>(method: M, input?: ApiInput<M>): Promise<ApiOutput<M>> {
  const [ns, name] = method.split('.') as [string, string];
  const client = api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  return client[ns]![name]!(input) as Promise<ApiOutput<M>>;
}

/** The query key of a method's answer for an input: `[method]` without input, else `[method, input]`. */
export function apiQueryKey<M extends MethodName>(method: M, input?: ApiInput<M>): QueryKey {
  return input === undefined ? [method] : [method, input];
}

/** Whether a query key belongs to one of these methods or modules (see MethodPrefix). */
export function keyMatches(queryKey: QueryKey, prefixes: readonly MethodPrefix[]): boolean {
  const head = queryKey[0];
  return typeof head === 'string' && prefixes.some((p) => (p.endsWith('.') ? head.startsWith(p) : head === p));
}

export type ApiQueryOptions<M extends MethodName> = Omit<UseQueryOptions<ApiOutput<M>, Error, ApiOutput<M>, QueryKey>, 'queryKey' | 'queryFn'>;

type QueryArgs<M extends MethodName> =
  InputIsOptional<M> extends true
    ? [input?: ApiInput<M> | SkipToken, options?: ApiQueryOptions<M>]
    : [input: ApiInput<M> | SkipToken, options?: ApiQueryOptions<M>];

/**
 * A method's answer for `input`, cached under `[method, input]`. `skipToken` instead of the
 * input waits (an id not known yet); options are react-query's (placeholderData, staleTime …).
 */
export function useApiQuery<M extends MethodName>(method: M, ...[input, options]: QueryArgs<M>) {
  const skipped = input === skipToken;
  return useQuery<ApiOutput<M>, Error, ApiOutput<M>, QueryKey>({
    ...options,
    // a waiting query has a key no answer is stored under
    queryKey: skipped ? [method, null] : apiQueryKey(method, input),
    queryFn: skipped ? skipToken : () => callApi(method, input),
  });
}

export type ApiMutationOptions<M extends MethodName, R = ApiOutput<M>> = Omit<UseMutationOptions<R, Error, ApiInput<M>>, 'mutationFn'> & {
  /** reloaded once the call succeeded, before onSuccess: methods or modules (MethodPrefix) */
  invalidates?: readonly MethodPrefix[];
};

/**
 * A change through one method: `mutate(input)` calls it; `invalidates` names what to reload
 * after it succeeded (its own module's answers, usually), before `onSuccess` runs.
 */
export function useApiMutation<M extends MethodName>(method: M, { invalidates, onSuccess, ...options }: ApiMutationOptions<M> = {}) {
  const invalidate = useInvalidate();
  return useMutation<ApiOutput<M>, Error, ApiInput<M>>({
    ...options,
    mutationFn: (input) => callApi(method, input),
    onSuccess: async (...args) => {
      if (invalidates) await invalidate(...invalidates);
      await onSuccess?.(...args);
    },
  });
}

/** A function that reloads every cached answer of these methods or modules: `invalidate('funds.')`. */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return (...prefixes: MethodPrefix[]) => queryClient.invalidateQueries({ predicate: (q) => keyMatches(q.queryKey, prefixes) });
}
