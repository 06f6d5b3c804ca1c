import { hashKey, mutationOptions, replaceEqualDeep, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import { patchCachedItem, type CacheSnapshot } from './stream-cache.js'

type Fields = Record<string, unknown>

/** A field the item did not have: a rollback removes it again. */
const ABSENT = Symbol()

/** One optimistic edit, pending until its request settles. */
interface Edit {
  patch: Fields
}

/** What one cache entry's copy of an item was given and had. */
interface EntryState {
  /** The value each covered field last had from anywhere but these edits (the server, a live sync). */
  base: Fields
  /** The value each covered field was last given by these edits. */
  shown: Fields
}

/** The pending edits of one item, oldest first, and its copy in each cache entry. */
interface Pending {
  edits: Edit[]
  entries: Map<string, EntryState>
}

/** The pending edits under one root key of one QueryClient, kept on every copy that lands while they run. */
interface Registry {
  items: Map<string, Pending>
  unsubscribe: () => void
}

const registries = new WeakMap<QueryClient, Map<string, Registry>>()
/** Each mutation's snapshot (its context) to its edit. */
const editsBySnapshot = new WeakMap<CacheSnapshot, { registry: Registry; id: string; edit: Edit; queryClient: QueryClient; rootKey: QueryKey }>()

const read = (item: Fields, field: string) => (Object.hasOwn(item, field) ? item[field] : ABSENT)

/**
 * Equal values, deeply: the cache's structural sharing keeps an old array or object in place of an
 * equal new one (a `tags` patch), which is no server change.
 */
const same = (a: unknown, b: unknown) => Object.is(a, b) || replaceEqualDeep(a, b) === a

/** The value each field covered by `edits` should show: the newest edit's. */
function wanted(edits: readonly Edit[]): Fields {
  return Object.assign({}, ...edits.map((edit) => edit.patch)) as Fields
}

/**
 * Shows the pending edits of item `id` in every entry under `queryKey`. A covered field holding a
 * value these edits did not give it got it from the server (a fetch, a live sync): that value is
 * what a rollback returns to.
 */
function show(queryClient: QueryClient, pending: Pending, queryKey: QueryKey, id: string): CacheSnapshot {
  const values = wanted(pending.edits)
  return patchCachedItem<{ id: string }>(queryClient, queryKey, id, (item, key) => {
    const hash = hashKey(key)
    const state = pending.entries.get(hash) ?? { base: {}, shown: {} }
    pending.entries.set(hash, state)
    let next: Fields | undefined
    for (const [field, value] of Object.entries(values)) {
      const current = read(item as Fields, field)
      if (!Object.hasOwn(state.shown, field) || !same(current, state.shown[field])) state.base[field] = current
      state.shown[field] = value
      if (!same(current, value)) (next ??= { ...item })[field] = value
    }
    return (next ?? item) as { id: string }
  })
}

function registryFor(queryClient: QueryClient, rootKey: QueryKey): Registry {
  let byRoot = registries.get(queryClient)
  if (!byRoot) registries.set(queryClient, (byRoot = new Map()))
  const rootHash = hashKey(rootKey)
  const found = byRoot.get(rootHash)
  if (found) return found
  const prefix = JSON.stringify(rootKey).slice(0, -1)
  const registry: Registry = {
    items: new Map(),
    // Copies that land while edits run (a fetch, a next page, a cancelled fetch reverting) get them too.
    unsubscribe: queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || (event.action.type !== 'success' && event.action.type !== 'setState')) return
      if (!JSON.stringify(event.query.queryKey).startsWith(prefix)) return
      for (const [id, pending] of registry.items) void show(queryClient, pending, event.query.queryKey, id)
    }),
  }
  byRoot.set(rootHash, registry)
  return registry
}

/**
 * Takes the edit of a mutation's context out of its item's pending edits (the registry goes once
 * nothing is pending under it); `undefined` when it was settled already.
 */
