import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import type { ListPage, Stream, User } from '../client/schemas.js'
import { hotmicKeys } from './keys.js'

/** A snapshot of cache entries, restored exactly by {@link restoreSnapshot}. */
export type CacheSnapshot = readonly (readonly [QueryKey, unknown])[]

type Entity = { id: string }

function isPage(value: unknown): value is ListPage<Entity> {
  return typeof value === 'object' && value !== null && Array.isArray((value as ListPage<Entity>).results)
}
function isInfinite(value: unknown): value is InfiniteData<ListPage<Entity>> {
  return typeof value === 'object' && value !== null && Array.isArray((value as InfiniteData<unknown>).pages)
}
function isEntity(value: unknown): value is Entity {
  return typeof value === 'object' && value !== null && 'id' in value && !isPage(value) && !isInfinite(value)
}

function patchPage<TItem extends Entity>(page: ListPage<TItem>, id: string, update: (item: TItem) => TItem): ListPage<TItem> {
  let changed = false
  const results = page.results.map((item) => {
    if (item.id !== id) return item
    const next = update(item)
    if (next !== item) changed = true
    return next
  })
  return changed ? { ...page, results } : page
}

/**
 * Applies `update` to item `id` in every entry under `rootKey` that holds it: details, pages and
 * infinite lists. `update` also gets the entry's key. Entries without data are left alone, and so
 * are entries for which `update` returns the item unchanged (the same object). Returns the touched
 * entries as they were.
 */
export function patchCachedItem<TItem extends Entity>(
  queryClient: QueryClient,
  rootKey: QueryKey,
  id: string,
  update: (item: TItem, key: QueryKey) => TItem,
): CacheSnapshot {
  const touched: (readonly [QueryKey, unknown])[] = []
  for (const [key, data] of queryClient.getQueriesData({ queryKey: rootKey })) {
    if (data === undefined) continue
    const change = (item: TItem) => update(item, key)
    let next: unknown = data
    if (isInfinite(data)) {
      const pages = data.pages.map((page) => (isPage(page) ? patchPage(page as ListPage<TItem>, id, change) : page))
      next = pages.some((page, index) => page !== data.pages[index]) ? { ...data, pages } : data
    } else if (isPage(data)) {
      next = patchPage(data as ListPage<TItem>, id, change)
    } else if (isEntity(data) && data.id === id) {
      next = change(data as TItem)
    }
    if (next === data) continue
    touched.push([key, data])
    queryClient.setQueryData(key, next)
  }
  return touched
}

/**
 * Applies `update` to stream `id` wherever the cache holds it: detail entries, pages and infinite
 * lists. Entries without data are left alone. Returns the touched entries as they were, for a rollback.
 */
export function patchCachedStream(queryClient: QueryClient, id: string, update: (stream: Stream) => Stream): CacheSnapshot {
  return patchCachedItem(queryClient, hotmicKeys.streams.all(), id, update)
}

/** Like {@link patchCachedStream}, for users. */
export function patchCachedUser(queryClient: QueryClient, id: string, update: (user: User) => User): CacheSnapshot {
  return patchCachedItem(queryClient, hotmicKeys.users.all(), id, update)
}

/** The cached copies of item `id` under `rootKey`, in cache order. */
export function findCachedItems<TItem extends Entity>(queryClient: QueryClient, rootKey: QueryKey, id: string): TItem[] {
  const found: TItem[] = []
  for (const [, data] of queryClient.getQueriesData({ queryKey: rootKey })) {
    const pages = isInfinite(data) ? data.pages : isPage(data) ? [data] : []
    for (const page of pages) if (isPage(page)) found.push(...(page.results.filter((item) => item.id === id) as TItem[]))
    if (isEntity(data) && data.id === id) found.push(data as TItem)
  }
  return found
}

/**
 * Puts back every entry of a snapshot as it was. An entry that had no data goes back to having
 * none (it is removed), since `setQueryData(key, undefined)` would be ignored.
 */
export function restoreSnapshot(queryClient: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) {
    if (data === undefined) queryClient.removeQueries({ queryKey: key, exact: true })
    else queryClient.setQueryData(key, data)
  }
}
