import { http, HttpResponse, type HttpHandler } from 'msw'
import { DEFAULT_BASE_URL } from '../client/request.js'
import type { Stream, User } from '../client/schemas.js'
import { createMockDatabase, type MockDatabase, type MockDatabaseOptions } from './database.js'
import { createFaults, type FaultMap, type MockFaults, type MockRoute } from './faults.js'
import { defaultMediaBaseUrl, mediaUrls } from './fixtures.js'
import { bumpTimestamp, createLifecycle, type MockLifecycle } from './lifecycle.js'
import { createLiveOrigin } from './media/live-origin.js'
import { compareStreams, isAfterCursor, nextCursor } from './ordering.js'
import { createRandom } from './random.js'

/** Options of {@link createMockHotMicApi}. */
export interface MockHotMicApiOptions extends MockDatabaseOptions {
  /** The origin (and path) the handlers answer on. Default `https://public-api.hotmic.io`. */
  baseUrl?: string
  /** When set, every request must carry it as `x-api-key`, or gets a 401. */
  apiKey?: string
  /** Share a store between several handler sets. Default: a new seeded one. */
  db?: MockDatabase
  /** Faults in force from the start; change them later through `api.faults`. */
  faults?: FaultMap
}

/** What {@link createMockHotMicApi} returns: MSW handlers and the store they serve. */
export interface MockHotMicApi {
  handlers: HttpHandler[]
  db: MockDatabase
  /** Per-route latency and failures, changeable while the app runs. */
  faults: MockFaults
  /** Moves streams through SCHEDULED → LIVE → ENDED → VOD, by hand or on a timer. */
  lifecycle: MockLifecycle
}

const DEFAULT_LIMIT = 100

function fail(status: number, message: string) {
  return HttpResponse.json({ message }, { status })
}

function positiveInt(value: string | null, min: number): number | null | undefined {
  if (value === null) return undefined
  // Safe integers only: 99999999999999999999 is not a page size.
  return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) && Number(value) >= min ? Number(value) : null
}

function listStreams(db: MockDatabase, base: string, request: Request) {
  const url = new URL(request.url)
  const query = url.searchParams
  const limit = positiveInt(query.get('limit'), 1)
  const skip = positiveInt(query.get('skip'), 0)
  if (limit === null) return fail(400, 'limit must be a positive integer')
  if (skip === null) return fail(400, 'skip must be a non-negative integer')
  if (query.has('cursor') && query.has('skip')) return fail(400, 'cursor and skip cannot be combined')
  // An empty filter would widen the query to everything, as the client says when it refuses one.
  for (const name of ['ids', 'state', 'userId', 'orderBy', 'cursor']) if (query.get(name) === '') return fail(400, `${name} must not be empty`)
  if (query.has('desc') && !['true', 'false'].includes(query.get('desc')!)) return fail(400, 'desc must be true or false')
  const pagination = query.get('pagination') ?? 'skip'
  if (pagination !== 'skip' && pagination !== 'cursor') return fail(400, 'pagination must be skip or cursor')

  const state = query.get('state')?.toUpperCase()
  const userId = query.get('userId')
  const ids = query.has('ids') ? new Set(query.get('ids')!.split('_').filter(Boolean)) : undefined
  const orderBy = query.get('orderBy') ?? 'id'
  const desc = query.get('desc') === 'true'
  const cursor = query.get('cursor')

  let rows = db.streams
    .all()
    .filter((stream) => (state ? String(stream.state).toUpperCase() === state : true))
    .filter((stream) => (userId ? stream.user_id === userId : true))
    .filter((stream) => (ids ? ids.has(stream.id) : true))
    .sort((a, b) => compareStreams(a, b, orderBy, desc))
  if (cursor !== null) rows = rows.filter((stream) => isAfterCursor(stream, cursor, orderBy, desc))
  const size = limit ?? DEFAULT_LIMIT
  const offset = skip ?? 0
  const results = rows.slice(offset, offset + size)
  const more = rows.length > offset + size

  const self = new URL(`${base}/streams`)
  self.search = url.search
  let next: string | null = null
  if (more && results.length > 0) {
    const link = new URL(self)
    if (pagination === 'cursor' || cursor !== null) {
      link.searchParams.delete('skip')
      link.searchParams.set('cursor', nextCursor(results.at(-1)!, rows.slice(offset + size), orderBy))
    } else {
      link.searchParams.set('skip', String(offset + size))
    }
    next = link.href
  }
  return HttpResponse.json({ links: { next, self: self.href }, limit: size, count: results.length, results })
}

