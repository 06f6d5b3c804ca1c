import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js'

/**
 * Fast start: while the hls.js chunk downloads, fetch what hls.js will ask for first (the
 * playlist, the start level's media playlist and, for a VOD, its first segment), then hand those
 * responses to hls.js through a loader that serves each one once instead of fetching it again.
 * Every miss or failure falls through to hls.js's own loader, so errors and retries stay hls.js's.
 */

/** One prefetched response, by absolute URL. */
interface Prefetched {
  /** `url`: where the response came from after redirects; what relative URIs in it resolve against. */
  data: Promise<{ body: string | ArrayBuffer; url: string; start: number; first: number; end: number } | null>
  binary: boolean
}

/** What {@link startPrefetch} is given. */
export interface StartPrefetchOptions {
  /** The playlist as the player got it; resolved against the page like hls.js does. */
  src: string
  /**
   * The player's height in CSS pixels, to choose the start level. A function is read only once the
   * playlist is in, so starting never forces a layout. `undefined` (not known yet): the largest
   * level the first bandwidth guess affords.
   */
  height: number | undefined | (() => number | undefined)
  /** Nothing past the first playlist (no start level, no level playlist, no segment) is fetched before this settles. */
  after?: Promise<unknown> | undefined
  /** `devicePixelRatio`. Default 1. */
  pixelRatio?: number | undefined
  /** hls.js's first bandwidth guess (`abrEwmaDefaultEstimate`). Default 500 000 bit/s, as hls.js. */
  bandwidthEstimate?: number | undefined
  /** A start level fixed by the app (`hlsConfig.startLevel`): prefetch that one instead of choosing. */
  startLevel?: number | undefined
  /** `'use-credentials'` sends cookies, as hls.js's requests would with `xhrSetup`. */
  credentials?: RequestCredentials | undefined
  fetch?: typeof fetch | undefined
  /** A prefetch slower than this (ms) is dropped, and hls.js fetches for itself. Default 5000. */
  timeoutMs?: number | undefined
}

/** The prefetches of one source: a store for the loader, and the start level it chose. */
export interface StartPrefetch {
  /**
   * Resolves as soon as the playlist is read: the level index to give hls.js as `startLevel` (the one
   * whose media playlist is being prefetched), or `undefined` to leave hls.js's choice.
   */
  readonly startLevel: Promise<number | undefined>
  /** The variants of the first playlist once it is read; `[]` for a media playlist or a failure. */
  readonly variants: Promise<PlaylistVariant[]>
  /** Whether the "playlist" answered as a video or audio file (an MP4 with no extension in its URL): play it with the element. */
  readonly progressive: Promise<boolean>
  /**
   * Takes the prefetched response for `url` once; `undefined` when there is none. Resolves to `null`
   * (a miss) when the prefetch failed, or for a live media playlist older than 2 s.
   */
  take(url: string, binary: boolean): Prefetched['data'] | undefined
  /** Stops every request still in flight and forgets what was fetched. */
  cancel(): void
  /** Holds back requests not yet sent (those in flight go on) until {@link resume} or {@link cancel}. */
  pause(): void
  /** Lets held-back requests go. */
  resume(): void
}

/** A variant of a multivariant playlist. */
export interface PlaylistVariant {
  uri: string
  bandwidth: number
  height: number | undefined
}

/**
 * Reads the variants of a multivariant (master) playlist in hls.js's level order, so that an index
 * into them is a level index for hls.js; `[]` for a media playlist, and `[]` (leave the start level to
 * hls.js) where that order is not certain: codecs other than H.264 and AAC (hls.js drops those a
 * browser cannot play, and prefers some), HDR, HDCP or content steering.
 */
