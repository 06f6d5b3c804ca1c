import { HotMicError, refuse, type HotMicErrorKind, type HotMicErrorOptions } from './errors.js'
import { checkNumber } from './query-string.js'
import type { ResponseSource } from './schemas.js'

/** The real API's origin; `baseUrl` defaults to it. */
export const DEFAULT_BASE_URL = 'https://public-api.hotmic.io'

/** How failed requests are retried. `false` turns retries off. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number
  /** First backoff in ms, doubled each retry, with full jitter. Default 300. */
  baseDelayMs?: number
  /** Upper bound for any wait, including `Retry-After`. Default 10 000. */
  maxDelayMs?: number
}

/** Options of {@link createHotMicClient}. Nothing is read from globals until a request is made. */
export interface HotMicClientOptions {
  /**
   * The organisation key, sent as `x-api-key`. Leave it out in browsers and point `baseUrl` at your
   * own proxy, which adds it: the key also authorises writes.
   */
  apiKey?: string | undefined
  /** Default `https://public-api.hotmic.io`. May be relative (`/api/hotmic`) in a browser. */
  baseUrl?: string | undefined
  /** Default `globalThis.fetch`, looked up per request. */
  fetch?: typeof fetch | undefined
  /** Extra headers for every request to `baseUrl`. */
  headers?: Record<string, string> | undefined
  /** Per-attempt timeout in ms. Default 30 000; `0` disables it. */
  timeoutMs?: number | undefined
  /** Default `{ retries: 2, baseDelayMs: 300, maxDelayMs: 10000 }`. */
  retry?: RetryOptions | false | undefined
}

/** Per-call options every client method takes. */
export interface RequestOptions {
  /** Aborts the request, and any backoff wait, at once. */
  signal?: AbortSignal | undefined
  /**
   * Called with every HTTP response (each page, each retry) once its body has been read, to read
   * headers such as `Date` or rate-limit counters. What it throws rejects the call, and is never retried.
   */
  onResponse?: ((response: Response) => void) | undefined
}

/** One request as the endpoint modules describe it. */
export interface RequestSpec<TResult> extends RequestOptions {
  method: 'GET' | 'PUT' | 'POST'
  /**
   * A path under `baseUrl` plus its query string. Never an absolute URL: next links are read for
   * their parameters only, so the key and custom headers can only go to `baseUrl`.
   */
  path: string
  body?: unknown
  parse: (body: unknown, source: ResponseSource) => TResult
}

/** The part of the client that talks HTTP. */
export interface Transport {
  /** `baseUrl` resolved to an absolute URL, without a trailing slash. */
  baseUrl(): string
  request<TResult>(spec: RequestSpec<TResult>): Promise<TResult>
}

/**
 * Whether a failed request may be retried: network errors, timeouts, 408, 429 and 5xx, for GET and
 * PUT only (POST is not idempotent). Aborts and other 4xx never are.
 */
