import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ProxyOptions } from 'vite'

/** The same-origin path the stories call in real-API mode. */
export const HOTMIC_PROXY_PATH = '/hotmic-api'

function refuse(res: ServerResponse, message: string): void {
  res.statusCode = 403
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ message }))
}

function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

/**
 * Real-API mode for `npm start`: when `HOTMIC_API_KEY` is set, the dev server forwards
 * `/hotmic-api/*` to the HotMic API (`HOTMIC_API_URL`, default `https://public-api.hotmic.io`) and
 * adds the `x-api-key` header there, on the server. The key never reaches the browser: the stories
 * only ever see the same-origin path. The key also authorises writes, so the proxy forwards only
 * reads unless `HOTMIC_ALLOW_WRITES=1`, and never a request from another origin (a page elsewhere
 * must not use the key through it). Returns `undefined` when no key is set (embedded API mode).
 */
export function hotmicProxy(env: Record<string, string | undefined> = process.env): Record<string, ProxyOptions> | undefined {
  const key = env['HOTMIC_API_KEY']?.trim()
  if (!key) return undefined
  const target = env['HOTMIC_API_URL'] ?? 'https://public-api.hotmic.io'
  const allowWrites = env['HOTMIC_ALLOW_WRITES'] === '1'
  return {
    [HOTMIC_PROXY_PATH]: {
      target,
      changeOrigin: true,
      rewrite: (path) => path.slice(HOTMIC_PROXY_PATH.length) || '/',
      headers: { 'x-api-key': key },
      bypass(req, res) {
        if (!res) return undefined
        if (isCrossOrigin(req)) {
          refuse(res, 'The HotMic proxy only answers pages of this dev server')
          return req.url
        }
        if (req.method !== 'GET' && req.method !== 'HEAD' && !allowWrites) {
          refuse(res, 'The HotMic proxy forwards reads only; start it with HOTMIC_ALLOW_WRITES=1 to allow writes')
          return req.url
        }
        return undefined
      },
    },
  }
}