const STRING_FIELDS = ['title', 'description', 'thumbnail', 'scheduled_date', 'invite_link', 'user_id'] as const

async function readObject(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json()
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

function validateTags(value: unknown): boolean {
  return Array.isArray(value) && value.every((tag) => typeof tag === 'object' && tag !== null && !Array.isArray(tag))
}

async function updateStream(db: MockDatabase, id: string, request: Request) {
  const stream = db.streams.get(id)
  if (!stream) return fail(404, `Stream ${id} not found`)
  const patch = await readObject(request)
  if (!patch) return fail(400, 'The body must be a JSON object')
  for (const field of STRING_FIELDS) {
    if (field in patch && typeof patch[field] !== 'string') return fail(400, `${field} must be a string`)
  }
  if (typeof patch['thumbnail'] === 'string' && !isHttpUrl(patch['thumbnail'])) return fail(400, 'thumbnail must be a public URL')
  // Date.parse also reads '1' or '12/25/2026': the contract says ISO 8601.
  if (typeof patch['scheduled_date'] === 'string' && (!/^\d{4}-\d\d-\d\d/.test(patch['scheduled_date']) || Number.isNaN(Date.parse(patch['scheduled_date'])))) {
    return fail(400, 'scheduled_date must be an ISO 8601 date')
  }
  if ('tags' in patch && !validateTags(patch['tags'])) return fail(400, 'tags must be an array of objects')
  let host: User | undefined
  if (typeof patch['user_id'] === 'string') {
    host = db.users.get(patch['user_id'])
    if (!host) return fail(400, `user_id ${patch['user_id']} is not a HotMic user`)
  }
  const allowed = Object.fromEntries(Object.entries(patch).filter(([key]) => (STRING_FIELDS as readonly string[]).includes(key) || key === 'tags'))
  const updated: Stream = {
    ...stream,
    ...allowed,
    ...(host ? { user: { id: host.id, display_name: host.display_name ?? '', followers: host.followers ?? 0, ...(host.profile_pic ? { profile_pic: host.profile_pic } : {}) } } : {}),
    last_updated: bumpTimestamp(db, stream.last_updated),
  }
  return HttpResponse.json(db.streams.put(updated))
}

const USER_FIELDS = ['name', 'email', 'default_invite_link', 'display_name', 'profile_pic'] as const

function validateUser(body: Record<string, unknown>) {
  for (const field of USER_FIELDS) {
    if (field in body && typeof body[field] !== 'string') return `${field} must be a string`
  }
  for (const field of ['tags', 'authorized_stream_tags']) {
    if (field in body && !validateTags(body[field])) return `${field} must be an array of objects`
  }
  return null
}

function pickUserFields(body: Record<string, unknown>): Partial<User> {
  return Object.fromEntries(
    Object.entries(body).filter(([key]) => (USER_FIELDS as readonly string[]).includes(key) || key === 'tags' || key === 'authorized_stream_tags'),
  )
}

function listUsers(db: MockDatabase, base: string, request: Request) {
  const url = new URL(request.url)
  const limit = positiveInt(url.searchParams.get('limit'), 1)
  if (limit === null) return fail(400, 'limit must be a positive integer')
  if (url.searchParams.get('ids') === '') return fail(400, 'ids must not be empty')
  const ids = url.searchParams.has('ids') ? new Set(url.searchParams.get('ids')!.split('_').filter(Boolean)) : undefined
  const results = db.users
    .all()
    .filter((user) => (ids ? ids.has(user.id) : true))
    .slice(0, limit ?? DEFAULT_LIMIT)
  const self = new URL(`${base}/users`)
  self.search = url.search
  return HttpResponse.json({ links: { next: null, self: self.href }, limit: limit ?? DEFAULT_LIMIT, count: results.length, results })
}

/**
 * The embedded HotMic API: MSW handlers implementing the public API over an in-memory, seeded store.
 * Use it with `setupServer` (Node tests), `setupWorker` (browser) or msw-storybook-addon.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createMockHotMicApi } from 'hotmic-react/testing'
 *
 * const api = createMockHotMicApi()
 * const server = setupServer(...api.handlers)
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => api.db.reset())
 */
export function createMockHotMicApi(options: MockHotMicApiOptions = {}): MockHotMicApi {
  const db = options.db ?? createMockDatabase(options)
  // A relative baseUrl (the app's own proxy route, '/api/hotmic') is resolved as the client resolves it.
  const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL, globalThis.location?.href ?? 'http://localhost/').href.replace(/\/+$/, '')
  const seed = options.seed ?? 1
  // A new user's id depends on how many users the store holds (so it is the same after db.reset()
  // as on a fresh store) and never repeats one it holds (two handler sets may share the store).
  const newUserId = () => {
    const random = createRandom(seed + 7919 + db.users.all().length)
    let id = random.uuid()
    while (db.users.get(id)) id = random.uuid()
    return id
  }
  const faults = createFaults(options.faults, seed + 104_729)
  const lifecycle = createLifecycle(db, () => mediaUrls(options.mediaBaseUrl ?? defaultMediaBaseUrl()).mp4, seed + 1299)

  // Faults come first (they stand for the network and proxies in front of the API), then the key check.
  const route =
    (name: MockRoute, answer: (request: Request, id: string) => Response | Promise<Response>) =>
    async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
      const injected = await faults.apply(name)
      if (injected) return injected
      const response =
        options.apiKey !== undefined && request.headers.get('x-api-key') !== options.apiKey
          ? fail(401, 'Missing or invalid API key')
          : await answer(request, String(params['id'] ?? ''))
      // Like any HTTP server, on the store's clock (the one `last_updated` is written with).
      response.headers.set('date', new Date(db.now()).toUTCString())
      return response
    }

  const handlers = [
    http.get(`${base}/streams`, route('GET /streams', (request) => listStreams(db, base, request))),
    http.put(`${base}/streams/:id`, route('PUT /streams/:id', (request, id) => updateStream(db, id, request))),
    http.get(`${base}/users`, route('GET /users', (request) => listUsers(db, base, request))),
    http.post(
      `${base}/users`,
      route('POST /users', async (request) => {
        const body = await readObject(request)
        if (!body) return fail(400, 'The body must be a JSON object')
        if (typeof body['name'] !== 'string' || body['name'].trim() === '') return fail(400, 'name is required')
        const problem = validateUser(body)
        if (problem) return fail(400, problem)
        const user: User = { followers: 0, tags: [], authorized_stream_tags: [], ...pickUserFields(body), id: newUserId(), last_updated: bumpTimestamp(db, undefined) }
        return HttpResponse.json(db.users.put(user), { status: 201 })
      }),
    ),
    http.put(
      `${base}/users/:id`,
      route('PUT /users/:id', async (request, id) => {
        const user = db.users.get(id)
        if (!user) return fail(404, `User ${id} not found`)
        const body = await readObject(request)
        if (!body) return fail(400, 'The body must be a JSON object')
        const problem = validateUser(body)
        if (problem) return fail(400, problem)
        const lastUpdated = bumpTimestamp(db, user.last_updated)
        return HttpResponse.json(db.users.put({ ...user, ...pickUserFields(body), last_updated: lastUpdated }))
      }),
    ),
    // The live HLS origin the seeded LIVE streams play from.
    ...createLiveOrigin(options).handlers,
  ]
  return { handlers, db, faults, lifecycle }
}
