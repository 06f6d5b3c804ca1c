import { createTransport, type HotMicClientOptions } from './request.js'
import { createStreamsApi, type StreamsApi } from './streams.js'
import { createUsersApi, type UsersApi } from './users.js'

/** A HotMic API client. Plain TypeScript: no React, no globals read until a request is made. */
export interface HotMicClient {
  /** `baseUrl` resolved to an absolute URL. */
  readonly baseUrl: string
  readonly streams: StreamsApi
  readonly users: UsersApi
}

/**
 * Creates a client for the HotMic public API.
 *
 * In a browser, leave `apiKey` out and point `baseUrl` at your own server route that adds the
 * `x-api-key` header: the key also authorises writes.
 *
 * @example
 * const client = createHotMicClient({ apiKey: process.env.HOTMIC_API_KEY })
 * const { results } = await client.streams.list({ state: 'LIVE' })
 *
 * @example
 * // Browser, through your proxy:
 * const client = createHotMicClient({ baseUrl: '/api/hotmic' })
 */
export function createHotMicClient(options: HotMicClientOptions = {}): HotMicClient {
  const transport = createTransport(options)
  return {
    get baseUrl() {
      return transport.baseUrl()
    },
    streams: createStreamsApi(transport),
    users: createUsersApi(transport),
  }
}
