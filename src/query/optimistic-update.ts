import { mutationOptions, type QueryKey } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import { patchCachedItem, restoreSnapshot, type CacheSnapshot } from './stream-cache.js'

/**
 * Mutation options for an optimistic `PUT` of one item under `rootKey`: cancels in-flight queries
 * under it (so a late answer cannot overwrite the edit), patches every cached copy, restores every
 * touched entry exactly on failure, and invalidates `rootKey` on settle so filtered and sorted
 * lists end up right.
 */
export function optimisticUpdateMutationOptions<TItem extends { id: string }, TPatch extends object>(
  rootKey: QueryKey,
  mutationFn: (id: Id, patch: TPatch) => Promise<TItem>,
) {
  return mutationOptions<TItem, HotMicError, { id: Id; patch: TPatch }, CacheSnapshot>({
    mutationKey: [...rootKey, 'update'],
    mutationFn: ({ id, patch }) => mutationFn(id, patch),
    onMutate: async ({ id, patch }, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey: rootKey })
      return patchCachedItem<TItem>(queryClient, rootKey, String(id), (item) => ({ ...item, ...patch }))
    },
    onError: (_error, _variables, snapshot, { client: queryClient }) => {
      if (snapshot) restoreSnapshot(queryClient, snapshot)
    },
    onSettled: (_data, _error, _variables, _snapshot, { client: queryClient }) => queryClient.invalidateQueries({ queryKey: rootKey }),
  })
}