export function parseVariants(text: string): PlaylistVariant[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  const levels: (PlaylistVariant & { key: string; video: boolean; audio: boolean; rate: number; average: number })[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue
    const uri = lines.slice(index + 1).find((next) => next !== '' && !next.startsWith('#'))
    const attributes: Record<string, string | undefined> = {}
    for (const [, name, value] of line.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) attributes[name!] = value!.replace(/^"|"$/g, '')
    const { BANDWIDTH, CODECS = '', RESOLUTION, 'FRAME-RATE': rate = '0', 'VIDEO-RANGE': range = 'SDR' } = attributes
    const bandwidth = Number(BANDWIDTH ?? NaN)
    if (!uri || !Number.isFinite(bandwidth)) continue
    const codecs = CODECS.split(',').map((codec) => codec.trim()).filter(Boolean)
    if (codecs.some((codec) => !/^(avc[13]|mp4a)\./i.test(codec)) || range !== 'SDR' || attributes['HDCP-LEVEL'] || attributes['PATHWAY-ID']) return []
    const height = RESOLUTION && /^\d+x(\d+)$/.exec(RESOLUTION)?.[1]
    // As hls.js: a variant with the same bandwidth, resolution, frame rate and codecs as an earlier one is its backup, not a level.
    const key = [bandwidth, RESOLUTION, rate, CODECS].join(' ')
    if (levels.some((level) => level.key === key)) continue
    levels.push({
      uri,
      bandwidth,
      height: height ? Number(height) : undefined,
      key,
      video: codecs.some((codec) => /^avc/i.test(codec)),
      audio: codecs.some((codec) => /^mp4a/i.test(codec)),
      rate: Number(rate) || 0,
      average: Number(attributes['AVERAGE-BANDWIDTH']) || bandwidth,
    })
  }
  // hls.js ranks a variant with no CODECS apart from an H.264 one: the order is then not certain.
  if (levels.some((level) => level.video) && levels.some((level) => !level.video && !level.audio)) return []
  // As hls.js: audio-only variants are dropped when there is video, then levels go by height, frame rate and average bitrate.
  const resolution = levels.some((level) => level.height !== undefined)
  const kept = (resolution || levels.some((level) => level.video)) && levels.some((level) => level.audio) ? levels.filter((level) => level.video || level.height !== undefined) : levels
  return kept.sort((a, b) => (resolution ? (a.height ?? 0) - (b.height ?? 0) : 0) || a.rate - b.rate || a.average - b.average)
}

/**
 * The start level for a player: among the variants the first bandwidth guess affords (the lowest
 * when none does), the smallest that fills the player's height in device pixels, else the largest.
 */
export function chooseStartLevel(variants: readonly PlaylistVariant[], height: number | undefined, pixelRatio: number, estimate: number): number {
  if (variants.length === 0) return -1
  const affordable = variants.filter((variant) => variant.bandwidth <= estimate)
  const pool = affordable.length > 0 ? affordable : [variants[0]!]
  const target = (height ?? Infinity) * pixelRatio
  const fits = pool.find((variant) => variant.height !== undefined && variant.height >= target)
  return variants.indexOf(fits ?? pool[pool.length - 1]!)
}

