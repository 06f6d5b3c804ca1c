import type { RequestHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/**
 * An MSW node server for one test file: unhandled requests fail the test, handlers added with
 * `server.use` are dropped after each test, and `requests` holds clones of this test's requests.
 */
export function setupMockServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers)
  const requests: Request[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    requests.length = 0
    server.events.on('request:start', ({ request }) => void requests.push(request.clone()))
  })
  afterEach(() => {
    server.events.removeAllListeners()
    server.resetHandlers()
  })
  afterAll(() => server.close())
  return { server, requests }
}
