import type { ProxyOptions } from 'vite'

/** The same-origin path the stories call in real-API mode. */
export const HOTMIC_PROXY_PATH = '/hotmic-api'

/**
 * Real-API mode for `npm start`: when `HOTMIC_API_KEY` is set, the dev server forwards
 * `/hotmic-api/*` to the HotMic API (`HOTMIC_API_URL`, default `https://public-api.hotmic.io`) and
 * adds the `x-api-key` header there, on the server. The key never reaches the browser: the stories
 * only ever see the same-origin path. Returns `undefined` when no key is set (embedded API mode).
 */
export function hotmicProxy(env: Record<string, string | undefined> = process.env): Record<string, ProxyOptions> | undefined {
  const key = env['HOTMIC_API_KEY']?.trim()
  if (!key) return undefined
  const target = env['HOTMIC_API_URL'] ?? 'https://public-api.hotmic.io'
  return {
    [HOTMIC_PROXY_PATH]: {
      target,
      changeOrigin: true,
      rewrite: (path) => path.slice(HOTMIC_PROXY_PATH.length) || '/',
      headers: { 'x-api-key': key },
    },
  }
}
