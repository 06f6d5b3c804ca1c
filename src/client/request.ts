import { HotMicError } from './errors.js'
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
   * headers such as `Date` or rate-limit counters. What it throws rejects the call.
   */
  onResponse?: ((response: Response) => void) | undefined
}

/** One request as the endpoint modules describe it. */
export interface RequestSpec<TResult> extends RequestOptions {
  method: 'GET' | 'PUT' | 'POST'
  /** A path under `baseUrl` plus its query string, or an absolute URL (a `links.next`). */
  target: { path: string } | { url: string }
  body?: unknown
  parse: (body: unknown, source: ResponseSource) => TResult
}

/** The part of the client that talks HTTP. */
export interface Transport {
  /** `baseUrl` resolved to an absolute URL, without a trailing slash. */
  baseUrl(): string
  request<TResult>(spec: RequestSpec<TResult>): Promise<TResult>
}

const NO_BODY = Symbol('no body')

/**
 * Whether a failed request may be retried: network errors, timeouts, 408, 429 and 5xx, for GET and
 * PUT only (POST is not idempotent). Aborts and other 4xx never are.
 */
export function isRetryableError(error: unknown, method: string): boolean {
  if (!(error instanceof HotMicError) || method === 'POST') return false
  if (error.kind === 'network' || error.kind === 'timeout') return true
  if (error.kind !== 'http' || error.status === undefined) return false
  return error.status === 408 || error.status === 429 || error.status >= 500
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms, or `undefined`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
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
    throw new HotMicError({
      kind: 'invalid-request',
      message: `baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL (relative ones only work in a browser)`,
    })
  }
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') {
    throw new HotMicError({ kind: 'invalid-request', message: `baseUrl must be http(s), got ${resolved.protocol}` })
  }
  if (resolved.username || resolved.password) {
    // Never echo it: the credentials would end up in every error's url and message.
    throw new HotMicError({ kind: 'invalid-request', message: 'baseUrl must not contain credentials (user:password@); send them as headers' })
  }
  resolved.search = ''
  resolved.hash = ''
  return resolved.href.replace(/\/+$/, '')
}

const TEXT_LIMIT = 500
/** A server's `message` is quoted in the error's message up to this length (the whole body stays in `body`). */
const MESSAGE_LIMIT = 300

function readBody(text: string): { json: unknown } | { text: string } | typeof NO_BODY {
  if (text.trim() === '') return NO_BODY
  try {
    return { json: JSON.parse(text) as unknown }
  } catch {
    return { text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text }
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(text)
}

function describeFailure(body: ReturnType<typeof readBody>): string {
  if (body === NO_BODY) return ' with an empty body'
  if ('json' in body) {
    const message = (body.json as { message?: unknown } | null)?.message
    if (typeof message !== 'string') return ' with a JSON body'
    return `: ${message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message}`
  }
  return looksLikeHtml(body.text) ? ' with an HTML page (a proxy or CDN error?)' : `: ${body.text.slice(0, 120)}`
}

/** Builds the transport from the client options. */
function checkNumber(name: string, value: number, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new HotMicError({ kind: 'invalid-request', message: `${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${String(value)}` })
  }
  return value
}

/** Header values the Fetch API would refuse at request time (and quote in its error): refused up front, never echoed. */
function checkHeaders(options: HotMicClientOptions): void {
  const headers: Record<string, string> = { ...options.headers, ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }) }
  for (const [name, value] of Object.entries(headers)) {
    try {
      new Headers([[name, value]])
    } catch {
      const what = name.toLowerCase() === 'x-api-key' ? 'apiKey' : `header ${JSON.stringify(name)}`
      throw new HotMicError({ kind: 'invalid-request', message: `${what} is not a valid HTTP header value (line breaks or other control characters?)` })
    }
  }
}

