import { refuse } from './errors.js'
import type { KnownStreamState, StreamState } from './schemas.js'

/** An id as an app may hold it. Sent as a string. */
export type Id = string | number

/** Query parameters of `GET /streams`, camelCase as the API takes them. */
export interface StreamListParams {
  /** Page size. Positive integer; the API's default is 100. */
  limit?: number | undefined
  /** Any case; sent upper case. */
  state?: StreamState | Lowercase<KnownStreamState> | undefined
  /** Only this host's streams. */
  userId?: Id | undefined
  /** Only these streams. Sent joined by `_`, so an id may not contain `_`. */
  ids?: readonly Id[] | undefined
  /** A snake_case field name: `last_updated`, `title`, `id`… Ascending unless `desc`. */
  orderBy?: 'last_updated' | 'title' | 'id' | 'scheduled_date' | 'live_date' | (string & {}) | undefined
  desc?: boolean | undefined
  /**
   * Results strictly after this value of the `orderBy` field. Never with `skip`. Pass the cursor from
   * `links.next` unchanged. A hand-written value skips every other stream that shares it, so order
   * by a unique field (`id`, `last_updated`) when you page by hand; the embedded API's next links
   * stay exact across ties, the real API documents no tie-breaking.
   */
  cursor?: string | undefined
  /** Offset. Never with `cursor`. */
  skip?: number | undefined
  /** `skip` (the API's default) or `cursor`. */
  pagination?: 'skip' | 'cursor' | undefined
}

/** Query parameters of `GET /users`. */
export interface UserListParams {
  limit?: number | undefined
  ids?: readonly Id[] | undefined
}

/**
 * Cleans an `ids` list: strings, trimmed, without empties or duplicates, order kept.
 * Throws `invalid-request` for an id containing `_`, which the API's `a_b` syntax cannot carry.
 */
export function normalizeIds(ids: readonly Id[]): string[] {
  const seen = new Set<string>()
  // One id given bare (untyped callers) is one id, not its characters.
  for (const raw of [ids].flat() as Id[]) {
    // null and undefined (from untyped callers) are no ids, never the strings "null" / "undefined".
    if (raw == null) continue
    const id = String(raw).trim()
    if (id === '') continue
    if (id.includes('_')) refuse(`Id ${JSON.stringify(id)} cannot be requested: HotMic joins ids with "_"`)
    seen.add(id)
  }
  return [...seen]
}

/**
 * `value` when it is a number of at least `min` (default 0), and an integer unless `integer` is
 * false; otherwise throws `invalid-request` naming `name`. Integers must be safe: 1e21 would be
 * sent as "1e+21".
 */
export function checkNumber(name: string, value: number, min = 0, integer = true): number {
  if (!(integer ? Number.isSafeInteger(value) : Number.isFinite(value)) || value < min) {
    refuse(`${name} must be a ${min ? 'positive' : 'non-negative'} ${integer ? 'integer' : 'number'}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
  }
  return value
}

/** An empty filter would silently widen the query to everything, so it is refused instead. */
function filled(value: unknown, name: string): string {
  const text = String(value)
  if (text.trim() === '') refuse(`${name} is empty: leave it out to not filter by it`)
  return text
}

/** How each parameter is sent, in the order it is sent. */
type Encoders = Record<string, (value: never, name: string) => string | number | boolean>

const ids = (value: readonly Id[]) => normalizeIds(value).join('_')
const limit = (value: number, name: string) => checkNumber(name, value, 1)
const asIs = (value: string) => value

const streamParams: Encoders = {
  ids,
  userId: filled,
  state: (value: string, name) => filled(value, name).toUpperCase(),
  orderBy: filled,
  // From untyped callers (a URL's query), the string "false" means false.
  desc: (value: boolean) => value === true || String(value) === 'true',
  pagination: asIs,
  cursor: asIs,
  skip: (value: number, name) => checkNumber(name, value),
  limit,
}

function pairs(encoders: Encoders, params: object): [string, string][] {
  const out: [string, string][] = []
  for (const name in encoders) {
    const raw = (params as Record<string, never>)[name]
    if (raw == null) continue
    const value = String(encoders[name]!(raw, name))
    // An empty ids list is never sent as `ids=`, nor an empty cursor (from the start).
    if (value !== '') out.push([name, value])
  }
  return out
}

/**
 * Turns list parameters into `[name, value]` pairs in a stable order, with only documented names,
 * `undefined`/`null` dropped and `false`/`0` kept; an empty `cursor` means "from the start" and is
 * dropped. Throws `invalid-request` for contradictory or malformed parameters, and for an empty
 * `userId`, `state` or `orderBy` (which would widen the query instead of narrowing it).
 */
export function streamQueryPairs(params: StreamListParams = {}): [string, string][] {
  if (params.cursor != null && params.skip != null) refuse('cursor and skip cannot be used together')
  return pairs(streamParams, params)
}

/** Like {@link streamQueryPairs}, for `GET /users`. */
export function userQueryPairs(params: UserListParams = {}): [string, string][] {
  return pairs({ ids, limit }, params)
}

/** Encodes pairs as a query string (`?a=1&b=2`, or `''`), spaces as `%20`. */
export function toQueryString(entries: readonly [string, string][]): string {
  const query = entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  return query && `?${query}`
}
