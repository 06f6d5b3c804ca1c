import { HotMicError, refuse } from './errors.js'
import { normalizeIds, toQueryString, type Id } from './query-string.js'
import type { RequestOptions, Transport } from './request.js'
import type { ListPage, ResponseSource } from './schemas.js'

/** A path id: trimmed, non-empty, URL-encoded. Throws `invalid-request` for an empty id or one made of dots. */
export function pathId(id: Id): string {
  const text = String(id).trim()
  // From untyped callers: null, undefined or an object is no id, never "undefined" or "[object Object]".
  if (text === '' || (typeof id !== 'string' && typeof id !== 'number')) refuse(`An id is required, got ${JSON.stringify(text)}`)
  // `.` and `..` survive encoding and would move the request to another path (PUT /streams/.. is PUT /).
  if (/^\.+$/.test(text)) refuse(`${JSON.stringify(text)} is not an id`)
  return encodeURIComponent(text)
}

type Parse<TResult> = (body: unknown, source: ResponseSource, wanted?: string) => TResult

/** What `client.streams` and `client.users` have in common, built by {@link createResourceApi}. */
export interface ResourceApi<TItem, TParams> {
  /** One page of `GET /<name>`; an `ids` filter that cleans to nothing answers an empty page without a request. */
  list(params?: TParams, options?: RequestOptions): Promise<ListPage<TItem>>
  /** One item through `GET /<name>?ids=<id>`; a `not-found` HotMicError when absent. */
  get(id: Id, options?: RequestOptions): Promise<TItem>
  /** `PUT /<name>/{id}`, or `POST /<name>` without an id. */
  write(id: Id | undefined, body: unknown, options?: RequestOptions): Promise<TItem>
}

/**
 * The list, get and write requests of one collection (`streams` or `users`). An `ids` filter that
 * cleans to nothing answers an empty page without a request: `ids=` is never sent.
 */
export function createResourceApi<TItem extends { id: string }, TParams extends { ids?: readonly Id[] | undefined }>(
  transport: Transport,
  name: 'streams' | 'users',
  queryPairs: (params?: TParams) => [string, string][],
  parsePage: Parse<ListPage<TItem>>,
  parseItem: Parse<TItem>,
): ResourceApi<TItem, TParams> {
  const page = (query: [string, string][], options: RequestOptions = {}) =>
    transport.request({ ...options, method: 'GET', path: `/${name}${toQueryString(query)}`, parse: parsePage })
  return {
    async list(params, options) {
      const query = queryPairs(params)
      if (params?.ids != null && !query.some(([key]) => key === 'ids')) return { results: [], links: { next: null, self: null }, count: 0 }
      return page(query, options)
    },
    async get(id, options) {
      pathId(id)
      const wanted = normalizeIds([id])[0]!
      const item = (await page([['ids', wanted]], options)).results.find((candidate) => candidate.id === wanted)
      if (item) return item
      throw new HotMicError({
        kind: 'not-found',
        status: 404,
        message: `${name.slice(0, -1)} ${JSON.stringify(wanted)} was not found`,
        method: 'GET',
        url: `${transport.baseUrl()}/${name}?ids=${encodeURIComponent(wanted)}`,
      })
    },
    async write(id, body, options = {}) {
      const wanted = id === undefined ? id : String(id).trim()
      return transport.request({
        ...options,
        method: wanted === undefined ? 'POST' : 'PUT',
        path: wanted === undefined ? `/${name}` : `/${name}/${pathId(id!)}`,
        body,
        parse: (json, source) => parseItem(json, source, wanted),
      })
    },
  }
}
