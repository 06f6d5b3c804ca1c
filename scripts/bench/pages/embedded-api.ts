// Shared by the traffic benchmarks (sync, batching): the embedded HotMic API in the page through
// MSW's service worker, on this page's origin under /api so no request can leave the machine, and
// a ledger of every API response the worker served with its serialized body.
import { setupWorker } from 'msw/browser'
import { createMockHotMicApi, type MockHotMicApi, type MockHotMicApiOptions } from '../../../src/testing/index.js'

/** One API request the worker answered. */
export interface ServedRequest {
  url: string
  /** `performance.now()` when the page's request reached the worker's handlers. */
  startedAt: number
  /** The response body as sent to the page; undefined until the response is out. */
  body?: ArrayBuffer
}

/** The embedded API, running, and what it has served so far. */
export interface EmbeddedApi {
  api: MockHotMicApi
  baseUrl: string
  served: ServedRequest[]
  /** Requests on /api no handler answered: a broken benchmark, not a result. */
  unhandled: string[]
  /** Resolves on the next response the worker sends. */
  nextResponse(): Promise<void>
  /** Waits for these requests' responses, then sums them up. */
  traffic(entries: readonly ServedRequest[]): Promise<Traffic>
}

/** API traffic of some requests. */
export interface Traffic {
  requests: number
  /** Response bodies, as served. */
  bytes: number
  /** The same bodies gzipped one by one. */
  gzipBytes: number
  /** Streams or users in the list envelopes' `results`. */
  items: number
}

/** Starts the worker (served at /mockServiceWorker.js by scripts/bench/run.mjs) over a fresh embedded API. */
export async function startEmbeddedApi(options: MockHotMicApiOptions = {}): Promise<EmbeddedApi> {
  const baseUrl = `${location.origin}/api`
  const api = createMockHotMicApi({ ...options, baseUrl })
  const worker = setupWorker(...api.handlers)
  const served: ServedRequest[] = []
  const byId = new Map<string, ServedRequest>()
  const unhandled: string[] = []
  let waiting: Array<() => void> = []

  worker.events.on('request:start', ({ request, requestId }) => {
    if (!request.url.startsWith(`${baseUrl}/`)) return
    const entry: ServedRequest = { url: request.url, startedAt: performance.now() }
    served.push(entry)
    byId.set(requestId, entry)
  })
  worker.events.on('response:mocked', async ({ response, requestId }) => {
    const entry = byId.get(requestId)
    if (!entry) return
    byId.delete(requestId)
    // The worker's clone of the exact response the page received: its bytes are what went over the wire.
    entry.body = await response.arrayBuffer()
    const resolved = waiting
    waiting = []
    for (const resolve of resolved) resolve()
  })
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest(request) {
      if (request.url.startsWith(`${baseUrl}/`)) unhandled.push(request.url)
    },
  })
  const nextResponse = () => new Promise<void>((resolve) => waiting.push(resolve))
  return {
    api,
    baseUrl,
    served,
    unhandled,
    nextResponse,
    async traffic(entries) {
      if (unhandled.length > 0) throw new Error(`No handler for ${unhandled.join(', ')}`)
      while (entries.some((entry) => entry.body === undefined)) await nextResponse()
      const bodies = entries.map((entry) => entry.body!)
      const gzip = await Promise.all(bodies.map(gzipSize))
      return {
        requests: entries.length,
        bytes: bodies.reduce((sum, body) => sum + body.byteLength, 0),
        gzipBytes: gzip.reduce((sum, size) => sum + size, 0),
        items: bodies.reduce((sum, body) => sum + countResults(body), 0),
      }
    },
  }
}

const decoder = new TextDecoder()

function countResults(body: ArrayBuffer): number {
  const parsed: unknown = JSON.parse(decoder.decode(body))
  const results = (parsed as { results?: unknown } | null)?.results
  return Array.isArray(results) ? results.length : 0
}

/** Gzip size of a body, as a compressing CDN or proxy in front of the API would send it. */
async function gzipSize(body: ArrayBuffer): Promise<number> {
  const compressed = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(compressed).arrayBuffer()).byteLength
}
