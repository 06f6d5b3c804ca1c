import type { MutationFunctionContext, UseMutationOptions } from '@tanstack/react-query'

/**
 * An app's own options for a mutation the library runs: React Query's, minus `mutationFn`, with an
 * `onMutate` whose result is ignored (the library's snapshot stays the context).
 */
export type AppMutationOptions<TData, TError, TVariables, TContext> = Omit<UseMutationOptions<TData, TError, TVariables, TContext>, 'mutationFn' | 'onMutate'> & {
  onMutate?: ((variables: TVariables, context: MutationFunctionContext) => unknown) | undefined
}

/**
 * The library's mutation options with an app's own on top: the app's `onMutate` runs after the
 * library's optimistic update (the library's snapshot stays the context; if the app's throws, the
 * update is undone before the mutation fails), its `onError` after the rollback, and its
 * `onSettled` before the library's invalidation, which runs even if the app's throws. Other
 * options are the app's.
 */
export function mergeMutationOptions<TData, TError, TVariables, TContext>(
  base: UseMutationOptions<TData, TError, TVariables, TContext>,
  options: AppMutationOptions<TData, TError, TVariables, TContext> = {},
): UseMutationOptions<TData, TError, TVariables, TContext> {
  return {
    ...base,
    ...options,
    onMutate: async (variables: TVariables, context: MutationFunctionContext) => {
      const snapshot = (await base.onMutate?.(variables, context)) as TContext
      try {
        await options.onMutate?.(variables, context)
      } catch (error) {
        // React Query would call onError without the context: undo the update while it is known.
        await base.onError?.(error as TError, variables, snapshot, context)
        throw error
      }
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
      try {
        await options.onSettled?.(...args)
      } finally {
        await base.onSettled?.(...args)
      }
    },
  }
}
