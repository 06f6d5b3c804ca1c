'use client'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { Stream } from '../../client/schemas.js'
import { useHotMicClient } from '../../hooks/provider.js'
import { streamQueryOptions } from '../../query/stream-options.js'
import { preloadHls } from '../hls-player/hls-engine.js'

/** How long a prefetched stream counts as fresh, so hovering back and forth costs one request (ms). */
export const INTENT_STALE_MS = 30_000

/**
 * A card's `onIntent` that warms what opening the stream needs: its detail query in the app's
 * `QueryClient` (through {@link streamQueryOptions}), the player's hls.js chunk and, for a LIVE or
 * VOD stream, its playlists and a VOD's first segment ({@link preloadHls}). Needs a
 * `QueryClientProvider` and a `HotMicProvider` above.
 *
 * @example
 * const warm = useStreamIntent()
 * <StreamCard stream={stream} href={`/watch/${stream.id}`} onIntent={warm} />
 */
export function useStreamIntent(): (stream: Stream) => void {
  const queryClient = useQueryClient()
  const client = useHotMicClient()
  return useCallback(
    (stream: Stream) => {
      // What StreamPlayer plays with HlsPlayer: a LIVE or VOD stream's video_url.
      void preloadHls(stream.state === 'LIVE' || stream.state === 'VOD' ? stream.video_url : undefined)
      void queryClient.prefetchQuery({ ...streamQueryOptions(client, stream.id), staleTime: INTENT_STALE_MS })
    },
    [queryClient, client],
  )
}
