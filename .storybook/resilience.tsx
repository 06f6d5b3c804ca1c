import type { Preview } from '@storybook/react-vite'
import { http, HttpResponse, type HttpHandler } from 'msw'
import { createContext, useContext, useEffect, type ReactNode } from 'react'
import type { MockHotMicApi, RouteFault } from '../src/testing/index.js'

/**
 * The Resilience toolbar: latency, API failures and broken media, applied live to the embedded
 * HotMic API of the current story, so people can watch the library cope.
 */
export const RESILIENCE_GLOBAL_TYPES: NonNullable<Preview['globalTypes']> = {
  latency: {
    description: 'Latency added to every HotMic API request',
    toolbar: {
      title: 'Latency',
      icon: 'time',
      dynamicTitle: true,
      items: [
        { value: 'none', title: 'No added latency' },
        { value: '300', title: '300 ms per request' },
        { value: '1500', title: '1.5 s per request' },
      ],
    },
  },
  failures: {
    description: 'Failures the HotMic API answers with',
    toolbar: {
      title: 'API failures',
      icon: 'alert',
      dynamicTitle: true,
      items: [
        { value: 'none', title: 'No failures' },
        { value: '503', title: '1 in 2 requests: 503' },
        { value: '429', title: '1 in 2 requests: 429, Retry-After 1 s' },
        { value: 'html502', title: '1 in 2 requests: HTML 502 page' },
        { value: 'malformed', title: '1 in 2 requests: malformed JSON' },
        { value: 'network', title: '1 in 2 requests: network error' },
        { value: 'writes', title: 'Every write fails (rollback)' },
      ],
    },
  },
  media: {
    description: 'Breaks the HLS media the players load',
    toolbar: {
      title: 'Media',
      icon: 'video',
      dynamicTitle: true,
      items: [
        { value: 'ok', title: 'Media OK' },
        { value: 'segments-404', title: 'Every 4th segment 404s' },
        { value: 'corrupt', title: 'Every segment corrupt' },
        { value: 'no-playlist', title: 'Playlists 404' },
      ],
    },
  },
}

/** The toolbar's values, as Storybook keeps them in `globals`. */
export interface ResilienceGlobals {
  latency?: string
  failures?: string
  media?: string
}

/** The initial values: everything healthy. */
export const RESILIENCE_INITIAL_GLOBALS: Required<ResilienceGlobals> = { latency: 'none', failures: 'none', media: 'ok' }

/** The fault for every route, from the toolbar; `undefined` when healthy. */
export function faultFromGlobals(globals: ResilienceGlobals): RouteFault | undefined {
  const fault: RouteFault = {}
  const latency = Number(globals.latency)
  if (Number.isFinite(latency) && latency > 0) fault.latencyMs = latency
  switch (globals.failures) {
    case '503':
      fault.failureRate = 0.5
      break
    case '429':
      fault.status429 = { retryAfter: 1 }
      fault.failureRate = 0.5
      break
    case 'html502':
      fault.html502 = true
      fault.failureRate = 0.5
      break
    case 'malformed':
      fault.malformedJson = true
      fault.failureRate = 0.5
      break
    case 'network':
      fault.network = true
      fault.failureRate = 0.5
      break
  }
  return Object.keys(fault).length > 0 ? fault : undefined
}

/** Applies the toolbar to an embedded API: one fault for every route, writes failing on demand. */
export function applyResilience(api: MockHotMicApi, globals: ResilienceGlobals): void {
  api.faults.clear()
  const fault = faultFromGlobals(globals)
  if (fault) api.faults.set('*', fault)
  if (globals.failures === 'writes') {
    // A JSON 503 on every write, so optimistic edits visibly roll back.
    const writes: RouteFault = { ...(fault?.latencyMs ? { latencyMs: fault.latencyMs } : {}), failureRate: 1 }
    for (const route of ['PUT /streams/:id', 'POST /users', 'PUT /users/:id'] as const) api.faults.set(route, writes)
  }
}

/**
 * MSW handlers that break media requests while `mode()` says so; otherwise they let the request
 * go on to the next handler (the live origin) or the network (the static media).
 */
export function brokenMediaHandlers(mode: () => string | undefined): HttpHandler[] {
  let segments = 0
  return [
    http.get(/\/media\/.+\.ts(\?.*)?$/, () => {
      const current = mode()
      if (current === 'segments-404') {
        segments++
        return segments % 4 === 0 ? new HttpResponse(null, { status: 404 }) : undefined
      }
      if (current === 'corrupt') {
        const junk = new Uint8Array(188 * 64).map((_, index) => (index * 7919) % 251)
        return new HttpResponse(junk, { headers: { 'content-type': 'video/mp2t' } })
      }
      return undefined
    }),
    http.get(/\/(media|live)\/.+\.m3u8(\?.*)?$/, () => (mode() === 'no-playlist' ? new HttpResponse('Not found', { status: 404 }) : undefined)),
  ]
}

const MockApiContext = createContext<MockHotMicApi | null>(null)

/** The embedded HotMic API of the current story (`null` in real-API mode). */
export function useMockApi(): MockHotMicApi | null {
  return useContext(MockApiContext)
}

/** Provides the story's embedded API and keeps its faults in step with the toolbar. */
export function ResilienceProvider({ api, globals, children }: { api: MockHotMicApi | null; globals: ResilienceGlobals; children: ReactNode }) {
  const { latency, failures } = globals
  useEffect(() => {
    if (api) applyResilience(api, { latency, failures })
  }, [api, latency, failures])
  return <MockApiContext.Provider value={api}>{children}</MockApiContext.Provider>
}
