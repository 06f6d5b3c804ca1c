import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { HotMicError } from '../../src/client/errors.js'
import { isRetryableError } from '../../src/client/request.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { setupMockServer } from './mock-server.js'

const BASE = 'https://public-api.hotmic.io'
const KEY = 'secret-key-123'
const api = createMockHotMicApi({ apiKey: KEY, now: Date.UTC(2026, 0, 15, 18) })
const { server, requests } = setupMockServer(...api.handlers)

afterEach(() => {
  api.db.reset()
})

const client = createHotMicClient({ apiKey: KEY, retry: false })

async function caught(promise: Promise<unknown>): Promise<HotMicError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(HotMicError)
  return error as HotMicError
}

describe('streams.list', () => {
  it('filters by state, sent upper case whatever the case given', async () => {
    const page = await client.streams.list({ state: 'live', limit: 500 })
    expect(page.results.length).toBeGreaterThan(0)
    expect(page.results.every((stream) => stream.state === 'LIVE')).toBe(true)
    expect(new URL(requests[0]!.url).search).toBe('?state=LIVE&limit=500')
  })

  it('filters by host and by ids joined with _', async () => {
    const [first, second] = api.db.streams.all()
    const byHost = await client.streams.list({ userId: first!.user_id, limit: 500 })
    expect(byHost.results.length).toBeGreaterThan(0)
    expect(byHost.results.every((stream) => stream.user_id === first!.user_id)).toBe(true)

    const byIds = await client.streams.list({ ids: [first!.id, second!.id, first!.id, ''] })
    expect(byIds.results.map((stream) => stream.id).sort()).toEqual([first!.id, second!.id].sort())
    expect(new URL(requests.at(-1)!.url).searchParams.get('ids')).toBe(`${first!.id}_${second!.id}`)
  })

  it('drops undefined, keeps false and 0, in a stable order', async () => {
    await client.streams.list({ limit: 5, desc: false, skip: 0, orderBy: 'title', state: undefined })
    expect(new URL(requests[0]!.url).search).toBe('?orderBy=title&desc=false&skip=0&limit=5')
  })

  it('answers an empty ids list without a request, and refuses ids containing _', async () => {
    expect((await client.streams.list({ ids: [] })).results).toEqual([])
    const error = await caught(client.streams.list({ ids: ['a_b'] }))
    expect(error.kind).toBe('invalid-request')
    expect(requests).toHaveLength(0)
  })

  it('refuses cursor with skip, and a limit that is not a positive integer', async () => {
    expect((await caught(client.streams.list({ cursor: 'x', skip: 2 }))).kind).toBe('invalid-request')
    expect((await caught(client.streams.list({ limit: 0 }))).kind).toBe('invalid-request')
    expect((await caught(client.streams.list({ limit: 2.5 }))).kind).toBe('invalid-request')
    expect(requests).toHaveLength(0)
  })

  it('sends the key as a header only, never in the URL', async () => {
    await client.streams.list({ limit: 1 })
    expect(requests[0]!.headers.get('x-api-key')).toBe(KEY)
    expect(requests[0]!.url).not.toContain(KEY)
  })
})

describe('streams.pages', () => {
  for (const mode of ['skip', 'cursor'] as const) {
    it(`follows links.next to the end in ${mode} mode, every stream once and in order`, async () => {
      const seen: string[] = []
      for await (const page of client.streams.pages({ pagination: mode, limit: 7, orderBy: 'last_updated', desc: true })) {
        seen.push(...page.results.map((stream) => stream.id))
      }
      const expected = api.db.streams
        .all()
        .sort((a, b) => (a.last_updated! < b.last_updated! ? 1 : -1))
        .map((stream) => stream.id)
      expect(seen).toEqual(expected)
      expect(requests).toHaveLength(Math.ceil(expected.length / 7))
    })
  }

  it('stops on a repeated next link and never sends the key to another origin', async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        calls += 1
        const results = calls < 4 ? [{ id: `s${calls}` }] : []
        const next = calls === 1 ? 'https://elsewhere.example/streams?cursor=c1&limit=1' : request.url
        return HttpResponse.json({ links: { next, self: request.url }, results, count: results.length })
      }),
    )
    const ids: string[] = []
    for await (const page of client.streams.pages({ limit: 1 })) ids.push(...page.results.map((stream) => stream.id))
    expect(ids).toEqual(['s1', 's2'])
    expect(requests.every((request) => new URL(request.url).origin === BASE)).toBe(true)
    expect(new URL(requests[1]!.url).searchParams.get('cursor')).toBe('c1')
  })
})

