import { infiniteQueryOptions, queryOptions, type InfiniteData } from '@tanstack/react-query'
import type { HotMicClient } from '../client/create-client.js'
import type { HotMicError } from '../client/errors.js'
import { followNextPage } from '../client/pagination.js'
import type { Id, StreamListParams } from '../client/query-string.js'
import type { Stream, StreamPage } from '../client/schemas.js'
import type { StreamPatch } from '../client/streams.js'
import { hotmicKeys, streamListKey } from './keys.js'
import { getStreamBatched } from './stream-batcher.js'
import { optimisticUpdateMutationOptions } from './optimistic-update.js'

/**
 * Query options for one page of `GET /streams`. Use with `useQuery`, `prefetchQuery`, `fetchQuery`
 * or `useSuspenseQuery`; retries are the client's, so React Query's own are off.
 *
 * @example
 * await queryClient.prefetchQuery(streamsQueryOptions(client, { state: 'LIVE' }))
 */
export function streamsQueryOptions(client: HotMicClient, params: StreamListParams = {}) {
  return queryOptions<StreamPage, HotMicError, StreamPage, ReturnType<typeof hotmicKeys.streams.list>>({
    queryKey: streamListKey(params),
    queryFn: ({ signal }) => client.streams.list(params, { signal }),
    retry: false,
  })
}

/**
 * Query options for one stream by id. Calls made in the same tick (several `useStream`s, or
 * prefetches) share one `GET /streams?ids=a_b_c` request.
 *
 * @example
 * const stream = await queryClient.fetchQuery(streamQueryOptions(client, id))
 */
export function streamQueryOptions(client: HotMicClient, id: Id) {
  return queryOptions<Stream, HotMicError, Stream, ReturnType<typeof hotmicKeys.streams.detail>>({
    queryKey: hotmicKeys.streams.detail(id),
    queryFn: ({ signal }) => getStreamBatched(client, id, { signal }),
    retry: false,
  })
}

/** The infinite list's data: React Query's pages, plus every stream once, in page order. */
export type InfiniteStreamsData = InfiniteData<StreamPage, StreamListParams> & {
  /** Every stream of every loaded page, each id once (the first time it appears). */
  streams: Stream[]
}

/** Flattens pages into one list, keeping the first occurrence of each id when data shifts between pages. */
export function flattenStreamPages(data: InfiniteData<StreamPage, StreamListParams>): InfiniteStreamsData {
  const seen = new Set<string>()
  const streams: Stream[] = []
  for (const page of data.pages) {
    for (const stream of page.results) {
      if (seen.has(stream.id)) continue
      seen.add(stream.id)
      streams.push(stream)
    }
  }
  return { ...data, streams }
}

/**
 * Infinite-query options over `GET /streams`: cursor pagination by default, following `links.next`,
 * ending cleanly on a missing, empty or repeated next link or an empty page. `data.streams` is the
 * flattened list.
 *
 * @example
 * const query = useInfiniteQuery(infiniteStreamsQueryOptions(client, { state: 'VOD', limit: 24 }))
 */
export function infiniteStreamsQueryOptions(client: HotMicClient, params: StreamListParams = {}) {
  const first: StreamListParams = params.skip != null || params.pagination ? params : { ...params, pagination: 'cursor' }
  return infiniteQueryOptions<StreamPage, HotMicError, InfiniteStreamsData, ReturnType<typeof hotmicKeys.streams.infinite>, StreamListParams>({
    queryKey: hotmicKeys.streams.infinite(first),
    queryFn: ({ pageParam, signal }) => client.streams.list(pageParam, { signal }),
    initialPageParam: first,
    getNextPageParam: (_lastPage, pages, _lastPageParam, pageParams) => followNextPage(pages, pageParams),
    select: flattenStreamPages,
    retry: false,
  })
}

/** What `useUpdateStream().mutate` takes. */
export interface UpdateStreamVariables {
  id: Id
  patch: StreamPatch
}

/**
 * Mutation options for `PUT /streams/{id}`: the change shows at once in every cached list, infinite
 * list and detail entry; a failure puts every touched entry back exactly; on settle every stream
 * query is invalidated so filtered and sorted lists end up right.
 *
 * @example
 * const mutation = useMutation(updateStreamMutationOptions(client))
 * mutation.mutate({ id, patch: { title: 'New title' } })
 */
export function updateStreamMutationOptions(client: HotMicClient) {
  return optimisticUpdateMutationOptions<Stream, StreamPatch>(hotmicKeys.streams.all(), (id, patch) => client.streams.update(id, patch))
}
