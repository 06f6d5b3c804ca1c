'use client'
import { useInfiniteQuery, type UseInfiniteQueryOptions, type UseInfiniteQueryResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { StreamListParams } from '../client/query-string.js'
import type { StreamPage } from '../client/schemas.js'
import type { hotmicKeys } from '../query/keys.js'
import { infiniteStreamsQueryOptions, type InfiniteStreamsData } from '../query/stream-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own infinite-query options, minus the key, query function and page params. */
export type UseInfiniteStreamsOptions<TData = InfiniteStreamsData> = Omit<
  UseInfiniteQueryOptions<StreamPage, HotMicError, TData, ReturnType<typeof hotmicKeys.streams.infinite>, StreamListParams>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
>

/**
 * Streams page by page, following `links.next` (cursor pagination unless `skip` or `pagination` is
 * given). `data.streams` is every loaded stream once.
 *
 * @example
 * const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useInfiniteStreams({ limit: 24 })
 * data?.streams.map((stream) => <StreamCard key={stream.id} stream={stream} />)
 */
export function useInfiniteStreams<TData = InfiniteStreamsData>(
  params?: StreamListParams,
  options?: UseInfiniteStreamsOptions<TData>,
): UseInfiniteQueryResult<TData, HotMicError> {
  const client = useHotMicClient()
  return useInfiniteQuery({ ...infiniteStreamsQueryOptions(client, params), ...options } as UseInfiniteQueryOptions<
    StreamPage,
    HotMicError,
    TData,
    ReturnType<typeof hotmicKeys.streams.infinite>,
    StreamListParams
  >)
}
