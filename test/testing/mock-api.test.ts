import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { parseStreamPage, parseUserPage, type Stream, type StreamPage, type User } from '../../src/client/schemas.js'
import { makeStream, makeUser, seedDatabase } from '../../src/testing/fixtures.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'

const BASE = 'https://public-api.hotmic.io'
const KEY = 'embedded-api-key'
const NOW = Date.UTC(2026, 0, 15, 18)
const api = createMockHotMicApi({ apiKey: KEY, now: NOW, clock: () => NOW })
const server = setupServer(...api.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  server.resetHandlers()
  api.faults.clear()
  api.lifecycle.stop()
  api.db.reset()
})
afterAll(() => server.close())

async function call(method: string, path: string, body?: unknown, key: string | null = KEY): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(key === null ? {} : { 'x-api-key': key }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Fault responses are not always JSON; keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers }
}

const page = async (query: string) => (await call('GET', `/streams${query}`)).body as StreamPage & { links: { next: string | null; self: string } }

describe('seeded data', () => {
  const { streams, users } = seedDatabase({ now: NOW, mediaBaseUrl: 'http://localhost/media' })

  it('is deterministic per seed', () => {
    expect(seedDatabase({ now: NOW, mediaBaseUrl: 'http://localhost/media' })).toEqual({ streams, users })
    expect(seedDatabase({ now: NOW, seed: 2, mediaBaseUrl: 'http://localhost/media' }).streams[0]!.id).not.toBe(streams[0]!.id)
  })

  it('has ~150 streams over ~25 hosts that exist, in all four states', () => {
    expect(streams).toHaveLength(150)
    expect(users).toHaveLength(25)
    const hostIds = new Set(users.map((user) => user.id))
    expect(streams.every((stream) => hostIds.has(stream.user_id!) && stream.user?.id === stream.user_id)).toBe(true)
    expect(new Set(streams.map((stream) => stream.user_id)).size).toBeGreaterThan(15)
    expect(new Set(streams.map((stream) => stream.state))).toEqual(new Set(['SCHEDULED', 'LIVE', 'ENDED', 'VOD']))
    expect(new Set(streams.map((stream) => stream.id)).size).toBe(150)
  })

  it('looks real: orientations, thumbnails or not, long, unicode and right-to-left titles, both tag shapes', () => {
    const orientations = new Set(streams.map((stream) => stream.video_orientation))
    expect(orientations).toEqual(new Set(['portrait', 'landscape', null]))
    expect(streams.some((stream) => stream.thumbnail === undefined)).toBe(true)
    expect(streams.some((stream) => stream.thumbnail?.includes('does-not-exist'))).toBe(true)
    expect(streams.some((stream) => stream.title!.length > 120)).toBe(true)
    expect(streams.some((stream) => /[\u0590-\u05ff\u0600-\u06ff]/.test(stream.title!))).toBe(true)
    expect(streams.some((stream) => /[\u3040-\u30ff\uac00-\ud7af]/.test(stream.title!))).toBe(true)
    const tags = [...streams, ...users].flatMap((item) => item.tags ?? [])
    expect(tags.some((tag) => tag.name !== undefined && tag.displayName === undefined)).toBe(true)
    expect(tags.some((tag) => tag.displayName !== undefined && tag.name === undefined)).toBe(true)
    expect(streams.filter((stream) => stream.state === 'VOD').every((stream) => stream.video_mp4_url && stream.duration! > 0)).toBe(true)
    expect(streams.filter((stream) => stream.state === 'SCHEDULED').every((stream) => stream.live_date === undefined && Date.parse(stream.scheduled_date!) > NOW)).toBe(true)
  })

  it('has hosts with avatars or not and followers as numbers and strings', () => {
    expect(users.some((user) => user.profile_pic === undefined)).toBe(true)
    expect(users.filter((user) => user.profile_pic).length).toBeGreaterThan(15)
    expect(new Set(users.map((user) => typeof user.followers))).toEqual(new Set(['number', 'string']))
  })

  it('parses without a single drift warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const source = { method: 'GET', url: `${BASE}/streams` }
    expect(parseStreamPage({ results: streams, links: {} }, source).results).toHaveLength(150)
    expect(parseUserPage({ results: users, links: {} }, source).results).toHaveLength(25)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('builders make valid, unique items with overrides', () => {
    const [a, b] = [makeStream({ state: 'LIVE', title: 'Game night' }), makeStream()]
    expect(a).toMatchObject({ state: 'LIVE', title: 'Game night' })
    expect(a.id).not.toBe(b.id)
    const user = makeUser({ name: 'Ada Lovelace' })
    expect(user).toMatchObject({ name: 'Ada Lovelace', id: expect.any(String) })
    const source = { method: 'GET', url: BASE }
    expect(parseStreamPage({ results: [a, b] }, source).results).toEqual([a, b])
    expect(parseUserPage({ results: [user] }, source).results).toEqual([user])
  })
})

describe('GET /streams', () => {
  it('answers the list envelope, 100 by default, with self and next links', async () => {
    const first = await page('')
    expect(first).toMatchObject({ limit: 100, count: 100 })
    expect(first.results).toHaveLength(100)
    expect(first.links.self).toBe(`${BASE}/streams`)
    expect(first.links.next).toBe(`${BASE}/streams?skip=100`)
    const second = await page('?skip=100')
    expect(second.count).toBe(50)
    expect(second.links.next).toBeNull()
  })

  it('filters by state (any case), userId and ids', async () => {
    const live = await page('?state=live&limit=1000')
    expect(live.count).toBe(api.db.streams.all().filter((stream) => stream.state === 'LIVE').length)
    expect(live.results.every((stream) => stream.state === 'LIVE')).toBe(true)
    const host = api.db.streams.all()[0]!.user_id!
    const byHost = await page(`?userId=${host}&limit=1000`)
    expect(byHost.results.map((stream) => stream.id)).toEqual(api.db.streams.all().filter((stream) => stream.user_id === host).map((stream) => stream.id).sort())
    const [x, y] = api.db.streams.all()
    expect((await page(`?ids=${x!.id}_${y!.id}_unknown`)).results.map((stream) => stream.id).sort()).toEqual([x!.id, y!.id].sort())
  })

  it('orders by any field, ascending or descending, ties by id', async () => {
    const byDuration = (await page('?orderBy=duration&desc=true&limit=1000')).results
    const durations = byDuration.map((stream) => stream.duration).filter((value) => value !== undefined)
    expect(durations).toEqual([...durations].sort((a, b) => b - a))
    expect(byDuration.slice(durations.length).every((stream) => stream.duration === undefined)).toBe(true)
    const byState = (await page('?orderBy=state&limit=1000')).results
    for (let i = 1; i < byState.length; i++) {
      const [a, b] = [byState[i - 1]!, byState[i]!]
      expect(a.state! < b.state! || (a.state === b.state && a.id < b.id)).toBe(true)
    }
  })

  it('cursor pagination: next links carry a cursor, and the updated-since recipe answers strictly later changes', async () => {
    const first = await page('?pagination=cursor&orderBy=last_updated&limit=10')
    const cursor = new URL(first.links.next!).searchParams.get('cursor')
    expect(cursor).toBe(first.results.at(-1)!.last_updated)
    const since = '2026-01-15T17:00:00Z'
    const recipe = await page(`?orderBy=last_updated&cursor=${since}&limit=1000`)
    const expected = api.db.streams.all().filter((stream) => stream.last_updated! > since)
    expect(recipe.results.map((stream) => stream.id)).toEqual(expected.sort((a, b) => (a.last_updated! < b.last_updated! ? -1 : 1)).map((stream) => stream.id))
  })

  it('answers 400 with a message for malformed queries', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=99999999999999999999', '?skip=-1', '?cursor=x&skip=1', '?ids=', '?state=', '?userId=', '?orderBy=', '?cursor=', '?pagination=pages', '?desc=yes']) {
      const { status, body } = await call('GET', `/streams${query}`)
      expect([query, status]).toEqual([query, 400])
      expect(body).toEqual({ message: expect.any(String) })
    }
  })

  it('answers 401 without the key or with a wrong one, and needs none when none is configured', async () => {
    expect((await call('GET', '/streams', undefined, null)).status).toBe(401)
    expect((await call('GET', '/streams', undefined, 'nope')).status).toBe(401)
    expect((await call('PUT', `/streams/${api.db.streams.all()[0]!.id}`, { title: 'x' }, null)).status).toBe(401)
    const open = createMockHotMicApi({ baseUrl: 'https://open.example', streamCount: 2, userCount: 1 })
    server.use(...open.handlers)
    expect((await fetch('https://open.example/streams')).status).toBe(200)
  })
})