describe('streams.updatedSince', () => {
  it('follows the documented recipe over every page and returns only later changes, oldest first', async () => {
    const sorted = api.db.streams.all().sort((a, b) => (a.last_updated! < b.last_updated! ? -1 : 1))
    const since = sorted[sorted.length - 12]!.last_updated!
    const expected = sorted.filter((stream) => stream.last_updated! > since).map((stream) => stream.id)
    const changed = await client.streams.updatedSince(since, { limit: 5 })
    expect(changed.map((stream) => stream.id)).toEqual(expected)
    const first = new URL(requests[0]!.url)
    expect(first.search).toBe(`?orderBy=last_updated&pagination=cursor&cursor=${encodeURIComponent(since)}&limit=5`)
    expect(requests).toHaveLength(Math.ceil(expected.length / 5))
  })

  it('takes a Date or epoch ms as ISO 8601 UTC, and refuses what is not a date before any request', async () => {
    const since = Date.UTC(2022, 9, 13, 17, 0, 8)
    await client.streams.updatedSince(new Date(since), { limit: 500 })
    await client.streams.updatedSince(since, { state: 'live', limit: 500 })
    expect(new URL(requests[0]!.url).searchParams.get('cursor')).toBe('2022-10-13T17:00:08Z')
    expect(new URL(requests.at(-1)!.url).searchParams.get('state')).toBe('LIVE')
    const error = await caught(client.streams.updatedSince('yesterday-ish'))
    expect(error.kind).toBe('invalid-request')
    // Date.parse reads these too, but they are no ISO 8601 date; 9e15 ms is past the last Date.
    for (const since of ['1', 'Tuesday 12', '12/01/2026', 9e15, new Date(Number.NaN)]) {
      expect((await caught(client.streams.updatedSince(since))).kind).toBe('invalid-request')
    }
    expect(requests).toHaveLength(2)
  })
})

