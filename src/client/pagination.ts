import type { ListPage } from './schemas.js'
import { streamQueryPairs, type StreamListParams } from './query-string.js'

function readLink(link: string | null | undefined): URLSearchParams | null {
  if (typeof link !== 'string' || link.trim() === '') return null
  try {
    // Only the query matters: pages are always fetched from the client's own baseUrl, so a next
    // link on another origin never receives the key, and proxy mode needs no mapping.
    return new URL(link, 'http://next.invalid/').searchParams
  } catch {
    return null
  }
}

function integer(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}

/** The query parameters as one comparable string, or `undefined` for parameters that would be refused. */
function queryKey(params: StreamListParams): string | undefined {
  try {
    return JSON.stringify(streamQueryPairs(params))
  } catch {
    return undefined
  }
}

/**
 * The parameters of the page after `page`, read from its `links.next`, or `null` when there is none:
 * no link, `null`, `""`, a link to the page just fetched, or an empty page. Only documented
 * parameters are taken from the link.
 */
export function nextStreamParams(page: ListPage<unknown>, current: StreamListParams): StreamListParams | null {
  const query = readLink(page.links.next)
  if (!query || page.results.length === 0) return null
  const get = (name: string) => query.get(name) ?? undefined
  const pagination = get('pagination')
  const cursor = get('cursor')
  const next: StreamListParams = {
    ids: get('ids')?.split('_'),
    userId: get('userId'),
    state: get('state'),
    orderBy: get('orderBy'),
    desc: query.has('desc') ? get('desc') === 'true' : undefined,
    pagination: pagination === 'cursor' || pagination === 'skip' ? pagination : undefined,
    cursor,
    skip: cursor === undefined ? integer(query.get('skip')) : undefined,
    limit: integer(query.get('limit')) || undefined,
  }
  const key = queryKey(next)
  const currentKey = queryKey(current)
  return key && currentKey && key !== currentKey ? next : null
}

/** How many pages in a row may bring nothing new before following next links stops. */
export const STALLED_PAGES = 3

/**
 * The page after the last of `pages`, or `null` when following should stop: no next link (see
 * {@link nextStreamParams}), a next link to any page already fetched (a loop such as `skip=1` ↔
 * `skip=2`), or {@link STALLED_PAGES} pages in a row that brought no stream not seen before (a
 * server whose next links never end).
 */
export function followNextPage(
  pages: readonly ListPage<{ id: string }>[],
  params: readonly StreamListParams[],
): StreamListParams | null {
  const last = pages.at(-1)
  const current = params.at(-1)
  if (!last || !current) return null
  const next = nextStreamParams(last, current)
  if (!next) return null
  const key = queryKey(next)
  if (key === undefined || params.some((earlier) => queryKey(earlier) === key)) return null
  if (pages.length > STALLED_PAGES) {
    const seen = new Set(pages.slice(0, -STALLED_PAGES).flatMap((page) => page.results.map((item) => item.id)))
    const recent = pages.slice(-STALLED_PAGES).flatMap((page) => page.results)
    if (recent.every((item) => seen.has(item.id))) return null
  }
  return next
}
