import { refuse } from './errors.js'
import { followNextPage } from './pagination.js'
import { streamQueryPairs, type Id, type StreamListParams } from './query-string.js'
import type { RequestOptions, Transport } from './request.js'
import { createResourceApi } from './resource-api.js'
import { parseStream, parseStreamPage, type ListPage, type Stream, type StreamPage, type Tag } from './schemas.js'

/** The body of `PUT /streams/{id}`: every field optional, snake_case as on the wire. */
export interface StreamPatch {
  title?: string
  /** Must be a valid HotMic user id. */
  user_id?: string
  /** A publicly reachable URL. */
  thumbnail?: string
  /** ISO 8601, e.g. `2019-09-08T00:00:00.000+00:00`. */
  scheduled_date?: string
  description?: string
  invite_link?: string
  tags?: Tag[]
}

/** The `client.streams` methods. */
export interface StreamsApi {
  /**
   * One page of `GET /streams`.
   * @example const page = await client.streams.list({ state: 'LIVE', limit: 20 })
   */
  list(params?: StreamListParams, options?: RequestOptions): Promise<StreamPage>
  /**
   * One stream, through `GET /streams?ids=<id>`. Throws a `HotMicError` of kind `not-found` when absent.
   * @example const stream = await client.streams.get('82052303-2a84-45b9-9f5e-3e3447208ece')
   */
  get(id: Id, options?: RequestOptions): Promise<Stream>
  /**
   * `PUT /streams/{id}`; resolves to the updated stream.
   * @example await client.streams.update(id, { title: 'Tonight: the final' })
   */
  update(id: Id, patch: StreamPatch, options?: RequestOptions): Promise<Stream>
  /**
   * Every page, following `links.next` until it ends (missing, empty, repeated, or an empty page).
   * @example for await (const page of client.streams.pages({ pagination: 'cursor' })) render(page.results)
   */
  pages(params?: StreamListParams, options?: RequestOptions): AsyncIterable<StreamPage>
  /**
   * Every stream whose `last_updated` is strictly after `since`: the documented recipe
   * (`orderBy=last_updated&cursor=<since>`, cursor pagination), all pages, oldest change first.
   * `since` is an ISO 8601 string (sent as given), a `Date` or epoch ms (sent as ISO 8601 UTC).
   * @example const changed = await client.streams.updatedSince('2022-10-13T17:00:08Z', { limit: 500 })
   */
  updatedSince(since: string | Date | number, params?: UpdatedSinceParams, options?: RequestOptions): Promise<Stream[]>
}

/** The filters {@link StreamsApi.updatedSince} accepts on top of its own order and cursor. */
export type UpdatedSinceParams = Omit<StreamListParams, 'orderBy' | 'desc' | 'cursor' | 'skip' | 'pagination'>

/**
 * A timestamp as the updated-since cursor: a valid ISO 8601 string as given, a `Date` or epoch ms
 * as UTC without milliseconds when they are zero (`2022-10-13T17:00:08Z`). Throws `invalid-request`
 * for anything that is not a date.
 */
export function toCursorTimestamp(since: string | Date | number): string {
  // A string must at least start as an ISO 8601 date: Date.parse also reads '1' or 'Tuesday 12'.
  const ms = typeof since === 'string' && !/^\s*\d{4}-\d\d-\d\d/.test(since) ? NaN : new Date(since).getTime()
  if (!Number.isFinite(ms)) refuse(`updatedSince needs a date, got ${JSON.stringify(String(since))}`)
  if (typeof since === 'string') return since.trim()
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}

/** Builds `client.streams` over a transport. */
export function createStreamsApi(transport: Transport): StreamsApi {
  const { list, get, write } = createResourceApi<Stream, StreamListParams>(transport, 'streams', streamQueryPairs, parseStreamPage, parseStream)

  async function* pages(params: StreamListParams = {}, options: RequestOptions = {}): AsyncGenerator<StreamPage> {
    // Kept so a next link that loops back, or pages that never bring anything new, end the walk.
    const fetched: ListPage<{ id: string }>[] = []
    const asked: StreamListParams[] = []
    let current: StreamListParams | null = params
    while (current) {
      const page = await list(current, options)
      yield page
      fetched.push({ links: page.links, results: page.results.map(({ id }) => ({ id })) })
      asked.push(current)
      current = followNextPage(fetched, asked)
    }
  }

  return {
    list,
    get,
    update: write,
    async updatedSince(since, params = {}, options = {}) {
      const cursor = toCursorTimestamp(since)
      // Each stream once, as its latest copy, in the order the API first listed it.
      const changed = new Map<string, Stream>()
      const recipe: StreamListParams = { ...params, orderBy: 'last_updated', cursor, pagination: 'cursor' }
      for await (const page of pages(recipe, options)) for (const stream of page.results) changed.set(stream.id, stream)
      return [...changed.values()]
    },
    pages,
  }
}
