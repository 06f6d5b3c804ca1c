import { mutationOptions, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import { patchCachedItem, restoreSnapshot, type CacheSnapshot } from './stream-cache.js'

const watchers = new WeakMap<CacheSnapshot, () => void>()

function applyPatch<TItem extends object>(patch: object) {
  return (item: TItem): TItem => {
    const current = item as Record<string, unknown>
    return Object.entries(patch).every(([name, value]) => Object.is(current[name], value)) ? item : { ...item, ...patch }
  }
}

/**
 * Patches every cached copy of `id`, and keeps patching entries under `rootKey` that change until
 * the returned snapshot is released: a fetch that was in flight (a cancelled fetch reverting, a
 * next page landing) cannot undo the edit. The snapshot holds each touched entry's first state.
 */
function patchAndWatch<TItem extends { id: string }>(queryClient: QueryClient, rootKey: QueryKey, id: string, patch: object): CacheSnapshot {
  const snapshot: (readonly [QueryKey, unknown])[] = []
  const hashes = new Set<string>()
  const record = (touched: CacheSnapshot) => {
    for (const entry of touched) {
      const hash = JSON.stringify(entry[0])
      if (hashes.has(hash)) continue
      hashes.add(hash)
      snapshot.push(entry)
    }
  }
  const update = applyPatch<TItem>(patch)
  record(patchCachedItem<TItem>(queryClient, rootKey, id, update))
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || (event.action.type !== 'success' && event.action.type !== 'setState')) return
    const prefix = JSON.stringify(rootKey).slice(0, -1)
    if (!JSON.stringify(event.query.queryKey).startsWith(prefix)) return
    record(patchCachedItem<TItem>(queryClient, event.query.queryKey, id, update))
  })
  watchers.set(snapshot, unsubscribe)
  return snapshot
}

function release(snapshot: CacheSnapshot | undefined) {
  if (!snapshot) return
  watchers.get(snapshot)?.()
  watchers.delete(snapshot)
}

/**
 * Mutation options for an optimistic `PUT` of one item under `rootKey`: cancels in-flight queries
 * under it, patches every cached copy (and any copy that lands while the request runs), restores
 * every touched entry exactly on failure, and invalidates `rootKey` on settle so filtered and
 * sorted lists end up right.
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
      return patchAndWatch<TItem>(queryClient, rootKey, String(id), patch)
    },
    onError: (_error, _variables, snapshot, { client: queryClient }) => {
      release(snapshot)
      if (snapshot) restoreSnapshot(queryClient, snapshot)
    },
    onSettled: (_data, _error, _variables, snapshot, { client: queryClient }) => {
      release(snapshot)
      return queryClient.invalidateQueries({ queryKey: rootKey })
    },
  })
}
