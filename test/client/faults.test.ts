import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { HotMicError } from '../../src/client/errors.js'
import { isRetryableError, parseRetryAfter } from '../../src/client/request.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { setupMockServer } from './mock-server.js'

// The fault matrix: every error kind and every retry rule, against the embedded API's injected
// faults. Backoff waits run on fake timers and jitter is pinned, so no test waits for real.

const BASE = 'https://public-api.hotmic.io'
const KEY = 'fault-matrix-key'
const api = createMockHotMicApi({ apiKey: KEY, streamCount: 4, userCount: 2, now: Date.UTC(2026, 0, 15, 18) })
const { server, requests } = setupMockServer(...api.handlers)

beforeEach(() => {
  // Only timers and the clock are faked: MSW's own scheduling (setImmediate, microtasks) stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.setSystemTime(Date.UTC(2026, 0, 15, 18))
  // Full jitter draws Math.random() × the cap: pinned to half of it.
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  api.faults.clear()
  api.db.reset()
})

const client = createHotMicClient({ apiKey: KEY, retry: { retries: 2, baseDelayMs: 300, maxDelayMs: 10_000 } })
const once = createHotMicClient({ apiKey: KEY, retry: false })

/** Lets real I/O (MSW, fetch) make progress without moving the fake clock. */
async function until(condition: () => boolean): Promise<void> {
  for (let tick = 0; tick < 500 && !condition(); tick++) await new Promise((resolve) => setImmediate(resolve))
  expect(condition()).toBe(true)
}

function outcome<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false }
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  )
  return state
}

/** Advances the fake clock to just before `ms` and checks no new attempt started, then to `ms`. */
async function expectWait(ms: number, attemptsBefore: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms - 1)
  await until(() => true)
  expect(requests).toHaveLength(attemptsBefore)
  await vi.advanceTimersByTimeAsync(1)
  await until(() => requests.length === attemptsBefore + 1)
}

function asError(value: unknown): HotMicError {
  expect(value).toBeInstanceOf(HotMicError)
  return value as HotMicError
}

