import { HotMicError } from './errors.js'

/** The documented stream states. Responses may use any case; the client upper-cases them. */
export type KnownStreamState = 'SCHEDULED' | 'LIVE' | 'ENDED' | 'VOD'

/** A stream state: one of {@link KnownStreamState}, or an undocumented value kept as sent (upper-cased). */
export type StreamState = KnownStreamState | (string & {})

/**
 * A tag object. It carries a label under `name` (tags page) or `displayName` (stream example);
 * everything else is kept unchanged. Show it with {@link tagLabel}.
 */
export interface Tag {
  name?: string
  displayName?: string
  tag_thumbnail?: string
  uuid?: string
  type?: string
  [key: string]: unknown
}

/** The host summary embedded in a stream. */
export interface StreamUser {
  id?: string
  display_name?: string
  profile_pic?: string
  /** Documented as a string, seen as a number. */
  followers?: number | string
}

/** A HotMic stream, in the wire format (snake_case). Unknown fields are kept at run time. */
export interface Stream {
  id: string
  user_id?: string
  title?: string
  description?: string
  thumbnail?: string
  scheduled_date?: string
  live_date?: string
  last_updated?: string
  state?: StreamState
  type?: string
  event_id?: string
  /** Seconds; fractional values happen. */
  duration?: number
  /** HLS: live while live, then the VOD once the state is `VOD`. */
  video_url?: string
  video_mp4_url?: string
  video_dash_url?: string
  /** `null` or `"landscape"` is horizontal, `"portrait"` vertical. */
  video_orientation?: 'portrait' | 'landscape' | (string & {}) | null
  invite_link?: string
  tags?: Tag[]
  user?: StreamUser
}

/** A HotMic user (host). Only `id` is certain to be present. */
export interface User {
  id: string
  name?: string
  email?: string
  display_name?: string
  profile_pic?: string
  default_invite_link?: string
  followers?: number | string
  tags?: Tag[]
  authorized_stream_tags?: Tag[]
  /** When the user was last written. Not in the documented example; the embedded API sets it on POST and PUT. */
  last_updated?: string
}

/** The `links` of a list envelope. Any of "missing", `null`, `""` means "no next page". */
export interface PageLinks {
  next?: string | null
  self?: string | null
}

/** One page of a list endpoint: the documented envelope. `count` is this page's size, not a total. */
export interface ListPage<TItem> {
  results: TItem[]
  links: PageLinks
  limit?: number
  count?: number
}

/** One page of `GET /streams`. */
export type StreamPage = ListPage<Stream>
/** One page of `GET /users`. */
export type UserPage = ListPage<User>

const warned = new Set<string>()

/** A value as an error names it: a string quoted (40 characters at most), a number as is. */
function describe(value: unknown): string {
  if (value === null || typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40))
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function warnOnce(field: string, value: unknown): void {
  if (warned.has(field)) return
  warned.add(field)
  console.warn(`[hotmic-react] ignored ${field}: got ${describe(value)}, which the HotMic contract does not describe`)
}

/** Drift is reported once per field, in development only, and never breaks parsing. */
function reportDrift(prefix: string, key: string, value: unknown): undefined {
  try {
    // Written out in full so bundlers replace it with a constant and drop the warning from
    // production builds.
    if (process.env.NODE_ENV !== 'production') warnOnce(`${prefix}.${key}`, value)
  } catch {
    // Nothing defines `process`: that counts as development.
    warnOnce(`${prefix}.${key}`, value)
  }
}

/** What a field check answers for a value it cannot use. */
const BAD = Symbol()
/** Checks one field's value: the value to keep (possibly converted), or {@link BAD}. */
type Check = (value: unknown) => unknown
/** A loose object's known fields. Unknown fields are kept as sent. */
type Fields = Record<string, Check>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const text: Check = (value) => (typeof value === 'string' ? value : BAD)
// A number id must be exact: 12345678901234567891 arrives rounded, 1e21 and 1.5 are not ids.
const id: Check = (value) => ((typeof value === 'string' ? value.trim() !== '' : Number.isSafeInteger(value)) ? String(value) : BAD)
const numberish: Check = (value) => {
  // Decimal text only: not '', ' ', '0x10'.
  const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  return Number.isFinite(number) ? number : BAD
}
const followers: Check = (value) => (typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) ? value : BAD)

/**
 * A copy of `input` with every known field checked: a missing field stays missing, `null` becomes
 * `undefined`, and a drifted value becomes `undefined` with a one-time warning naming `prefix.field`.
 */
