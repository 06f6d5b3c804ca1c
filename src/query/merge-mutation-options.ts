import type { MutationFunctionContext, UseMutationOptions } from '@tanstack/react-query'

/**
 * The library's mutation options with an app's own on top: the app's `onMutate` runs after the
 * library's optimistic update (the library's snapshot stays the context), its `onError` after the
 * rollback, and its `onSettled` before the library's invalidation. Other options are the app's.
 */
export function mergeMutationOptions<TData, TError, TVariables, TContext>(
  base: UseMutationOptions<TData, TError, TVariables, TContext>,
  options: Omit<UseMutationOptions<TData, TError, TVariables, TContext>, 'mutationFn'> = {},
): UseMutationOptions<TData, TError, TVariables, TContext> {
  return {
    ...base,
    ...options,
    onMutate: async (variables: TVariables, context: MutationFunctionContext) => {
      const snapshot = (await base.onMutate?.(variables, context)) as TContext
      await options.onMutate?.(variables, context)
      return snapshot
    },
    onSuccess: async (...args) => {
      await base.onSuccess?.(...args)
      await options.onSuccess?.(...args)
    },
    onError: async (...args) => {
      await base.onError?.(...args)
      await options.onError?.(...args)
    },
    onSettled: async (...args) => {
      await options.onSettled?.(...args)
      await base.onSettled?.(...args)
    },
  }
}