describe('streams.get and update', () => {
  it('refuses what is no id (from untyped callers) before any request, and a body that is not JSON without retrying', async () => {
    for (const id of [null, undefined, {}, [], '  ']) {
      expect((await caught(client.streams.get(id as unknown as string))).kind).toBe('invalid-request')
    }
    expect((await caught(client.streams.update(null as unknown as string, { title: 'x' }))).kind).toBe('invalid-request')
    const retrying = createHotMicClient({ apiKey: KEY, retry: { retries: 3, baseDelayMs: 0 } })
    const cycle: Record<string, unknown> = { title: 'x' }
    cycle.self = cycle
    const error = await caught(retrying.streams.update('abc', cycle))
    expect(error).toMatchObject({ kind: 'invalid-request', method: 'PUT' })
    expect(error.message).toContain('not JSON')
    expect((await caught(retrying.streams.update('abc', { title: 10n } as unknown as { title: string }))).kind).toBe('invalid-request')
    expect(requests).toHaveLength(0)
  })

  it('gets one stream through ids=', async () => {
    const wanted = api.db.streams.all()[3]!
    expect((await client.streams.get(wanted.id)).title).toBe(wanted.title)
    expect(new URL(requests[0]!.url).searchParams.get('ids')).toBe(wanted.id)
  })

  it('says not-found for an unknown id', async () => {
    const error = await caught(client.streams.get('00000000-0000-4000-8000-000000000000'))
    expect(error.kind).toBe('not-found')
  })

  it('updates a stream and bumps last_updated', async () => {
    const stream = api.db.streams.all()[0]!
    const updated = await client.streams.update(stream.id, { title: 'Renamed ✨' })
    expect(updated.title).toBe('Renamed ✨')
    expect(Date.parse(updated.last_updated!)).toBeGreaterThan(Date.parse(stream.last_updated!))
    expect(api.db.streams.get(stream.id)!.title).toBe('Renamed ✨')
    expect(requests[0]!.method).toBe('PUT')
    expect(await requests[0]!.json()).toEqual({ title: 'Renamed ✨' })
  })

  it('turns a 400 into an http HotMicError carrying the message', async () => {
    const stream = api.db.streams.all()[0]!
    const error = await caught(client.streams.update(stream.id, { user_id: 'nobody' }))
    expect(error).toMatchObject({ kind: 'http', status: 400, method: 'PUT' })
    expect(error.message).toContain('is not a HotMic user')
    expect(error.body).toEqual({ message: expect.stringContaining('nobody') })
  })

  it('refuses an answer about another item than the one written, and accepts a number id for its string', async () => {
    const stream = api.db.streams.all()[0]!
    const other = api.db.streams.all()[1]!
    server.use(http.put(`${BASE}/streams/:id`, () => HttpResponse.json(other), { once: true }))
    const error = await caught(client.streams.update(stream.id, { title: 'x' }))
    expect(error).toMatchObject({ kind: 'invalid-response', path: 'body.id', method: 'PUT' })
    expect(error.message).toContain(`expected ${JSON.stringify(stream.id)}, got ${JSON.stringify(other.id)}`)

    server.use(http.put(`${BASE}/users/:id`, () => HttpResponse.json({ id: 42, name: 'Numbered' }), { once: true }))
    expect((await client.users.update(42, { name: 'Numbered' })).id).toBe('42')
    server.use(http.put(`${BASE}/users/:id`, () => HttpResponse.json({ id: 43, name: 'Numbered' }), { once: true }))
    expect((await caught(client.users.update(' 42 ', { name: 'Numbered' }))).path).toBe('body.id')
  })

  it('refuses an empty id before any request and encodes path ids', async () => {
    expect((await caught(client.streams.update('  ', { title: 'x' }))).kind).toBe('invalid-request')
    await caught(client.streams.update('a/b c', { title: 'x' }))
    expect(new URL(requests[0]!.url).pathname).toBe('/streams/a%2Fb%20c')
  })
})

describe('bad responses', () => {
  it('never follows a redirect, so the key cannot reach another origin', async () => {
    const stolen: (string | null)[] = []
    server.use(
      http.get(`${BASE}/streams`, () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.example/steal' } })),
      http.get('https://elsewhere.example/steal', ({ request }) => {
        stolen.push(request.headers.get('x-api-key'))
        return HttpResponse.json({ results: [], links: {} })
      }),
    )
    const error = await caught(client.streams.list())
    expect(error.kind).toBe('network')
    expect(stolen).toEqual([])
  })

  it('refuses ids it cannot represent exactly, and turns non-decimal numbers and arrays for objects into drift', async () => {
    // As JSON text: 12345678901234567891 is rounded by JSON.parse, so it cannot be the id sent.
    for (const bad of ['12345678901234567891', '1e21', '1.5', '" "']) {
      server.use(http.get(`${BASE}/streams`, () => new HttpResponse(`{"results":[{"id":${bad}}],"links":{}}`, { headers: { 'content-type': 'application/json' } })))
      const error = await caught(client.streams.list())
      expect(error.kind).toBe('invalid-response')
      expect(error.path).toBe('results.0.id')
    }
    server.use(
      http.get(`${BASE}/streams`, () =>
        HttpResponse.json({ results: [{ id: 7, duration: '0x10', user: [1, 2], tags: [[], { name: 'ok' }] }, { id: 8, duration: ' ' }], links: {} }),
      ),
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { results } = await client.streams.list()
    warn.mockRestore()
    expect(results[0]).toMatchObject({ id: '7', duration: undefined, user: undefined, tags: [{ name: 'ok' }] })
    expect(results[1]!.duration).toBeUndefined()
  })

  it('an HTML 502 becomes an http error that says so', async () => {
    server.use(http.get(`${BASE}/streams`, () => new HttpResponse('<!DOCTYPE html><html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } })))
    const error = await caught(client.streams.list())
    expect(error).toMatchObject({ kind: 'http', status: 502, method: 'GET' })
    expect(error.message).toContain('HTML page')
    expect(error.url).toBe(`${BASE}/streams`)
  })

  it('a non-JSON 200 is an invalid-response error', async () => {
    server.use(http.get(`${BASE}/streams`, () => new HttpResponse('<html>maintenance</html>', { status: 200 })))
    expect((await caught(client.streams.list())).kind).toBe('invalid-response')
  })

  it('a body without results names the field', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ items: [] })))
    const error = await caught(client.streams.list())
    expect(error).toMatchObject({ kind: 'invalid-response', path: 'results' })
  })

  it('a stream without an id names its path', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ links: {}, results: [{ id: 'ok' }, { title: 'no id' }] })))
    const error = await caught(client.streams.list())
    expect(error).toMatchObject({ kind: 'invalid-response', path: 'results.1.id' })
    expect(error.message).toContain('results.1.id is missing')
  })

  it('a network failure is a network error, never containing the key', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.error()))
    const error = await caught(client.streams.list())
    expect(error.kind).toBe('network')
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY)
  })

  it('an abort stays an abort', async () => {
    const controller = new AbortController()
    server.use(http.get(`${BASE}/streams`, async () => new Promise<never>(() => {})))
    const pending = client.streams.list({}, { signal: controller.signal })
    controller.abort()
    expect((await caught(pending)).kind).toBe('aborted')
  })
})