function looseObject(prefix: string, fields: Fields, input: Record<string, unknown>): Record<string, unknown> {
  const output: Record<string, unknown> = {}
  for (const key in input) {
    // `__proto__` would replace the prototype instead of adding a field; the two other names stay out as before.
    if (Object.hasOwn(input, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor') output[key] = input[key]
  }
  for (const key in fields) {
    const value = output[key]
    if (value === undefined) continue
    const checked = fields[key]!(value)
    output[key] = checked !== BAD ? checked : value === null ? undefined : reportDrift(prefix, key, value)
  }
  return output
}

const nested = (prefix: string, fields: Fields): Check => (value) => (isObject(value) ? looseObject(prefix, fields, value) : BAD)

const tagFields: Fields = { name: text, displayName: text, tag_thumbnail: text }
/** Tags are checked one by one: an unusable item is dropped (and reported), the rest kept. */
const tags: Check = (value) =>
  Array.isArray(value) ? value.flatMap((item: unknown) => (isObject(item) ? [looseObject('tag', tagFields, item)] : (reportDrift('tags', 'item', item) ?? []))) : BAD

const streamFields: Fields = {
  user_id: id,
  title: text,
  description: text,
  thumbnail: text,
  scheduled_date: text,
  live_date: text,
  last_updated: text,
  state: (value) => (typeof value === 'string' ? value.toUpperCase() : BAD),
  type: text,
  event_id: id,
  duration: numberish,
  video_url: text,
  video_mp4_url: text,
  video_dash_url: text,
  // `null` is documented here (horizontal), so it is kept.
  video_orientation: (value) => (value === null ? null : text(value)),
  invite_link: text,
  tags,
  user: nested('stream.user', { id, display_name: text, profile_pic: text, followers }),
  hls_url: text,
  vod_url: text,
}

const userFields: Fields = {
  name: text,
  email: text,
  display_name: text,
  profile_pic: text,
  default_invite_link: text,
  followers,
  tags,
  authorized_stream_tags: tags,
  last_updated: text,
}

const pageFields: Fields = { limit: numberish, count: numberish }

/** Where a response came from, so validation errors can say which request was at fault. */
export interface ResponseSource {
  method: string
  url: string
}

function invalid({ method, url }: ResponseSource, path: string, problem: string, body: unknown): HotMicError {
  return new HotMicError({ kind: 'invalid-response', message: `${method} ${url} returned bad data: ${path} ${problem}`, method, url, path, body })
}

type ItemKind = 'stream' | 'user'

function unusable(source: ResponseSource, path: string, value: unknown, expected: string, body: unknown): HotMicError {
  return invalid(source, path, value === undefined ? 'is missing' : `is invalid (expected ${expected}, got ${describe(value)})`, body)
}

function parseItem<TItem>(kind: ItemKind, input: unknown, path: string, source: ResponseSource, wanted?: string): TItem {
  if (!isObject(input)) throw unusable(source, path, input, 'an object', input)
  const item = looseObject(kind, kind === 'stream' ? streamFields : userFields, input)
  const itemId = id(item.id)
  // An answer about another item than the one written would land in the wrong place in every cache.
  if (itemId === BAD || (wanted ?? itemId) !== itemId) {
    throw unusable(source, `${path}.id`, item.id, wanted ? JSON.stringify(wanted) : 'an id', input)
  }
  item.id = itemId
  // PUT /streams/{id} is documented to answer with hls_url / vod_url instead of video_url.
  const { hls_url: hls, vod_url: vod } = item
  if (kind === 'stream' && item.video_url === undefined && (hls ?? vod) !== undefined) {
    item.video_url = item.state === 'VOD' ? (vod ?? hls) : (hls ?? vod)
  }
  return item as TItem
}

function parsePage<TItem>(kind: ItemKind, body: unknown, source: ResponseSource): ListPage<TItem> {
  if (!isObject(body) || !Array.isArray(body.results)) {
    throw invalid(source, 'results', isObject(body) ? 'is not an array' : 'is missing (not a list envelope)', body)
  }
  const page = looseObject('page', pageFields, body)
  const links = body.links as PageLinks | undefined
  const link = (value: unknown) => (typeof value === 'string' ? value : null)
  page.results = body.results.map((item: unknown, index) => parseItem(kind, item, `results.${index}`, source))
  page.links = { next: link(links?.next), self: link(links?.self) }
  for (const key in pageFields) if (page[key] === undefined) delete page[key]
  return page as unknown as ListPage<TItem>
}

/** Validates a `GET /streams` body. Throws a {@link HotMicError} of kind `invalid-response` naming the field. */
export const parseStreamPage = (body: unknown, source: ResponseSource): StreamPage =>
  parsePage<Stream>('stream', body, source)
/** Validates a Stream object (the `PUT /streams/{id}` answer); given `wanted`, its id must be that. */
export const parseStream = (body: unknown, source: ResponseSource, wanted?: string): Stream =>
  parseItem<Stream>('stream', body, 'body', source, wanted)
/** Validates a `GET /users` body. */
export const parseUserPage = (body: unknown, source: ResponseSource): UserPage =>
  parsePage<User>('user', body, source)
/** Validates a User object; given `wanted`, its id must be that. */
export const parseUser = (body: unknown, source: ResponseSource, wanted?: string): User => parseItem<User>('user', body, 'body', source, wanted)

/**
 * The label to show for a tag: `name`, else `displayName`, else `''`.
 * @example tagLabel({ displayName: 'NFL' }) // 'NFL'
 */
export function tagLabel(tag: Tag): string {
  return tag.name ?? tag.displayName ?? ''
}