describe('PUT /streams/:id', () => {
  it('applies documented fields, ignores others, bumps last_updated and re-embeds a new host', async () => {
    const stream = api.db.streams.all()[0]!
    const host = api.db.users.all().find((user) => user.id !== stream.user_id)!
    const { status, body } = await call('PUT', `/streams/${stream.id}`, { title: 'New', user_id: host.id, state: 'VOD', id: 'hijack' })
    expect(status).toBe(200)
    const updated = body as Stream
    expect(updated).toMatchObject({ id: stream.id, title: 'New', user_id: host.id, state: stream.state, user: { id: host.id, display_name: host.display_name } })
    expect(Date.parse(updated.last_updated!)).toBeGreaterThan(Date.parse(stream.last_updated!))
    expect(api.db.streams.get(stream.id)).toEqual(updated)
  })

  it('answers 404 for an unknown id and 400 for invalid bodies', async () => {
    expect((await call('PUT', '/streams/nope', { title: 'x' })).status).toBe(404)
    const id = api.db.streams.all()[0]!.id
    const bodies: unknown[] = ['not json', [], { title: 3 }, { thumbnail: 'javascript:alert(1)' }, { tags: ['NFL'] }, { user_id: 'nobody' }]
    // Dates the contract does not describe, though Date.parse reads them.
    for (const date of ['tomorrow', '1', '12/25/2026', 'Tuesday 12']) bodies.push({ scheduled_date: date })
    for (const body of bodies) {
      const answer = await call('PUT', `/streams/${id}`, body)
      expect([body, answer.status]).toEqual([body, 400])
      expect(answer.body).toEqual({ message: expect.any(String) })
    }
  })
})

