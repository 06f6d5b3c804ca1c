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
  if (value === null || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

function same(a: [string, string][], b: [string, string][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
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
  const next: StreamListParams = {
    ids: query.has('ids') ? (get('ids') ?? '').split('_') : undefined,
    userId: get('userId'),
    state: get('state'),
    orderBy: get('orderBy'),
    desc: query.has('desc') ? get('desc') === 'true' : undefined,
    pagination: get('pagination') === 'cursor' ? 'cursor' : get('pagination') === 'skip' ? 'skip' : undefined,
    cursor: get('cursor'),
    skip: get('cursor') === undefined ? integer(query.get('skip')) : undefined,
    limit: integer(query.get('limit')) || undefined,
  }
  try {
    return same(streamQueryPairs(next), streamQueryPairs(current)) ? null : next
  } catch {
    return null
  }
}