/** The first segment hls.js loads for a VOD media playlist; `undefined` for live or init-segment playlists. */
export function firstSegment(text: string): string | undefined {
  if (!/#EXT-X-ENDLIST/.test(text) || /#EXT-X-MAP|#EXT-X-KEY:METHOD=(?!NONE)|#EXT-X-BYTERANGE/.test(text)) return undefined
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  const at = lines.findIndex((line) => line.startsWith('#EXTINF'))
  return at === -1 ? undefined : lines.slice(at + 1).find((line) => line !== '' && !line.startsWith('#'))
}

/**
 * A live media playlist older than this (ms) is not handed out: its window has moved on, and a
 * player started from it would start behind the live edge, or on segments already gone.
 */
export const LIVE_PLAYLIST_MAX_AGE_MS = 2000

const isLiveMedia = (text: string) => /#EXTINF/.test(text) && !/#EXT-X-ENDLIST/.test(text)

function absolute(url: string): string | undefined {
  try {
    return new URL(url, globalThis.location?.href).href
  } catch {
    return undefined
  }
}

/** Starts the prefetches for `src`. Nothing here throws: a failed prefetch is a miss. */
export function startPrefetch(options: StartPrefetchOptions): StartPrefetch {
  const doFetch = options.fetch ?? (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined)
  const manifestUrl = absolute(options.src)
  const none = () => {}
  if (manifestUrl === undefined || !doFetch) {
    return {
      startLevel: Promise.resolve(undefined),
      variants: Promise.resolve([]),
      progressive: Promise.resolve(false),
      take: () => undefined,
      cancel: none,
      pause: none,
      resume: none,
    }
  }

  const controller = new AbortController()
  const store = new Map<string, Prefetched>()
  let progressive = false
  // While paused (a player let go of this prefetch, another may claim it), nothing new is sent.
  let held: { promise: Promise<void>; release: () => void } | undefined
  const resume = () => {
    held?.release()
    held = undefined
  }
  const get = (url: string, binary: boolean): Prefetched['data'] => {
    const data = (async () => {
      // Not paused: the request leaves in this task, with no await before it.
      if (held) await held.promise
      // After cancel() nothing new leaves.
      if (controller.signal.aborted) return null
      const start = performance.now()
      // Each request ends with the prefetch (cancel) or on its own timeout, whichever comes first.
      const request = new AbortController()
      const stop = () => request.abort()
      controller.signal.addEventListener('abort', stop, { once: true })
      const timer = setTimeout(stop, options.timeoutMs ?? 5000)
      try {
        const response = await doFetch(url, { signal: request.signal, credentials: options.credentials ?? 'same-origin' })
        // A playlist is text; a video, audio or image file (an MP4 given as the source) is not read:
        // it could be hundreds of megabytes.
        const type = response.headers.get('content-type') ?? ''
        const file = !binary && /^(video|audio|image)\//i.test(type) && !/mpegurl/i.test(type)
        if (!response.ok || file) {
          // Not read, so not downloaded either.
          request.abort()
          progressive ||= file && url === manifestUrl && !/^image\//i.test(type)
          return null
        }
        const first = performance.now()
        const body = binary ? await response.arrayBuffer() : await response.text()
        return { body, url: response.url || url, start, first, end: performance.now() }
      } catch {
        return null
      } finally {
        clearTimeout(timer)
        controller.signal.removeEventListener('abort', stop)
      }
    })()
    store.set(url, { data, binary })
    return data
  }

  const prefetchSegment = (media: string, mediaUrl: string) => {
    const segment = firstSegment(media)
    if (segment) void get(new URL(segment, mediaUrl).href, true)
  }
  // hls.js resolves a playlist's URIs against the URL it came from after redirects, and so does this.
  const manifest = get(manifestUrl, false).then(async (read) => {
    await options.after
    return read
  })
  const variants = manifest.then((read) => (read && typeof read.body === 'string' ? parseVariants(read.body) : []))
  const answeredAsFile = manifest.then(() => progressive)
  const startLevel = manifest.then((manifest) => {
    if (!manifest || typeof manifest.body !== 'string' || controller.signal.aborted) return undefined
    const variants = parseVariants(manifest.body)
    if (variants.length === 0) {
      prefetchSegment(manifest.body, manifest.url)
      return undefined
    }
    const fixed = options.startLevel
    const level =
      fixed !== undefined && fixed >= 0 && fixed < variants.length
        ? fixed
        : chooseStartLevel(
            variants,
            typeof options.height === 'function' ? options.height() : options.height,
            options.pixelRatio ?? 1,
            options.bandwidthEstimate ?? 500_000,
          )
    const mediaUrl = new URL(variants[level]!.uri, manifest.url).href
    void get(mediaUrl, false).then((playlist) => {
      if (playlist && typeof playlist.body === 'string') prefetchSegment(playlist.body, playlist.url)
    })
    return level
  })

  return {
    startLevel,
    variants,
    progressive: answeredAsFile,
    take(url, binary) {
      // hls.js asks for the playlist as given (often relative), and for the rest by absolute URL.
      const key = absolute(url)
      const entry = key === undefined ? undefined : store.get(key)
      if (!entry || entry.binary !== binary) return undefined
      store.delete(key!)
      return entry.data.then((hit) =>
        hit && typeof hit.body === 'string' && isLiveMedia(hit.body) && performance.now() - hit.end > LIVE_PLAYLIST_MAX_AGE_MS ? null : hit,
      )
    },
    cancel() {
      controller.abort()
      store.clear()
      resume()
    },
    pause() {
      if (held) return
      let release = none
      const promise = new Promise<void>((resolve) => (release = resolve))
      held = { promise, release }
    },
    resume,
  }
}

/** How long a prefetch started before its player's engine exists waits to be claimed (ms). */
const UNCLAIMED_MS = 10_000

/**
 * Prefetches for intents (hover, focus) kept at once: a newer intent cancels the oldest one nobody
 * claimed, so running over a row of cards leaves the last few warm, not a first segment for each.
 */
export const MAX_INTENT_PREFETCHES = 2

interface Waiting {
  prefetch: StartPrefetch
  /** Its start level may not be the claimer's (a hover, or a prefetch another player gave up): choose again. */
  eager: boolean
  claim: (height: () => number | undefined) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * Prefetches started ahead of their engine (by {@link warmStart}) or given up by one, by the options
 * that shaped them: the first is claimed first.
 */
const waiting = new Map<string, Waiting[]>()

/** The intent prefetches, oldest first (some may have been claimed or dropped since). */
let intents: { key: string; entry: Waiting }[] = []

function warmKey(options: Omit<StartPrefetchOptions, 'height' | 'fetch'>): string | undefined {
  const url = absolute(options.src)
  return url && JSON.stringify([url, options.credentials, options.startLevel, options.bandwidthEstimate, options.pixelRatio])
}

/** Takes `entry` (default: the first) out of the waiting ones for `key`. */
function unwait(key: string, entry?: Waiting): Waiting | undefined {
  const list = waiting.get(key) ?? []
  const index = entry ? list.indexOf(entry) : 0
  const [found] = index < 0 ? [] : list.splice(index, 1)
  if (list.length === 0) waiting.delete(key)
  if (found) clearTimeout(found.timer)
  return found
}

/** Lets `entry` wait for a claim for `ms`, then cancels it. */
function wait(key: string, entry: Waiting, ms: number) {
  clearTimeout(entry.timer)
  const list = waiting.get(key) ?? []
  if (!list.includes(entry)) waiting.set(key, [...list, entry])
  entry.timer = setTimeout(() => {
    unwait(key, entry)
    entry.prefetch.cancel()
  }, ms)
}

/**
 * Starts the prefetch for `src` before the engine that will play it exists. The engine's next
 * {@link claimPrefetch} with the same options takes it over; one nobody claims within 10 s of the
 * last call is cancelled.
 *
 * - By default (a player that is rendering): only the first playlist is fetched until the claim, so
 *   a render that never commits costs one small request, and the start level fits the claimer.
 * - `eager` (an intent such as hover, no player yet): the start level (the largest the first
 *   bandwidth guess affords), its playlist and a VOD's first segment are fetched at once.
 */
export function warmStart(options: Omit<StartPrefetchOptions, 'height' | 'fetch' | 'after'>, { eager = false } = {}): void {
  const key = warmKey(options)
  if (key === undefined || typeof globalThis.fetch !== 'function') return
  const found = waiting.get(key)?.[0]
  if (found) {
    // An intent for a source a player is rendering: fetch the start level now, not at the claim.
    if (eager && !found.eager) {
      found.eager = true
      found.claim(() => undefined)
    }
    // A prefetch a player let go of is wanted again.
    found.prefetch.resume()
    wait(key, found, UNCLAIMED_MS)
    if (eager) noteIntent(key, found, false)
    return
  }
  let height: (() => number | undefined) | undefined
  let claimed!: () => void
  const after = eager ? undefined : new Promise<void>((resolve) => (claimed = resolve))
  const entry: Waiting = {
    prefetch: startPrefetch({ ...options, height: () => height?.(), after }),
    eager,
    claim(measure) {
      height = measure
      claimed?.()
    },
    timer: undefined as unknown as ReturnType<typeof setTimeout>,
  }
  wait(key, entry, UNCLAIMED_MS)
  if (eager) noteIntent(key, entry, true)
}

/** Makes `entry` the newest intent (`added`: a new one; else only if it is one), cancelling the oldest past the limit. */
function noteIntent(key: string, entry: Waiting, added: boolean) {
  const live = intents.filter((intent) => waiting.get(intent.key)?.includes(intent.entry))
  if (!added && !live.some((intent) => intent.entry === entry)) return
  intents = [...live.filter((intent) => intent.entry !== entry), { key, entry }]
  while (intents.length > MAX_INTENT_PREFETCHES) {
    const oldest = intents.shift()!
    unwait(oldest.key, oldest.entry)
    oldest.entry.prefetch.cancel()
  }
}

/** A prefetch an engine owns, from {@link claimPrefetch}. */
export interface ClaimedPrefetch extends StartPrefetch {
  /**
   * Gives the prefetch up. A claim of the same source before the current task ends takes it over
   * (StrictMode's second mount, a player remounted by its list); otherwise it is cancelled.
   */
  release(): void
}

/**
 * The prefetch {@link warmStart} began for these options (or one a player gave up), now owned by
 * the caller; else a new one. When it was started for no player in particular, its start level is
 * chosen again for the claimer's height: when that differs, hls.js fetches that level itself.
 */
export function claimPrefetch(options: StartPrefetchOptions): ClaimedPrefetch {
  const key = options.fetch ? undefined : warmKey(options)
  if (key !== undefined && !waiting.has(key)) warmStart(options)
  const entry = key === undefined ? undefined : unwait(key)
  if (!entry) {
    const own = startPrefetch(options)
    return { ...own, release: own.cancel }
  }
  const { height } = options
  const measure = typeof height === 'function' ? height : () => height
  entry.claim(measure)
  const { prefetch } = entry
  prefetch.resume()
  let used = false
  const take: StartPrefetch['take'] = (url, binary) => {
    const data = prefetch.take(url, binary)
    used ||= data !== undefined
    return data
  }
  const release = () => {
    // Only an untouched prefetch is worth handing over: hls.js took what the next claimer needs.
    if (used) return prefetch.cancel()
    // Its start level was chosen for this claimer's size. Until claimed again or cancelled, nothing
    // more leaves: a level playlist or segment requested after the player is gone would be wasted.
    entry.eager = true
    prefetch.pause()
    wait(key!, entry, 0)
  }
  if (!entry.eager || options.startLevel !== undefined) return { ...prefetch, take, release }
  const startLevel = Promise.all([prefetch.variants, prefetch.startLevel]).then(([variants, prefetched]) =>
    prefetched === undefined ? undefined : chooseStartLevel(variants, measure(), options.pixelRatio ?? 1, options.bandwidthEstimate ?? 500_000),
  )
  return { ...prefetch, startLevel, take, release }
}

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>

function newStats(): LoaderStats {
  const timing = () => ({ start: 0, first: 0, end: 0 })
  return { aborted: false, loaded: 0, retry: 0, total: 0, chunkCount: 0, bwEstimate: 0, loading: timing(), parsing: { start: 0, end: 0 }, buffering: timing() }
}

/**
 * A loader class for `hlsConfig.loader`: it serves each prefetched response of `prefetch` once
 * (waiting for it if it is still on its way) and sends everything else, and every miss, to `Base`,
 * hls.js's own loader.
 */
export function prefetchingLoader(Base: LoaderClass, prefetch: StartPrefetch): LoaderClass {
  return class PrefetchingLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null
    private own: LoaderStats = newStats()
    private inner: Loader<LoaderContext> | null = null
    private aborted = false

    constructor(private readonly config: HlsConfig) {}

    /** The delegate's stats once there is one (it may replace its object per load), else our own. */
    get stats(): LoaderStats {
      return this.inner?.stats ?? this.own
    }

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context
      // As hls.js's own loaders: a byte range is asked for only when rangeEnd is set (0 means the whole file).
      const ranged = Boolean(context.rangeEnd)
      const pending = ranged ? undefined : prefetch.take(context.url, context.responseType === 'arraybuffer')
      if (!pending) return this.delegate(context, config, callbacks)
      void pending.then((hit) => {
        if (this.aborted) return
        if (!hit) return this.delegate(context, config, callbacks)
        const size = typeof hit.body === 'string' ? hit.body.length : hit.body.byteLength
        const stats = this.own
        stats.loading = { start: hit.start, first: hit.first, end: hit.end }
        stats.loaded = size
        stats.total = size
        // The URL after redirects, as hls.js's own loaders report it: relative URIs resolve against it.
        callbacks.onSuccess({ url: hit.url, data: hit.body, code: 200 }, stats, context, null)
      })
    }

    private delegate(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>) {
      this.inner = new Base(this.config)
      this.inner.load(context, config, callbacks)
    }

    abort(): void {
      this.aborted = true
      this.stats.aborted = true
      this.inner?.abort()
    }

    destroy(): void {
      this.aborted = true
      this.inner?.destroy()
      this.inner = null
      this.context = null
    }

    getCacheAge(): number | null {
      return this.inner?.getCacheAge?.() ?? null
    }

    getResponseHeader(name: string): string | null {
      return this.inner?.getResponseHeader?.(name) ?? null
    }
  }
}
