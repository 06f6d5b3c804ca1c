import { HttpResponse } from 'msw'
import { createRandom, type Random } from './random.js'

/** The routes of the embedded API, as fault injection names them. */
export type MockRoute = 'GET /streams' | 'PUT /streams/:id' | 'GET /users' | 'POST /users' | 'PUT /users/:id'

/** Every {@link MockRoute}, in a stable order (for menus such as a Storybook toolbar). */
export const MOCK_ROUTES: readonly MockRoute[] = ['GET /streams', 'PUT /streams/:id', 'GET /users', 'POST /users', 'PUT /users/:id']

/**
 * What can go wrong on one route. Latency applies to every request; the failure kinds set here
 * (`status429`, `html502`, `malformedJson`, `network`, `status`) happen with probability `failureRate`
 * (default 1 when a kind is set), one kind picked at random when several are set. `failureRate`
 * alone answers a JSON 503. Randomness is seeded, so the same requests fail on every run.
 */
export interface RouteFault {
  /** Wait this long (ms) before answering. */
  latencyMs?: number
  /** 0 to 1: the share of requests that fail. Default 1 when a failure kind is set, else 0. */
  failureRate?: number
  /** Answer 429 with this `Retry-After` (seconds, or an HTTP date). */
  status429?: { retryAfter: number | string }
  /** Answer this HTTP status with a JSON `{ message }`, e.g. 422 for a write the API refuses (never retried). */
  status?: number
  /** Answer 502 with an HTML page, as a CDN or proxy does. */
  html502?: boolean
  /** Answer 200 with a body that is not valid JSON. */
  malformedJson?: boolean
  /** Drop the connection (a network error). */
  network?: boolean
  /** Only the next N requests on the route are affected (a whole number from 1); then the fault clears itself. Default: until cleared. */
  times?: number
}

/** Faults for some routes; `'*'` applies to every route that has no entry of its own. */
export type FaultMap = Partial<Record<MockRoute | '*', RouteFault>>

/**
 * Run-time fault injection, as `api.faults`. Changes apply to the next request.
 *
 * @example
 * api.faults.set('GET /streams', { status429: { retryAfter: 1 }, times: 1 })
 * api.faults.set('*', { latencyMs: 800 })
 * api.faults.clear()
 */
export interface MockFaults {
  /** Sets (replaces) the fault of a route, or of every route with `'*'`. */
  set(route: MockRoute | '*', fault: RouteFault): void
  /** Clears one route's fault, or all of them. */
  clear(route?: MockRoute | '*'): void
  /** The faults in force, as a fresh object. */
  current(): FaultMap
}

/** What a route handler gets back: a response to send instead of its own, or `undefined`. */
export type FaultOutcome = Response | undefined

function failureKinds(fault: RouteFault): (() => Response)[] {
  const kinds: (() => Response)[] = []
  if (fault.status429) {
    const retryAfter = String(fault.status429.retryAfter)
    kinds.push(() => HttpResponse.json({ message: 'Too many requests' }, { status: 429, headers: { 'retry-after': retryAfter } }))
  }
  if (fault.html502) {
    kinds.push(
      () =>
        new HttpResponse('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    )
  }
  if (fault.malformedJson) {
    kinds.push(() => new HttpResponse('{"results": [{"id": "truncated', { status: 200, headers: { 'content-type': 'application/json' } }))
  }
  if (fault.network) kinds.push(() => HttpResponse.error())
  if (fault.status !== undefined) {
    const status = fault.status
    kinds.push(() => HttpResponse.json({ message: `Refused with HTTP ${status} (injected fault)` }, { status }))
  }
  return kinds
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Creates the fault registry and the function route handlers call before answering. */
export function createFaults(initial: FaultMap = {}, seed = 1): MockFaults & { apply(route: MockRoute): Promise<FaultOutcome> } {
  const faults = new Map<MockRoute | '*', RouteFault>()
  // One generator per route, restarted when its fault is set or cleared: a route's outcomes depend
  // only on its own requests since then, never on other routes' faults or on earlier tests.
  const randoms = new Map<MockRoute | '*', Random>()
  const randomFor = (route: MockRoute | '*') => {
    let random = randoms.get(route)
    if (!random) randoms.set(route, (random = createRandom(seed + [...route].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 0))))
    return random
  }
  const set = (route: MockRoute | '*', fault: RouteFault) => {
    if (route !== '*' && !MOCK_ROUTES.includes(route)) throw new RangeError(`No route ${JSON.stringify(route)}: use one of ${MOCK_ROUTES.join(', ')} or '*'`)
    if (fault.latencyMs !== undefined && !(typeof fault.latencyMs === 'number' && fault.latencyMs >= 0 && fault.latencyMs <= 2 ** 31 - 1)) {
      throw new RangeError(`latencyMs must be a number of ms from 0 to 2^31-1, got ${String(fault.latencyMs)}`)
    }
    if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)) {
      throw new RangeError(`status must be an HTTP error status (400-599), got ${String(fault.status)}`)
    }
    if (fault.failureRate !== undefined && !(fault.failureRate >= 0 && fault.failureRate <= 1)) {
      throw new RangeError(`failureRate must be between 0 and 1, got ${fault.failureRate}`)
    }
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
      throw new RangeError(`times must be a whole number of requests from 1, got ${fault.times}`)
    }
    faults.set(route, { ...fault })
    randoms.delete(route)
  }
  for (const [route, fault] of Object.entries(initial) as [MockRoute | '*', RouteFault][]) set(route, fault)

  return {
    set,
    clear(route) {
      if (route === undefined) {
        faults.clear()
        randoms.clear()
      } else {
        faults.delete(route)
        randoms.delete(route)
      }
    },
    current: () => Object.fromEntries([...faults].map(([route, fault]) => [route, { ...fault }])) as FaultMap,
    async apply(route) {
      const key = faults.has(route) ? route : '*'
      const fault = faults.get(key)
      if (!fault) return undefined
      if (fault.times !== undefined) {
        if (fault.times <= 1) faults.delete(key)
        else fault.times -= 1
      }
      if (fault.latencyMs) await wait(fault.latencyMs)
      const kinds = failureKinds(fault)
      const rate = fault.failureRate ?? (kinds.length > 0 ? 1 : 0)
      const random = randomFor(key)
      // Always draw, so whether a request fails depends only on how many came before it.
      const roll = random.next()
      if (rate === 0 || roll >= rate) return undefined
      if (kinds.length === 0) return HttpResponse.json({ message: 'Service unavailable (injected fault)' }, { status: 503 })
      return kinds[Math.floor(random.next() * kinds.length)]!()
    },
  }
}
