import * as v from 'valibot'
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

function isProduction(): boolean {
  try {
    // Written out in full so bundlers replace it with a constant in browser builds; where nothing
    // defines `process`, it throws, which counts as development.
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`
}

/** Drift is reported once per field, in development only, and never breaks parsing. */
function reportDrift(field: string, value: unknown): void {
  if (isProduction() || warned.has(field)) return
  warned.add(field)
  console.warn(`[hotmic-react] ignored ${field}: got ${describe(value)}, which the HotMic contract does not describe`)
}

const nullToUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined

/** An optional field that becomes `undefined` (with a one-time warning) when its value has drifted. */
function tolerant<const TSchema extends v.GenericSchema>(field: string, schema: TSchema) {
  // optional() outside keeps missing keys missing; the fallback only runs for values that fail.
  return v.optional(
    v.fallback(v.pipe(v.nullish(schema), v.transform(nullToUndefined)), (dataset) => {
      reportDrift(field, dataset?.value)
      return undefined
    }),
  )
}

const idSchema = v.pipe(
  v.union([v.pipe(v.string(), v.nonEmpty()), v.pipe(v.number(), v.finite())]),
  v.transform(String),
)
const numberish = v.union([
  v.pipe(v.number(), v.finite()),
  v.pipe(v.string(), v.nonEmpty(), v.transform(Number), v.finite()),
])
const text = v.string()

const tagSchema = v.looseObject({
  name: tolerant('tag.name', text),
  displayName: tolerant('tag.displayName', text),
  tag_thumbnail: tolerant('tag.tag_thumbnail', text),
})
const tagsSchema = (field: string) =>
  tolerant(field, v.pipe(v.array(v.unknown()), v.transform(keepTags)))

function keepTags(items: unknown[]): Tag[] {
  const tags: Tag[] = []
  for (const item of items) {
    const parsed = v.safeParse(tagSchema, item)
    if (parsed.success) tags.push(parsed.output as Tag)
    else reportDrift('tags[]', item)
  }
  return tags
}

const streamUserSchema = v.looseObject({
  id: tolerant('stream.user.id', idSchema),
  display_name: tolerant('stream.user.display_name', text),
  profile_pic: tolerant('stream.user.profile_pic', text),
  followers: tolerant('stream.user.followers', v.union([v.number(), v.string()])),
})

const stateSchema = v.pipe(v.string(), v.transform((state) => state.toUpperCase()))

const streamSchema = v.pipe(
  v.looseObject({
    id: idSchema,
    user_id: tolerant('stream.user_id', idSchema),
    title: tolerant('stream.title', text),
    description: tolerant('stream.description', text),
    thumbnail: tolerant('stream.thumbnail', text),
    scheduled_date: tolerant('stream.scheduled_date', text),
    live_date: tolerant('stream.live_date', text),
    last_updated: tolerant('stream.last_updated', text),
    state: tolerant('stream.state', stateSchema),
    type: tolerant('stream.type', text),
    event_id: tolerant('stream.event_id', idSchema),
    duration: tolerant('stream.duration', numberish),
    video_url: tolerant('stream.video_url', text),
    video_mp4_url: tolerant('stream.video_mp4_url', text),
    video_dash_url: tolerant('stream.video_dash_url', text),
    video_orientation: v.optional(
      v.fallback(v.nullish(text), (dataset) => {
        reportDrift('stream.video_orientation', dataset?.value)
        return undefined
      }),
    ),
    invite_link: tolerant('stream.invite_link', text),
    tags: tagsSchema('stream.tags'),
    user: tolerant('stream.user', streamUserSchema),
    hls_url: tolerant('stream.hls_url', text),
    vod_url: tolerant('stream.vod_url', text),
  }),
  v.transform((stream) => {
    // PUT /streams/{id} is documented to answer with hls_url / vod_url instead of video_url.
    if (stream.video_url === undefined && (stream.hls_url ?? stream.vod_url) !== undefined) {
      stream.video_url = stream.state === 'VOD' ? (stream.vod_url ?? stream.hls_url) : (stream.hls_url ?? stream.vod_url)
    }
    return stream
  }),
)

const userSchema = v.looseObject({
  id: idSchema,
  name: tolerant('user.name', text),
  email: tolerant('user.email', text),
  display_name: tolerant('user.display_name', text),
  profile_pic: tolerant('user.profile_pic', text),
  default_invite_link: tolerant('user.default_invite_link', text),
  followers: tolerant('user.followers', v.union([v.number(), v.string()])),
  tags: tagsSchema('user.tags'),
  authorized_stream_tags: tagsSchema('user.authorized_stream_tags'),
  last_updated: tolerant('user.last_updated', text),
})

const linksSchema = v.looseObject({
  next: v.fallback(v.nullish(text), null),
  self: v.fallback(v.nullish(text), null),
})

const envelopeSchema = v.looseObject({
  results: v.array(v.unknown()),
  links: v.fallback(v.nullish(linksSchema), undefined),
  limit: tolerant('page.limit', numberish),
  count: tolerant('page.count', numberish),
})

/** Where a response came from, so validation errors can say which request was at fault. */
export interface ResponseSource {
  method: string
  url: string
}

function invalid(source: ResponseSource, path: string, problem: string, body: unknown): HotMicError {
  return new HotMicError({
    kind: 'invalid-response',
    message: `${source.method} ${source.url} returned an unusable response: ${path} ${problem}`,
    method: source.method,
    url: source.url,
    path,
    body,
  })
}

function parseItem<TItem>(schema: v.GenericSchema<unknown, unknown>, input: unknown, path: string, source: ResponseSource): TItem {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output as TItem
  const issue = result.issues[0]
  const inner = v.getDotPath(issue)
  const where = inner ? `${path}.${inner}` : path
  const problem = issue.received === 'undefined' ? 'is missing' : `is invalid (${issue.message})`
  throw invalid(source, where, problem, input)
}

function parsePage<TItem>(schema: v.GenericSchema<unknown, unknown>, body: unknown, source: ResponseSource): ListPage<TItem> {
  const envelope = v.safeParse(envelopeSchema, body)
  if (!envelope.success) {
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body)
    throw invalid(source, 'results', isObject ? 'is not an array' : 'is missing (the body is not a list envelope)', body)
  }
  const { results, links, limit, count, ...rest } = envelope.output
  return {
    ...rest,
    results: results.map((item, index) => parseItem<TItem>(schema, item, `results.${index}`, source)),
    links: { next: links?.next ?? null, self: links?.self ?? null },
    ...(limit === undefined ? {} : { limit }),
    ...(count === undefined ? {} : { count }),
  }
}

/** Validates a `GET /streams` body. Throws a {@link HotMicError} of kind `invalid-response` naming the field. */
export const parseStreamPage = (body: unknown, source: ResponseSource): StreamPage =>
  parsePage<Stream>(streamSchema, body, source)
/** Validates a Stream object (the `PUT /streams/{id}` answer). */
export const parseStream = (body: unknown, source: ResponseSource): Stream =>
  parseItem<Stream>(streamSchema, body, 'body', source)
/** Validates a `GET /users` body. */
export const parseUserPage = (body: unknown, source: ResponseSource): UserPage =>
  parsePage<User>(userSchema, body, source)
/** Validates a User object. */
export const parseUser = (body: unknown, source: ResponseSource): User => parseItem<User>(userSchema, body, 'body', source)

/**
 * The label to show for a tag: `name`, else `displayName`, else `''`.
 * @example tagLabel({ displayName: 'NFL' }) // 'NFL'
 */
export function tagLabel(tag: Tag): string {
  return tag.name ?? tag.displayName ?? ''
}
