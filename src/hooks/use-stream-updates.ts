'use client'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { UpdatedSinceParams } from '../client/streams.js'
import { createStreamSync, type StreamSyncState } from '../query/stream-sync.js'
import { useHotMicClient } from './provider.js'

/** Options of {@link useStreamUpdates}. */
export interface UseStreamUpdatesOptions {
  /** Time between syncs in ms, counted from the end of the previous one. */
  intervalMs: number
  /** Filters for the updated-since request. Default: every stream. */
  params?: UpdatedSinceParams | undefined
  /** Default `true`. */
  enabled?: boolean | undefined
  /** How far behind the newest seen change a request starts while its second may still get writes, in ms. Default 1000 (whole-second timestamps); see `StreamSyncOptions.overlapMs`. */
  overlapMs?: number | undefined
}

/** What {@link useStreamUpdates} returns. */
export type UseStreamUpdatesResult = StreamSyncState

const IDLE: StreamSyncState = { lastSyncAt: null, changes: 0, totalChanges: 0, error: null, paused: false, syncing: false }

/**
 * Keeps every cached stream up to date with the updated-since recipe: only changed streams are
 * fetched, each cached copy is patched, lists filtered by state are refetched when a stream
 * changes state. Pauses while the page is hidden. Returns when it last synced and how many
 * streams changed.
 *
 * @example
 * const { lastSyncAt, changes } = useStreamUpdates({ intervalMs: 5000 })
 * const { data } = useStreams({ state: 'LIVE' }) // stays current
 */
export function useStreamUpdates({ intervalMs, params, enabled = true, overlapMs }: UseStreamUpdatesOptions): UseStreamUpdatesResult {
  const queryClient = useQueryClient()
  const client = useHotMicClient()
  const [state, setState] = useState<StreamSyncState>(IDLE)
  // Params usually come as an inline object: restart only when their content changes.
  const paramsKey = JSON.stringify(params ?? {})

  useEffect(() => {
    if (!enabled) return
    const sync = createStreamSync(queryClient, client, { intervalMs, params: JSON.parse(paramsKey) as UpdatedSinceParams, overlapMs })
    const unsubscribe = sync.subscribe(() => setState(sync.getState()))
    sync.start()
    return () => {
      // Stopped first, so a request it cuts short is reported over (`syncing: false`).
      sync.stop()
      unsubscribe()
    }
  }, [queryClient, client, intervalMs, paramsKey, enabled, overlapMs])

  return state
}
