import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'

export const BASE = 'https://public-api.hotmic.io'

/**
 * The embedded API behind MSW for one test file (unhandled requests fail), with a log of every
 * request URL the handlers saw, cleared between tests.
 */
export function setupEmbeddedApi() {
  // The store's clock stands still at the seed's "now", so `last_updated` and `Date` agree with the data.
  const now = Date.UTC(2026, 0, 15, 18)
  const api = createMockHotMicApi({ now, clock: () => now })
  const server = setupServer(...api.handlers)
  const requests: URL[] = []
  server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url)))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    api.db.reset()
    requests.length = 0
  })
  afterAll(() => server.close())
  return { api, server, requests }
}
