'use client'
import { useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import type { Stream } from '../client/schemas.js'
import type { hotmicKeys } from '../query/keys.js'
import { streamQueryOptions } from '../query/stream-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own options for {@link useStream}, minus `queryKey` and `queryFn`. */
export type UseStreamOptions<TData = Stream> = Omit<
  UseQueryOptions<Stream, HotMicError, TData, ReturnType<typeof hotmicKeys.streams.detail>>,
  'queryKey' | 'queryFn'
>

/**
 * One stream by id. A missing stream is a `HotMicError` of kind `not-found`.
 *
 * @example
 * const { data: stream } = useStream(streamId)
 */
export function useStream<TData = Stream>(id: Id, options?: UseStreamOptions<TData>): UseQueryResult<TData, HotMicError> {
  const client = useHotMicClient()
  return useQuery({ ...streamQueryOptions(client, id), ...options } as UseQueryOptions<Stream, HotMicError, TData, ReturnType<typeof hotmicKeys.streams.detail>>)
}
