import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import type { Stream, StreamPage } from '../client/schemas.js'
import { hotmicKeys } from './keys.js'

/** A snapshot of cache entries, restored exactly by {@link restoreSnapshot}. */
export type CacheSnapshot = readonly (readonly [QueryKey, unknown])[]

function isStream(value: unknown): value is Stream {
  return typeof value === 'object' && value !== null && 'id' in value && !('results' in value) && !('pages' in value)
}
function isPage(value: unknown): value is StreamPage {
  return typeof value === 'object' && value !== null && Array.isArray((value as StreamPage).results)
}
function isInfinite(value: unknown): value is InfiniteData<StreamPage> {
  return typeof value === 'object' && value !== null && Array.isArray((value as InfiniteData<StreamPage>).pages)
}

function patchPage(page: StreamPage, id: string, update: (stream: Stream) => Stream): StreamPage {
  let changed = false
  const results = page.results.map((stream) => {
    if (stream.id !== id) return stream
    changed = true
    return update(stream)
  })
  return changed ? { ...page, results } : page
}

/**
 * Applies `update` to stream `id` wherever the cache holds it: detail entries, pages and infinite
 * lists. Entries without data are left alone. Returns the touched entries as they were, for a rollback.
 */
export function patchCachedStream(queryClient: QueryClient, id: string, update: (stream: Stream) => Stream): CacheSnapshot {
  const touched: (readonly [QueryKey, unknown])[] = []
  for (const [key, data] of queryClient.getQueriesData({ queryKey: hotmicKeys.streams.all() })) {
    if (data === undefined) continue
    let next: unknown = data
    if (isInfinite(data)) {
      const pages = data.pages.map((page) => patchPage(page, id, update))
      next = pages.some((page, index) => page !== data.pages[index]) ? { ...data, pages } : data
    } else if (isPage(data)) {
      next = patchPage(data, id, update)
    } else if (isStream(data) && data.id === id) {
      next = update(data)
    }
    if (next === data) continue
    touched.push([key, data])
    queryClient.setQueryData(key, next)
  }
  return touched
}

/** Puts back every entry of a snapshot as it was. */
export function restoreSnapshot(queryClient: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data)
}