/** Builds the transport from the client options. Invalid options are refused here, before any request. */
export function createTransport(options: HotMicClientOptions): Transport {
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {})
  const retries = checkNumber('retry.retries', retry.retries ?? 2, true)
  const baseDelayMs = checkNumber('retry.baseDelayMs', retry.baseDelayMs ?? 300, false)
  const maxDelayMs = checkNumber('retry.maxDelayMs', retry.maxDelayMs ?? 10_000, false)
  const timeoutMs = checkNumber('timeoutMs', options.timeoutMs ?? 30_000, false)
  if (typeof Headers === 'function') checkHeaders(options)
  const baseUrl = () => resolveBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)

  async function attempt<TResult>(spec: RequestSpec<TResult>, url: string, sendKey: boolean): Promise<{ result: TResult } | { error: HotMicError; retryAfterMs?: number }> {
    const source = { method: spec.method, url }
    const headers: Record<string, string> = { accept: 'application/json' }
    if (sendKey) {
      Object.assign(headers, options.headers)
      if (options.apiKey) headers['x-api-key'] = options.apiKey
    }
    if (spec.body !== undefined) headers['content-type'] = 'application/json'

    const controller = new AbortController()
    const onAbort = () => controller.abort(spec.signal?.reason)
    spec.signal?.addEventListener('abort', onAbort, { once: true })
    let timedOut = false
    const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; controller.abort() }, timeoutMs) : undefined
    const fail = (cause: unknown): { error: HotMicError } => {
      if (spec.signal?.aborted) return { error: abortReason(spec.signal) }
      if (timedOut) return { error: new HotMicError({ kind: 'timeout', message: `${spec.method} ${url} timed out after ${timeoutMs} ms`, ...source, cause }) }
      return { error: new HotMicError({ kind: 'network', message: `${spec.method} ${url} failed: the network request did not complete`, ...source, cause }) }
    }
    try {
      const fetchImpl = options.fetch ?? globalThis.fetch
      let response: Response
      let text: string
      try {
        response = await fetchImpl(url, {
          method: spec.method,
          headers,
          signal: controller.signal,
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        })
        text = await response.text()
      } catch (cause) {
        return fail(cause)
      }
      spec.onResponse?.(response)
      const body = readBody(text)
      if (!response.ok) {
        const value = body === NO_BODY ? undefined : 'json' in body ? body.json : body.text
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        const error = new HotMicError({
          kind: 'http',
          message: `${spec.method} ${url} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${describeFailure(body)}`,
          status: response.status,
          body: value,
          ...source,
        })
        return retryAfterMs === undefined ? { error } : { error, retryAfterMs }
      }
      if (body === NO_BODY) {
        // 204 or an empty 200: every endpoint promises a JSON body, so there is nothing to show.
        return {
          error: new HotMicError({
            kind: 'invalid-response',
            message: `${spec.method} ${url} answered ${response.status} with an empty body instead of JSON`,
            status: response.status,
            ...source,
          }),
        }
      }
      if ('text' in body) {
        return {
          error: new HotMicError({
            kind: 'invalid-response',
            message: `${spec.method} ${url} answered ${response.status} with ${looksLikeHtml(body.text) ? 'an HTML page' : 'text'} instead of JSON`,
            status: response.status,
            body: body.text,
            ...source,
          }),
        }
      }
      try {
        return { result: spec.parse(body.json, source) }
      } catch (error) {
        if (error instanceof HotMicError) return { error }
        throw error
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer)
      spec.signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    baseUrl,
    async request(spec) {
      const base = baseUrl()
      const url = 'path' in spec.target ? base + spec.target.path : new URL(spec.target.url, base).href
      // The key and custom headers only ever go to the configured origin.
      const sendKey = new URL(url).origin === new URL(base).origin
      for (let tries = 0; ; tries++) {
        if (spec.signal?.aborted) throw abortReason(spec.signal)
        const outcome = await attempt(spec, url, sendKey)
        if ('result' in outcome) return outcome.result
        if (tries >= retries || !isRetryableError(outcome.error, spec.method)) throw outcome.error
        const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** tries)
        await sleep(Math.min(maxDelayMs, outcome.retryAfterMs ?? backoff), spec.signal)
      }
    },
  }
}
