'use client'
import { useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { StreamListParams } from '../client/query-string.js'
import type { StreamPage } from '../client/schemas.js'
import type { hotmicKeys } from '../query/keys.js'
import { streamsQueryOptions } from '../query/stream-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own options for {@link useStreams}, minus `queryKey` and `queryFn`. */
export type UseStreamsOptions<TData = StreamPage> = Omit<
  UseQueryOptions<StreamPage, HotMicError, TData, ReturnType<typeof hotmicKeys.streams.list>>,
  'queryKey' | 'queryFn'
>

/**
 * One page of streams, on the app's `QueryClient`.
 *
 * @example
 * const { data, isPending, error } = useStreams({ state: 'LIVE', limit: 20 })
 * data?.results.map((stream) => <StreamCard key={stream.id} stream={stream} />)
 */
export function useStreams<TData = StreamPage>(
  params?: StreamListParams,
  options?: UseStreamsOptions<TData>,
): UseQueryResult<TData, HotMicError> {
  const client = useHotMicClient()
  return useQuery({ ...streamsQueryOptions(client, params), ...options } as UseQueryOptions<StreamPage, HotMicError, TData, ReturnType<typeof hotmicKeys.streams.list>>)
}
