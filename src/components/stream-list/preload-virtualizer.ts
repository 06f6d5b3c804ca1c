'use client'
import { useEffect, useSyncExternalStore } from 'react'
import type { VirtualItems } from './virtual-items.js'

type VirtualItemsComponent = typeof VirtualItems

/** Whether the virtual items have loaded: a new object on every change, so React sees it. */
export type VirtualItemsState = { status: 'idle' | 'failed' } | { status: 'loaded'; component: VirtualItemsComponent }

let state: VirtualItemsState = { status: 'idle' }
let pending: Promise<void> | undefined
const listeners = new Set<() => void>()

function settle(next: VirtualItemsState) {
  state = next
  for (const listener of listeners) listener()
}

/**
 * Starts downloading the virtualizer (the chunk that renders long lists row by row) without
 * rendering anything, so a list that grows past `VIRTUALIZE_OVER` switches to virtual rows at
 * once. The drop-in `StreamList` calls it by itself when its next page could cross the threshold;
 * call it yourself where you know a long presentational list is coming. Safe to call often; a
 * failed download is forgotten, so the next call tries again (lists keep plain items meanwhile).
 *
 * @example
 * useEffect(() => void preloadVirtualizer(), [])
 */
export function preloadVirtualizer(): Promise<void> {
  if (state.status === 'loaded') return Promise.resolve()
  pending ??= import('./virtual-items.js').then(
    (module) => settle({ status: 'loaded', component: module.VirtualItems }),
    () => {
      pending = undefined
      settle({ status: 'failed' })
    },
  )
  return pending
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

const serverState: VirtualItemsState = { status: 'idle' }

/**
 * The virtual items component once loaded, starting the download when `wanted`. While it loads
 * (and on the server, and after a failed download) the answer says so, and the list renders plain
 * items. A failed download is not retried here, so a broken network does not loop.
 */
export function useVirtualItems(wanted: boolean): VirtualItemsState {
  const current = useSyncExternalStore(subscribe, () => state, () => serverState)
  useEffect(() => {
    if (wanted && current.status === 'idle') void preloadVirtualizer()
  }, [wanted, current.status])
  return current
}