export function isRetryableError(error: unknown, method: string): boolean {
  if (!(error instanceof HotMicError) || method === 'POST') return false
  const { kind, status = 0 } = error
  return kind === 'network' || kind === 'timeout' || (kind === 'http' && (status === 408 || status === 429 || status >= 500))
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms, or `undefined`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  // Every HTTP-date starts with a day name and has hh:mm:ss; Date.parse alone also takes '1,2',
  // '-1' or '1 0:00:00' for dates long past.
  const date = /^\D{3}.*:\d\d:/.test(trimmed) ? Date.parse(trimmed) : NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function abortReason(signal: AbortSignal): HotMicError {
  return new HotMicError({ kind: 'aborted', message: 'The request was aborted', cause: signal.reason })
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortReason(signal!))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function resolveBaseUrl(baseUrl: string): string {
  let resolved: URL
  try {
    resolved = new URL(baseUrl, globalThis.location?.href)
  } catch {
    refuse(`baseUrl ${JSON.stringify(baseUrl)} is not a URL (a relative one needs a browser page)`)
  }
  if (!/^https?:$/.test(resolved.protocol)) refuse(`baseUrl must be http(s), got ${resolved.protocol}`)
  // Never echo it: the credentials would end up in every error's url and message.
  if (resolved.username || resolved.password) refuse('baseUrl must not contain credentials: send them as headers')
  // Without credentials, search and hash, that is the whole URL.
  return (resolved.origin + resolved.pathname).replace(/\/+$/, '')
}

/** Text bodies are kept in errors up to 500 characters, a server's `message` quoted up to 300. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** Markup (a proxy's or CDN's HTML error page, or XML): a body that starts with a tag. */
const looksLikeHtml = (text: string) => /^\s*<[!?a-z]/i.test(text)

/** Header values the Fetch API would refuse at request time (and quote in its error): refused up front, never echoed. */
function checkHeaders(options: HotMicClientOptions): void {
  for (const [name, value] of Object.entries({ ...options.headers, apiKey: options.apiKey ?? '' })) {
    try {
      new Headers([[name, value]])
    } catch {
      refuse(`${name === 'apiKey' ? name : `header ${JSON.stringify(name)}`} is not a valid HTTP header value`)
    }
  }
}

/** The wait a 429 or 503 asked for, kept beside its error for the retry loop. */
const retryAfter = new WeakMap<HotMicError, number>()
const NOT_JSON = Symbol()
const MAX_TIMER_MS = 2 ** 31 - 1
/** Errors thrown by `onResponse`: never retried. */
const final = new WeakSet<object>()

/** Builds the transport from the client options. Invalid options are refused here, before any request. */
export function createTransport(options: HotMicClientOptions): Transport {
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {})
  const retries = checkNumber('retry.retries', retry.retries ?? 2)
  const baseDelayMs = checkNumber('retry.baseDelayMs', retry.baseDelayMs ?? 300, 0, false)
  // setTimeout fires at once for a delay past 2^31 - 1 ms (24.8 days): longer ones wait that long.
  const maxDelayMs = Math.min(MAX_TIMER_MS, checkNumber('retry.maxDelayMs', retry.maxDelayMs ?? 10_000, 0, false))
  const timeoutMs = Math.min(MAX_TIMER_MS, checkNumber('timeoutMs', options.timeoutMs ?? 30_000, 0, false))
  if (typeof Headers === 'function') checkHeaders(options)
  const baseUrl = () => resolveBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)

  /** One try: resolves to the parsed result, rejects with a HotMicError (or a bug from `parse`). */
  async function attempt<TResult>({ method, body, signal, onResponse, parse }: RequestSpec<TResult>, url: string): Promise<TResult> {
    const source = { method, url }
    const fail = (kind: HotMicErrorKind, problem: string, extra?: Partial<HotMicErrorOptions>) =>
      new HotMicError({ kind, message: `${method} ${url} ${problem}`, ...source, ...extra })
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (options.apiKey) headers['x-api-key'] = options.apiKey
    if (body !== undefined) headers['content-type'] = 'application/json'

    let payload: string | undefined
    try {
      // JSON.stringify(undefined) is undefined: no body.
      payload = JSON.stringify(body)
    } catch (cause) {
      // A cycle or a BigInt: nothing was sent, and trying again cannot help.
      throw fail('invalid-request', 'has a body that is not JSON', { cause })
    }
    const controller = new AbortController()
    const onAbort = () => controller.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    let timedOut = false
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; controller.abort() }, timeoutMs) : undefined
    try {
      let response: Response
      let text: string
      try {
        // Redirects are refused: fetch would carry the key and custom headers to wherever a 3xx
        // points. The abort (the caller's or the timeout's) ends the wait even when an injected
        // fetch ignores its signal.
        ;[response, text] = await Promise.race([
          (options.fetch ?? globalThis.fetch)(url, { method, headers, signal: controller.signal, body: payload, redirect: 'error' }).then(
            async (answer) => [answer, await answer.text()] as const,
          ),
          new Promise<never>((_, reject) => {
            controller.signal.onabort = () => reject(controller.signal.reason)
          }),
        ])
      } catch (cause) {
        if (signal?.aborted) throw abortReason(signal)
        throw fail(timedOut ? 'timeout' : 'network', timedOut ? `timed out after ${timeoutMs} ms` : 'failed: the network request did not complete', { cause })
      }
      try {
        onResponse?.(response)
      } catch (error) {
        // What the caller's own callback throws is final, even an error that looks retryable.
        final.add(Object(error))
        throw error
      }
      const { status } = response
      const empty = text.trim() === ''
      let json: unknown = NOT_JSON
      try {
        if (!empty) json = JSON.parse(text)
      } catch {
        // Kept as text below.
      }
      const html = looksLikeHtml(text)
      const kept = empty ? undefined : json !== NOT_JSON ? json : clip(text, 500)
      if (!response.ok) {
        const message = (json as { message?: unknown } | null)?.message
        const detail = empty
          ? ' with an empty body'
          : json !== NOT_JSON
            ? typeof message === 'string' ? `: ${clip(message, 300)}` : ' with a JSON body'
            : html ? ' with an HTML page (a proxy or CDN error?)' : `: ${clip(text, 120)}`
        const error = fail('http', `failed with HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}${detail}`, { status, body: kept })
        const wait = parseRetryAfter(response.headers.get('retry-after'))
        if (wait !== undefined) retryAfter.set(error, wait)
        throw error
      }
      // Every endpoint promises a JSON body: a 204, an empty 200 or a text page is unusable.
      if (json === NOT_JSON) {
        throw fail('invalid-response', `answered ${status} with ${empty ? 'an empty body' : html ? 'an HTML page' : 'text'} instead of JSON`, { status, body: kept })
      }
      return parse(json, source)
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    baseUrl,
    async request(spec) {
      const url = baseUrl() + spec.path
      for (let tries = 0; ; tries++) {
        if (spec.signal?.aborted) throw abortReason(spec.signal)
        try {
          return await attempt(spec, url)
        } catch (error) {
          if (tries >= retries || final.has(error as object) || !isRetryableError(error, spec.method)) throw error
          const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** tries)
          await sleep(Math.min(maxDelayMs, retryAfter.get(error as HotMicError) ?? backoff), spec.signal)
        }
      }
    },
  }
}