describe('every error kind', () => {
  it('http: a non-2xx answer, with status, parsed body, method and a key-free URL', async () => {
    const error = asError(await once.streams.update('no-such-stream', { title: 'x' }).catch((e: unknown) => e))
    expect(error).toMatchObject({ kind: 'http', status: 404, method: 'PUT', url: `${BASE}/streams/no-such-stream`, body: { message: expect.any(String) } })
  })

  it('http: an HTML 502 says it got an HTML page and keeps the text as body', async () => {
    api.faults.set('GET /streams', { html502: true })
    const error = asError(await once.streams.list().catch((e: unknown) => e))
    expect(error).toMatchObject({ kind: 'http', status: 502, body: expect.stringContaining('502 Bad Gateway') })
    expect(error.message).toContain('HTML page')
  })

  it('http: a long text body is truncated', async () => {
    server.use(http.get(`${BASE}/streams`, () => new HttpResponse('x'.repeat(5000), { status: 500 })))
    const error = asError(await once.streams.list().catch((e: unknown) => e))
    expect(String(error.body).length).toBeLessThanOrEqual(501)
  })

  it('http: an empty error body is said to be empty', async () => {
    server.use(http.get(`${BASE}/streams`, () => new HttpResponse(null, { status: 500 })))
    const error = asError(await once.streams.list().catch((e: unknown) => e))
    expect(error).toMatchObject({ kind: 'http', status: 500, body: undefined })
    expect(error.message).toContain('empty body')
  })

  it('network: a dropped connection', async () => {
    api.faults.set('GET /streams', { network: true })
    expect(asError(await once.streams.list().catch((e: unknown) => e)).kind).toBe('network')
  })

  it('timeout: no answer within timeoutMs', async () => {
    api.faults.set('GET /streams', { latencyMs: 60_000 })
    const slow = createHotMicClient({ apiKey: KEY, retry: false, timeoutMs: 5000 })
    const state = outcome(slow.streams.list())
    await until(() => requests.length === 1)
    await vi.advanceTimersByTimeAsync(4999)
    expect(state.done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await until(() => state.done)
    expect(asError(state.error)).toMatchObject({ kind: 'timeout', method: 'GET' })
    await vi.advanceTimersByTimeAsync(60_000)
  })

  it('an injected fetch that ignores its signal still ends at timeoutMs, or at once when the caller aborts', async () => {
    const deaf = vi.fn(() => new Promise<Response>(() => {}))
    const client = createHotMicClient({ apiKey: KEY, retry: false, timeoutMs: 5000, fetch: deaf as unknown as typeof fetch })
    const timed = outcome(client.streams.list())
    await vi.advanceTimersByTimeAsync(4999)
    expect(timed.done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await until(() => timed.done)
    expect(asError(timed.error)).toMatchObject({ kind: 'timeout', method: 'GET' })
    // The abort's reason, not the abort Event, is the cause.
    expect(asError(timed.error).cause).not.toBeInstanceOf(Event)
    expect((asError(timed.error).cause as Error).name).toBe('AbortError')

    const caller = new AbortController()
    const aborted = outcome(client.streams.list({}, { signal: caller.signal }))
    caller.abort()
    await until(() => aborted.done)
    expect(asError(aborted.error).kind).toBe('aborted')
    expect(deaf).toHaveBeenCalledTimes(2)
  })

  it('aborted: the caller aborted, before or during the request', async () => {
    const before = new AbortController()
    before.abort()
    expect(asError(await once.streams.list({}, { signal: before.signal }).catch((e: unknown) => e)).kind).toBe('aborted')
    expect(requests).toHaveLength(0)

    api.faults.set('GET /streams', { latencyMs: 60_000 })
    const during = new AbortController()
    const state = outcome(once.streams.list({}, { signal: during.signal }))
    await until(() => requests.length === 1)
    during.abort()
    await until(() => state.done)
    expect(asError(state.error).kind).toBe('aborted')
    await vi.advanceTimersByTimeAsync(60_000)
  })

  it('invalid-response: malformed JSON, an empty 200, a 204 and a non-JSON 200', async () => {
    api.faults.set('GET /streams', { malformedJson: true, times: 1 })
    const malformed = asError(await once.streams.list().catch((e: unknown) => e))
    expect(malformed).toMatchObject({ kind: 'invalid-response', status: 200, body: expect.stringContaining('truncated') })
    expect(malformed.message).toContain('instead of JSON')

    server.use(
      http.get(`${BASE}/streams`, () => new HttpResponse('', { status: 200 }), { once: true }),
      http.put(`${BASE}/streams/:id`, () => new HttpResponse(null, { status: 204 }), { once: true }),
      http.get(`${BASE}/users`, () => new HttpResponse('<!doctype html><p>Sign in</p>', { status: 200, headers: { 'content-type': 'text/html' } })),
    )
    expect(asError(await once.streams.list().catch((e: unknown) => e))).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('empty body') })
    expect(asError(await once.streams.update('s', { title: 'x' }).catch((e: unknown) => e))).toMatchObject({ kind: 'invalid-response', status: 204 })
    expect(asError(await once.users.list().catch((e: unknown) => e))).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('HTML page') })
  })

  it('invalid-request and not-found: refused before sending, and an absent id', async () => {
    expect(asError(await once.users.update('', { name: 'x' }).catch((e: unknown) => e)).kind).toBe('invalid-request')
    expect(asError(await once.users.create({ name: ' ' }).catch((e: unknown) => e)).kind).toBe('invalid-request')
    expect(requests).toHaveLength(0)
    const missing = asError(await once.users.get('nobody').catch((e: unknown) => e))
    expect(missing).toMatchObject({ kind: 'not-found', status: 404, url: `${BASE}/users?ids=nobody` })
  })

  it('the key appears in no error message, URL or body, of any kind', async () => {
    const errors: HotMicError[] = []
    for (const fault of [{ network: true }, { html502: true }, { malformedJson: true }, { status429: { retryAfter: 0 } }]) {
      api.faults.set('*', fault)
      errors.push(asError(await once.streams.list({ limit: 1 }).catch((e: unknown) => e)))
    }
    api.faults.clear()
    errors.push(asError(await createHotMicClient({ apiKey: 'wrong', retry: false }).streams.list().catch((e: unknown) => e)))
    expect(errors.map((error) => error.kind)).toEqual(['network', 'http', 'invalid-response', 'http', 'http'])
    for (const error of errors) expect(JSON.stringify([error.message, error.url, error.body, String(error.cause)])).not.toContain(KEY)
  })
})