describe('users', () => {
  it('GET /users takes limit and ids and answers the list envelope', async () => {
    const all = (await call('GET', '/users')).body as { results: User[]; count: number; limit: number; links: { next: null } }
    expect(all).toMatchObject({ count: 25, limit: 100, links: { next: null } })
    expect(((await call('GET', '/users?limit=3')).body as { results: User[] }).results).toHaveLength(3)
    const [a, b] = api.db.users.all()
    expect(((await call('GET', `/users?ids=${a!.id}_${b!.id}`)).body as { results: User[] }).results.map((user) => user.id)).toEqual([a!.id, b!.id])
    expect((await call('GET', '/users?limit=-1')).status).toBe(400)
  })

  it('streams given without users bring their hosts, so the host of a makeStream() is found', async () => {
    const guest = { id: 'host-of-a-test-stream', display_name: 'guest', followers: 12 }
    const streams = [makeStream(), makeStream({ user_id: guest.id, user: guest }), makeStream({ user_id: guest.id, user: guest })]
    const own = createMockHotMicApi({ baseUrl: 'https://hosts.example', streams })
    server.use(...own.handlers)
    const client = createHotMicClient({ baseUrl: 'https://hosts.example', retry: false })
    for (const stream of streams) expect((await client.users.get(stream.user_id!))?.id).toBe(stream.user_id)
    expect(own.db.users.get(guest.id)).toMatchObject({ id: guest.id, display_name: 'guest', name: 'guest', followers: 12 })
    expect(own.db.users.all().filter((user) => user.id === guest.id)).toHaveLength(1)
    // Users given too: exactly those.
    const exact = createMockHotMicApi({ baseUrl: 'https://hosts.example', streams, users: [makeUser()] })
    expect(exact.db.users.all()).toHaveLength(1)
  })

  it('POST /users creates (201) and needs a name (400)', async () => {
    const created = await call('POST', '/users', { name: 'Ada', email: 'ada@example.com', tags: [{ name: 'F1' }], role: 'admin' })
    expect(created.status).toBe(201)
    const user = created.body as User
    expect(user).toMatchObject({ name: 'Ada', email: 'ada@example.com', tags: [{ name: 'F1' }], last_updated: '2026-01-15T18:00:00Z' })
    expect(user).not.toHaveProperty('role')
    expect(api.db.users.get(user.id)).toEqual(user)
    expect((await call('POST', '/users', { email: 'x@example.com' })).body).toEqual({ message: 'name is required' })
    expect((await call('POST', '/users', { name: 'x', tags: 'F1' })).status).toBe(400)
  })

  it('new ids are the same after db.reset() as on a fresh store, and never repeat one the store holds', async () => {
    const created = async (base = BASE) => ((await (await fetch(`${base}/users`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada' }) })).json()) as User).id
    const first = await created()
    api.db.reset()
    expect(await created()).toBe(first)
    // Two handler sets over one store (the default base and an app's proxy route).
    api.db.reset()
    const proxy = createMockHotMicApi({ db: api.db, apiKey: KEY, baseUrl: 'https://app.example/api/hotmic' })
    server.use(...proxy.handlers)
    const ids = [await created(), await created('https://app.example/api/hotmic'), await created()]
    expect(new Set(ids).size).toBe(3)
    expect(api.db.users.all()).toHaveLength(28)
  })

  it('PUT /users/:id updates, 404 for unknown ids, 400 for bad types', async () => {
    const user = api.db.users.all()[0]!
    const first = (await call('PUT', `/users/${user.id}`, { default_invite_link: 'https://example.com/join' })).body as User & { last_updated: string }
    expect(first).toMatchObject({ id: user.id, default_invite_link: 'https://example.com/join', last_updated: '2026-01-15T18:00:00Z' })
    const second = (await call('PUT', `/users/${user.id}`, { name: 'Renamed' })).body as User & { last_updated: string }
    expect(Date.parse(second.last_updated)).toBeGreaterThan(Date.parse(first.last_updated))
    expect((await call('PUT', '/users/nobody', { name: 'x' })).status).toBe(404)
    expect((await call('PUT', `/users/${user.id}`, { name: 7 })).status).toBe(400)
  })
})

describe('fault injection', () => {
  it('answers a chosen status with a JSON message, which the client does not retry when it is a 4xx', async () => {
    const faulty = createMockHotMicApi({ baseUrl: 'https://status.example', streamCount: 3, userCount: 1 })
    server.use(...faulty.handlers)
    const id = faulty.db.streams.all()[0]!.id
    faulty.faults.set('PUT /streams/:id', { status: 422, times: 1 })
    const client = createHotMicClient({ baseUrl: 'https://status.example' })
    const error = await client.streams.update(id, { title: 'x' }).then(() => undefined, (reason: unknown) => reason)
    expect(error).toMatchObject({ kind: 'http', status: 422, message: expect.stringContaining('injected fault') })
    expect((await client.streams.update(id, { title: 'x' })).title).toBe('x')
  })

  it('takes faults at creation and at run time, per route, with * as the fallback', async () => {
    const faulty = createMockHotMicApi({ baseUrl: 'https://faulty.example', streamCount: 3, userCount: 1, faults: { 'GET /users': { html502: true } } })
    server.use(...faulty.handlers)
    expect((await fetch('https://faulty.example/users')).status).toBe(502)
    expect((await fetch('https://faulty.example/streams')).status).toBe(200)
    faulty.faults.set('*', { failureRate: 1 })
    expect((await fetch('https://faulty.example/streams')).status).toBe(503)
    expect((await fetch('https://faulty.example/users')).status).toBe(502) // its own fault wins
    faulty.faults.clear('GET /users')
    expect((await fetch('https://faulty.example/users')).status).toBe(503)
    faulty.faults.clear()
    expect(faulty.faults.current()).toEqual({})
    expect((await fetch('https://faulty.example/users')).status).toBe(200)
  })

  it('answers each kind as announced', async () => {
    api.faults.set('GET /streams', { status429: { retryAfter: 7 } })
    const limited = await call('GET', '/streams')
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7'])
    api.faults.set('GET /streams', { html502: true })
    const html = await call('GET', '/streams')
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html'])
    api.faults.set('GET /streams', { malformedJson: true })
    const malformed = await call('GET', '/streams')
    expect(malformed.status).toBe(200)
    expect(() => JSON.parse(malformed.body as string)).toThrow()
    api.faults.set('GET /streams', { network: true })
    await expect(call('GET', '/streams')).rejects.toThrow()
  })

  it('times limits a fault to the next N requests', async () => {
    api.faults.set('GET /streams', { failureRate: 1, times: 2 })
    const statuses = [] as number[]
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/streams?limit=1')).status)
    expect(statuses).toEqual([503, 503, 200])
    expect(api.faults.current()).toEqual({})
  })

  it('a failure rate fails about that share of requests, the same ones for the same seed', async () => {
    const run = async () => {
      const faulty = createMockHotMicApi({ baseUrl: 'https://rate.example', seed: 5, streamCount: 1, userCount: 1, faults: { '*': { failureRate: 0.3 } } })
      server.resetHandlers()
      server.use(...faulty.handlers)
      const statuses: number[] = []
      for (let i = 0; i < 60; i++) statuses.push((await fetch('https://rate.example/streams')).status)
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    const failed = first.filter((status) => status === 503).length
    expect(failed).toBeGreaterThan(8)
    expect(failed).toBeLessThan(30)
    expect(() => api.faults.set('*', { failureRate: 2 })).toThrow(RangeError)
  })

  it("a route's failures depend on its own requests only: not on other routes' faults, nor on earlier tests", async () => {
    const statuses = async () => {
      const seen: number[] = []
      for (let i = 0; i < 20; i++) seen.push((await call('GET', '/streams?limit=1')).status)
      return seen
    }
    api.faults.set('GET /streams', { failureRate: 0.5 })
    const alone = await statuses()
    api.faults.clear()
    api.faults.set('GET /streams', { failureRate: 0.5 })
    api.faults.set('GET /users', { latencyMs: 1 })
    for (let i = 0; i < 3; i++) await call('GET', '/users?limit=1')
    expect(await statuses()).toEqual(alone)
    expect(alone).toContain(503)
    expect(alone).toContain(200)
  })

  it('refuses times that is not a whole number from 1', () => {
    for (const times of [0, -1, 1.5, Number.NaN]) expect(() => api.faults.set('GET /streams', { status: 503, times })).toThrow(RangeError)
    // A latency the timer cannot wait (it would answer at once), a status that is no failure, a route that does not exist.
    for (const latencyMs of [-5, Number.POSITIVE_INFINITY, 1e12, 'abc' as never]) expect(() => api.faults.set('*', { latencyMs })).toThrow(RangeError)
    for (const status of [99, 200, 302, 600, 404.5]) expect(() => api.faults.set('*', { status })).toThrow(RangeError)
    expect(() => api.faults.set('GET /nope' as never, { status: 503 })).toThrow(/GET \/streams/)
    expect(api.faults.current()).toEqual({})
    expect(api.faults.current()).toEqual({})
  })

  it('latency delays the answer by exactly latencyMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    api.faults.set('GET /users', { latencyMs: 800 })
    let done = false
    const pending = call('GET', '/users').then((answer) => ((done = true), answer))
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    await vi.advanceTimersByTimeAsync(799)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })
})

describe('lifecycle simulation', () => {
  const client = createHotMicClient({ apiKey: KEY, retry: false })

  it('moves a stream SCHEDULED → LIVE → ENDED → VOD, each step visible to updatedSince', async () => {
    const clock = { now: Date.UTC(2026, 0, 15, 18) }
    const sim = createMockHotMicApi({ apiKey: KEY, baseUrl: BASE, now: NOW, clock: () => clock.now, mediaBaseUrl: 'http://localhost/media' })
    server.use(...sim.handlers)
    const scheduled = sim.db.streams.all().find((stream) => stream.state === 'SCHEDULED')!
    let since = sim.db.streams.all().reduce((max, stream) => (stream.last_updated! > max ? stream.last_updated! : max), '')
    const steps: Stream[] = []
    for (const expected of ['LIVE', 'ENDED', 'VOD']) {
      clock.now += 90_000
      sim.lifecycle.advance(scheduled.id)
      const changed = await client.streams.updatedSince(since)
      expect(changed.map((stream) => [stream.id, stream.state])).toEqual([[scheduled.id, expected]])
      since = changed[0]!.last_updated!
      steps.push(changed[0]!)
    }
    const [live, ended, vod] = steps as [Stream, Stream, Stream]
    expect(live.live_date).toBe(live.last_updated)
    expect(ended.duration).toBe(90)
    expect(vod).toMatchObject({ duration: 90, video_mp4_url: 'http://localhost/media/vod.mp4' })
    expect(sim.lifecycle.advance(scheduled.id).last_updated).toBe(vod.last_updated) // VOD is final
    expect(() => sim.lifecycle.advance('nope')).toThrow(RangeError)
  })

  it('a timer advances one stream every interval, stops cleanly and leaves no timer', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const moved: Stream[] = []
    api.lifecycle.start({ intervalMs: 1000, onAdvance: (stream) => moved.push(stream) })
    expect(api.lifecycle.running).toBe(true)
    vi.advanceTimersByTime(999)
    expect(moved).toHaveLength(0)
    vi.advanceTimersByTime(3001)
    expect(moved).toHaveLength(4)
    api.lifecycle.start({ intervalMs: 500 }) // a restart replaces the timer
    expect(vi.getTimerCount()).toBe(1)
    api.lifecycle.stop()
    expect(api.lifecycle.running).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    api.lifecycle.stop()
  })

  it('stops by itself once every chosen stream is VOD', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const target = api.db.streams.all().find((stream) => stream.state === 'SCHEDULED')!
    api.lifecycle.start({ intervalMs: 10, ids: [target.id] })
    vi.advanceTimersByTime(100)
    expect(api.db.streams.get(target.id)!.state).toBe('VOD')
    expect(api.lifecycle.running).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('a relative baseUrl', () => {
  it('answers where a client with the same relative baseUrl asks (the quick start\'s proxy route)', async () => {
    const local = createMockHotMicApi({ baseUrl: '/api/hotmic' })
    server.use(...local.handlers)
    const page = await createHotMicClient({ baseUrl: '/api/hotmic', retry: false }).streams.list({ limit: 3 })
    expect(page.results).toHaveLength(3)
  })
})