function settle(context: CacheSnapshot | undefined) {
  const found = context && editsBySnapshot.get(context)
  if (!found) return undefined
  editsBySnapshot.delete(context)
  const { queryClient, rootKey, registry, id, edit } = found
  const pending = registry.items.get(id)
  const index = pending?.edits.indexOf(edit) ?? -1
  if (!pending || index < 0) return undefined
  pending.edits.splice(index, 1)
  if (pending.edits.length === 0) registry.items.delete(id)
  if (registry.items.size === 0) {
    registry.unsubscribe()
    registries.get(queryClient)?.delete(hashKey(rootKey))
  }
  return { ...found, pending }
}

/**
 * Undoes one edit, and only it: each field it covered goes back to the newest other pending edit's
 * value, else to what the server last gave that entry. Other fields, other edits and pages loaded
 * since are kept. Does nothing for an edit already settled.
 */
function rollback(context: CacheSnapshot | undefined) {
  const settled = settle(context)
  if (!settled) return
  const { queryClient, rootKey, id, edit, pending } = settled
  const values = wanted(pending.edits)
  patchCachedItem<{ id: string }>(queryClient, rootKey, id, (item, key) => {
    const state = pending.entries.get(hashKey(key))
    if (!state) return item
    const next: Fields = { ...item }
    let changed = false
    for (const field of Object.keys(edit.patch)) {
      const current = read(item as Fields, field)
      let restored: unknown
      if (Object.hasOwn(values, field)) {
        restored = state.shown[field] = values[field]
      } else {
        // What the server last gave this copy; a value these edits did not give it is the server's.
        restored = Object.hasOwn(state.shown, field) && same(current, state.shown[field]) ? state.base[field] : current
        delete state.base[field]
        delete state.shown[field]
      }
      if (same(restored, current)) continue
      changed = true
      if (restored === ABSENT) delete next[field]
      else next[field] = restored
    }
    return changed ? (next as { id: string }) : item
  })
}

/** An edit the server took: what it set is now the server's value for the edits still pending. */
function commit(context: CacheSnapshot | undefined) {
  const settled = settle(context)
  if (!settled) return
  const { edit, pending } = settled
  const values = wanted(pending.edits)
  for (const state of pending.entries.values()) {
    for (const [field, value] of Object.entries(edit.patch)) {
      if (Object.hasOwn(values, field)) {
        state.base[field] = value
      } else {
        delete state.base[field]
        delete state.shown[field]
      }
    }
  }
}

/** Starts an edit: shown at once in every cached copy, and in every copy that lands while it runs. */
function begin(queryClient: QueryClient, rootKey: QueryKey, id: string, patch: Fields): CacheSnapshot {
  const registry = registryFor(queryClient, rootKey)
  const pending = registry.items.get(id) ?? { edits: [], entries: new Map<string, EntryState>() }
  registry.items.set(id, pending)
  const edit: Edit = { patch }
  pending.edits.push(edit)
  // The context apps see: the entries this edit changed, as they were.
  const snapshot = show(queryClient, pending, rootKey, id)
  editsBySnapshot.set(snapshot, { registry, id, edit, queryClient, rootKey })
  return snapshot
}

/**
 * Mutation options for an optimistic `PUT` of one item under `rootKey`: cancels in-flight queries
 * under it, patches every cached copy (and any copy that lands while the request runs), on failure
 * undoes this edit's fields only (other pending edits, and pages loaded meanwhile, stay), and
 * invalidates `rootKey` on settle so filtered and sorted lists end up right. The context is the
 * entries under `rootKey` as they were before the edit.
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
      return begin(queryClient, rootKey, String(id), patch as Fields)
    },
    onSuccess: (_data, _variables, snapshot) => commit(snapshot),
    onError: (_error, _variables, snapshot) => rollback(snapshot),
    onSettled: (_data, _error, _variables, _snapshot, { client: queryClient }) => queryClient.invalidateQueries({ queryKey: rootKey }),
  })
}