describe('retry rules', () => {
  it('GET is retried on 5xx with exponential backoff and jitter, then succeeds', async () => {
    api.faults.set('GET /streams', { failureRate: 1, times: 2 })
    const state = outcome(client.streams.list({ limit: 2 }))
    await until(() => requests.length === 1)
    await expectWait(150, 1) // 0.5 × 300
    await expectWait(300, 2) // 0.5 × 600
    await until(() => state.done)
    expect(state.value?.results).toHaveLength(2)
  })

  it('attempts are bounded: after `retries` retries the last error is thrown', async () => {
    api.faults.set('GET /streams', { html502: true })
    const state = outcome(client.streams.list())
    await until(() => requests.length === 1)
    await expectWait(150, 1)
    await expectWait(300, 2)
    await until(() => state.done)
    expect(asError(state.error)).toMatchObject({ kind: 'http', status: 502 })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(requests).toHaveLength(3)
  })

  it('PUT is retried on network errors and timeouts', async () => {
    const stream = api.db.streams.all()[0]!
    api.faults.set('PUT /streams/:id', { network: true, times: 1 })
    const state = outcome(client.streams.update(stream.id, { title: 'Again' }))
    await until(() => requests.length === 1)
    await expectWait(150, 1)
    await until(() => state.done)
    expect(state.value?.title).toBe('Again')

    requests.length = 0
    const slow = createHotMicClient({ apiKey: KEY, timeoutMs: 1000, retry: { retries: 1, baseDelayMs: 100 } })
    api.faults.set('PUT /streams/:id', { latencyMs: 5000, times: 1 })
    const timed = outcome(slow.streams.update(stream.id, { title: 'Later' }))
    await until(() => requests.length === 1)
    await vi.advanceTimersByTimeAsync(1000)
    await expectWait(50, 1)
    await until(() => timed.done)
    expect(timed.value?.title).toBe('Later')
  })

  it('408 and 429 are retried; 429 waits exactly Retry-After seconds', async () => {
    server.use(http.get(`${BASE}/users`, () => new HttpResponse(null, { status: 408 }), { once: true }))
    const timedOut = outcome(client.users.list())
    await until(() => requests.length === 1)
    await expectWait(150, 1)
    await until(() => timedOut.done)
    expect(timedOut.value?.results.length).toBeGreaterThan(0)

    requests.length = 0
    api.faults.set('GET /streams', { status429: { retryAfter: 2 }, times: 1 })
    const limited = outcome(client.streams.list())
    await until(() => requests.length === 1)
    await expectWait(2000, 1)
    await until(() => limited.done)
    expect(limited.error).toBeUndefined()
  })

  it('Retry-After as an HTTP date is honoured, and any wait is capped at maxDelayMs', async () => {
    const inThree = new Date(Date.now() + 3000).toUTCString()
    api.faults.set('GET /streams', { status429: { retryAfter: inThree }, times: 1 })
    const dated = outcome(client.streams.list())
    await until(() => requests.length === 1)
    await expectWait(3000, 1)
    await until(() => dated.done)

    requests.length = 0
    api.faults.set('GET /streams', { status429: { retryAfter: 3600 }, times: 1 })
    const capped = outcome(client.streams.list())
    await until(() => requests.length === 1)
    await expectWait(10_000, 1)
    await until(() => capped.done)
    expect(capped.error).toBeUndefined()
  })

  it('other 4xx, invalid responses and every POST are never retried', async () => {
    const stream = api.db.streams.all()[0]!
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.streams.update(stream.id, { user_id: 'nobody' }), 'http'], // 400
      [() => createHotMicClient({ apiKey: 'wrong' }).streams.list(), 'http'], // 401
      [() => client.users.update('nobody', { name: 'x' }), 'http'], // 404
    ]
    for (const [run, kind] of cases) {
      requests.length = 0
      expect(asError(await run().catch((e: unknown) => e)).kind).toBe(kind)
      expect(requests).toHaveLength(1)
    }
    for (const fault of [{ malformedJson: true }, { failureRate: 1 }, { network: true }, { status429: { retryAfter: 1 } }]) {
      requests.length = 0
      api.faults.set('GET /streams', fault)
      api.faults.set('POST /users', fault)
      if ('malformedJson' in fault) expect(asError(await client.streams.list().catch((e: unknown) => e)).kind).toBe('invalid-response')
      else await client.users.create({ name: 'Once' }).catch(() => undefined)
      await vi.advanceTimersByTimeAsync(60_000)
      expect(requests).toHaveLength(1)
    }
  })

  it('an abort during a backoff wait stops it at once and leaves no timer behind', async () => {
    api.faults.set('GET /streams', { status429: { retryAfter: 60 } })
    const controller = new AbortController()
    const state = outcome(client.streams.list({}, { signal: controller.signal }))
    await until(() => requests.length === 1)
    await until(() => vi.getTimerCount() === 1) // the 10 s (capped) backoff
    controller.abort()
    await until(() => state.done)
    expect(asError(state.error).kind).toBe('aborted')
    expect(vi.getTimerCount()).toBe(0)
    expect(requests).toHaveLength(1)
  })

  it('the exported predicate is the policy', () => {
    const error = (kind: HotMicError['kind'], status?: number) => new HotMicError({ kind, status, message: kind })
    const table: [HotMicError | Error, string, boolean][] = [
      [error('network'), 'GET', true],
      [error('timeout'), 'PUT', true],
      [error('http', 408), 'GET', true],
      [error('http', 429), 'PUT', true],
      [error('http', 500), 'GET', true],
      [error('http', 503), 'PUT', true],
      [error('http', 503), 'POST', false],
      [error('network'), 'POST', false],
      [error('http', 400), 'GET', false],
      [error('http', 404), 'GET', false],
      [error('aborted'), 'GET', false],
      [error('invalid-response'), 'GET', false],
      [error('invalid-request'), 'GET', false],
      [new Error('plain'), 'GET', false],
    ]
    expect(table.map(([value, method]) => isRetryableError(value, method))).toEqual(table.map(([, , expected]) => expected))
  })

  it('parseRetryAfter reads seconds and HTTP dates, never negative', () => {
    const now = Date.UTC(2026, 0, 15, 18)
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500)
    expect(parseRetryAfter(new Date(now + 4000).toUTCString(), now)).toBe(4000)
    expect(parseRetryAfter(new Date(now - 4000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    // Date.parse takes these for dates long past, which would mean "retry at once".
    expect(parseRetryAfter('1,2', now)).toBeUndefined()
    expect(parseRetryAfter('-1', now)).toBeUndefined()
    expect(parseRetryAfter('1 0:00:00', now)).toBeUndefined()
    expect(parseRetryAfter('2 12:00:00', now)).toBeUndefined()
    expect(parseRetryAfter('Thu, 15 Jan 2026 18:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Thursday, 15-Jan-26 18:00:06 GMT', now)).toBe(6000)
    expect(parseRetryAfter('2026', now)).toBe(2_026_000)
    // The obsolete HTTP-date forms still count.
    expect(parseRetryAfter('Thu Jan 15 18:00:03 2026', now)).toBe(3000 - new Date(now).getTimezoneOffset() * 60_000)
  })
})