describe('users', () => {
  it('lists with limit and ids, gets one, refuses ids with _', async () => {
    const [a, b] = api.db.users.all()
    expect((await client.users.list({ limit: 3 })).results).toHaveLength(3)
    const picked = await client.users.list({ ids: [b!.id, a!.id, b!.id] })
    expect(picked.results.map((user) => user.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(new URL(requests[1]!.url).searchParams.get('ids')).toBe(`${b!.id}_${a!.id}`)
    expect((await client.users.get(a!.id)).name).toBe(a!.name)
    expect((await caught(client.users.get('x_y'))).kind).toBe('invalid-request')
    expect((await caught(client.streams.get(''))).kind).toBe('invalid-request')
    expect(requests).toHaveLength(3)
  })

  it('creates a user once (POST), then finds and updates it', async () => {
    const created = await client.users.create({ name: 'Ada', tags: [{ name: 'F1', league_id: 'f1' }], authorized_stream_tags: [{ displayName: 'F1' }] })
    expect(created).toMatchObject({ name: 'Ada', tags: [{ name: 'F1', league_id: 'f1' }], authorized_stream_tags: [{ displayName: 'F1' }] })
    expect((await client.users.get(created.id)).id).toBe(created.id)
    const updated = await client.users.update(created.id, { email: 'ada@example.com' })
    expect(updated).toMatchObject({ id: created.id, name: 'Ada', email: 'ada@example.com' })
    expect(requests.map((request) => request.method)).toEqual(['POST', 'GET', 'PUT'])
  })
})

describe('options that would misbehave are refused at creation, never echoed', () => {
  it.each([
    ['a NaN retry count', { retry: { retries: Number.NaN } }, 'retry.retries'],
    ['a fractional retry count', { retry: { retries: 1.5 } }, 'retry.retries'],
    ['a negative delay', { retry: { baseDelayMs: -1 } }, 'retry.baseDelayMs'],
    ['an infinite timeout', { timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
  ])('%s', (_name, options, field) => {
    expect(() => createHotMicClient({ apiKey: KEY, ...options })).toThrow(expect.objectContaining({ kind: 'invalid-request', message: expect.stringContaining(field) }))
  })

  it('a key or header with a line break, without quoting it', () => {
    for (const options of [{ apiKey: 'SUPERSECRET\nKEY123' }, { headers: { 'x-tenant': 'SUPERSECRET\rKEY123' } }]) {
      let error: unknown
      try {
        createHotMicClient(options)
      } catch (caughtError) {
        error = caughtError
      }
      expect(error).toBeInstanceOf(HotMicError)
      expect((error as HotMicError).kind).toBe('invalid-request')
      expect(JSON.stringify({ ...(error as HotMicError), message: (error as HotMicError).message })).not.toContain('SUPERSECRET')
    }
  })

  it('a baseUrl with credentials, without quoting them', async () => {
    const error = await caught(createHotMicClient({ baseUrl: 'https://user:p4ss@public-api.hotmic.io' }).streams.list())
    expect(error.kind).toBe('invalid-request')
    expect(error.message).not.toContain('p4ss')
    expect(requests).toHaveLength(0)
  })

  it('path ids made only of dots, which would move a write to another path', async () => {
    for (const id of ['.', '..', ' .. ']) {
      expect((await caught(client.streams.update(id, { title: 'x' }))).kind).toBe('invalid-request')
      expect((await caught(client.users.update(id, { name: 'x' }))).kind).toBe('invalid-request')
    }
    expect(requests).toHaveLength(0)
  })
})

describe('client options', () => {
  it('uses the injected fetch and sends custom headers with every request', async () => {
    const seen: Request[] = []
    const custom = createHotMicClient({
      apiKey: KEY,
      headers: { 'x-app': 'demo' },
      fetch: (input, init) => {
        seen.push(new Request(input, init))
        return fetch(input, init)
      },
    })
    await custom.streams.list({ limit: 1 })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.headers.get('x-app')).toBe('demo')
    expect(seen[0]!.headers.get('accept')).toBe('application/json')
  })

  it('hands every response to onResponse (each page and each retry), and rejects with what it throws', async () => {
    const retrying = createHotMicClient({ apiKey: KEY, retry: { retries: 1, baseDelayMs: 0 } })
    let failures = 1
    server.use(
      http.get(`${BASE}/streams`, () => (failures-- > 0 ? HttpResponse.json({ message: 'busy' }, { status: 503 }) : undefined)),
    )
    const statuses: number[] = []
    const dates: (string | null)[] = []
    const changed = await retrying.streams.updatedSince('2020-01-01T00:00:00Z', { limit: 50 }, {
      onResponse: (response) => {
        statuses.push(response.status)
        dates.push(response.headers.get('date'))
      },
    })
    expect(changed.length).toBeGreaterThan(50)
    expect(statuses[0]).toBe(503)
    expect(statuses.slice(1).every((status) => status === 200)).toBe(true)
    expect(statuses.length).toBe(requests.length)
    expect(statuses.length).toBeGreaterThan(2)
    // The embedded API dates its answers like any HTTP server.
    expect(dates.slice(1).every((date) => date !== null && Number.isFinite(Date.parse(date)))).toBe(true)

    const thrown = new Error('header check failed')
    await expect(client.streams.list({}, { onResponse: () => { throw thrown } })).rejects.toBe(thrown)
  })

  it('takes a timeout or delay past what setTimeout keeps (2^31 - 1 ms) as that long, not as none', async () => {
    const patient = createHotMicClient({ apiKey: KEY, timeoutMs: 3e9, retry: { maxDelayMs: 3e9, baseDelayMs: 3e9, retries: 1 } })
    server.use(http.get(`${BASE}/streams`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30))
      return HttpResponse.json({ results: [], links: {} })
    }))
    await expect(patient.streams.list()).resolves.toMatchObject({ results: [] })
  })

  it('never retries what onResponse throws, even an error that looks retryable, nor a thrown string', async () => {
    const retrying = createHotMicClient({ apiKey: KEY, retry: { retries: 3, baseDelayMs: 0 } })
    const busy = new HotMicError({ kind: 'http', status: 503, message: 'the app decided the API is busy' })
    let calls = 0
    await expect(retrying.streams.list({}, { onResponse: () => { calls++; throw busy } })).rejects.toBe(busy)
    expect(calls).toBe(1)
    expect(requests).toHaveLength(1)
    await expect(retrying.streams.list({}, { onResponse: () => { throw 'no' } })).rejects.toBe('no')
    expect(requests).toHaveLength(2)
    // The same error thrown by the transport itself is still retried.
    expect(isRetryableError(busy, 'GET')).toBe(true)
  })

  it('resolves baseUrl, defaulting to the public API, and refuses one that is not http(s)', async () => {
    expect(createHotMicClient().baseUrl).toBe(BASE)
    expect(createHotMicClient({ baseUrl: 'https://app.example/api/hotmic/' }).baseUrl).toBe('https://app.example/api/hotmic')
    const bad = createHotMicClient({ baseUrl: 'ftp://files.example' })
    expect((await caught(bad.streams.list())).kind).toBe('invalid-request')
    expect(requests).toHaveLength(0)
  })
})
