import type { ErrorTypes, Events, HlsConfig } from 'hls.js'
import { safeUrl } from '../safe-url.js'
import { claimPrefetch, prefetchingLoader, warmStart, type ClaimedPrefetch, type StartPrefetch, type StartPrefetchOptions } from './start-prefetch.js'

/**
 * Which playback path an engine uses for its current source: `'progressive'` is a file the element
 * plays itself (an MP4 given as `src`), `'fallback'` the progressive `fallbackSrc`.
 */
export type HlsEngineMode = 'hls.js' | 'native' | 'progressive' | 'fallback' | 'none'

/**
 * What went wrong, coarse enough to branch on: `'network'` (it could not be loaded), `'source'` (it
 * came but is not something this player can play: not a playlist, a missing or unplayable file),
 * `'media'` (it could not be decoded), `'unsupported'` (this browser plays no HLS at all).
 */
export type HlsPlayerErrorKind = 'network' | 'source' | 'media' | 'unsupported'

/**
 * A playback failure the engine gave up on (retries and recovery exhausted). Told apart by `kind`,
 * never by `message`.
 */
export interface HlsPlayerError {
  kind: HlsPlayerErrorKind
  message: string
  fatal: true
  /** hls.js's `ErrorDetails` value (`manifestLoadError`, `bufferAppendError`…) or a `MediaError` message. */
  details?: string | undefined
  cause?: unknown
}

/** The fields of hls.js's `ErrorData` the engine reads. */
export interface HlsErrorDataLike {
  type: ErrorTypes | string
  details: string
  fatal: boolean
  error?: Error | undefined
  /** The HTTP answer of a failed load (`code` 0 when there was none). */
  response?: { code: number } | undefined
}

/** The parts of an hls.js instance the engine uses. The real `Hls` fits, and so can a test fake. */
export interface HlsInstanceLike {
  loadSource(url: string): void
  attachMedia(media: HTMLMediaElement): void
  startLoad(): void
  recoverMediaError(): void
  swapAudioCodec(): void
  destroy(): void
  on(event: Events.ERROR, listener: (event: Events.ERROR, data: HlsErrorDataLike) => void): void
  on(event: Events.FRAG_BUFFERED, listener: () => void): void
  on(event: Events.LEVEL_LOADED, listener: (event: Events.LEVEL_LOADED, data: { details: { live: boolean } }) => void): void
}

/** The hls.js class (`import Hls from 'hls.js'`), or a fake with the same shape. */
export interface HlsClass {
  new (config?: Partial<HlsConfig>): HlsInstanceLike
  isSupported(): boolean
  /** hls.js's defaults; its `loader` is wrapped to serve the start prefetch. A fake may leave it out (no prefetch). */
  DefaultConfig?: Pick<HlsConfig, 'loader'>
}

/** Loads hls.js on demand, e.g. `() => import('hls.js')`. */
export type HlsLoader = () => Promise<HlsClass | { default: HlsClass }>

/** How an engine gets hls.js: the class itself, or a loader that is only called when hls.js is needed. */
export type HlsSource = HlsClass | HlsLoader

/** Options of {@link createHlsEngine}. They are read at each `load()`, so later changes apply to the next source. */
export interface HlsEngineOptions {
  /** hls.js, injected. Default: `() => import('hls.js')`, called only where MSE exists. */
  hls?: HlsSource | undefined
  /** Merged over the engine's defaults (`{ backBufferLength: 30, liveDurationInfinity: true }`); your keys win. */
  hlsConfig?: Partial<HlsConfig> | undefined
  /** Use Safari's own HLS instead of hls.js (Apple Safari only; elsewhere ignored). Default `false`. */
  preferNative?: boolean | undefined
  /** Called once per source when playback fails for good. */
  onError?: ((error: HlsPlayerError) => void) | undefined
  /**
   * Retries after a fatal network error that may pass (no answer, HTTP 5xx, 408 or 429): `startLoad()`,
   * or `loadSource()` again when the manifest failed, before giving up. A timeout or another 4xx gives
   * up at once: hls.js has retried it already (`hlsConfig.manifestLoadPolicy`, `fragLoadPolicy`…). Default 3.
   */
  networkRetries?: number | undefined
  /** Delay before the first network retry in ms, doubled for each further one. Default 1000. */
  retryDelay?: number | undefined
  /**
   * Fast start: while hls.js downloads, fetch the playlist, the start level's playlist and a VOD's
   * first segment, and hand them to hls.js instead of fetching them twice; the start level follows
   * the player's size. Off when `hlsConfig` brings its own `loader`, `pLoader` or `fLoader`. Default `true`.
   */
  startPrefetch?: boolean | undefined
  /**
   * A progressive source (MP4) played when HLS cannot play here or fails for good. `onError` is then
   * only called if the fallback fails too.
   */
  fallbackSrc?: string | undefined
  /**
   * How long (ms) a playlist that answers 404 counts as "not started yet": it is fetched again every
   * `retryDelay` ms and `onWaiting(true)` is called, until it appears or the time is up. For live
   * sources that may not be on the air yet. Default 0 (a 404 is an ordinary network error).
   */
  waitForStream?: number | undefined
  /** Called when the engine starts or stops waiting for a playlist that 404s (see `waitForStream`). */
  onWaiting?: ((waiting: boolean) => void) | undefined
  /** Called with whether the source is live, each time hls.js loads a playlist (native: on `durationchange`). */
  onLive?: ((live: boolean) => void) | undefined
  /** Called when the engine switches to `fallbackSrc`. */
  onFallback?: (() => void) | undefined
}

/** A plain-TypeScript HLS engine bound to one `<video>`. */
export interface HlsEngine {
  /**
   * Plays `src` in place of the current source (the old hls.js instance is destroyed first).
   * Resolves once the source is attached, or as soon as it finds that a newer `load()` or
   * `destroy()` overtook it. Never rejects: failures go to `onError`.
   */
  load(src: string): Promise<void>
  /** Drops the current source and releases the MediaSource; the engine stays usable. */
  unload(): void
  /** `unload()`, for good: later `load()` calls do nothing. */
  destroy(): void
  /** The playback path of the current source; `'none'` before a load and after unload or `'unsupported'`. */
  readonly mode: HlsEngineMode
}

/** What {@link chooseEngine} decides from. */
export interface HlsEngineEnv {
  /** `window.MediaSource` (or `ManagedMediaSource`, `WebKitMediaSource`) exists. */
  mse: boolean
  /** `Hls.isSupported()`. Leave it out while hls.js is not loaded: it is then assumed, so the engine can decide whether to load hls.js at all. */
  hlsSupported?: boolean | undefined
  /** `video.canPlayType('application/vnd.apple.mpegurl')`. */
  nativeHls: string
  /** The browser is Apple Safari (not Chrome or Firefox on iOS, not Chromium). */
  appleSafari: boolean
  preferNative?: boolean | undefined
}

const ERROR = 'hlsError' as Events.ERROR
const FRAG_BUFFERED = 'hlsFragBuffered' as Events.FRAG_BUFFERED
const LEVEL_LOADED = 'hlsLevelLoaded' as Events.LEVEL_LOADED
const NETWORK_ERROR: string = 'networkError' satisfies `${ErrorTypes.NETWORK_ERROR}`
const MEDIA_ERROR: string = 'mediaError' satisfies `${ErrorTypes.MEDIA_ERROR}`

/**
 * Engine defaults under the user's `hlsConfig`. A finite back buffer keeps long live sessions from
 * growing memory; an infinite live duration keeps the controls from showing a misleading total time.
 */
export const DEFAULT_HLS_CONFIG: Readonly<Partial<HlsConfig>> = Object.freeze({ backBufferLength: 30, liveDurationInfinity: true })

/**
 * The playback path for an environment: hls.js where MSE exists and `Hls.isSupported()`; native HLS
 * where MSE is missing but the video can play HLS (iOS), or on Apple Safari with `preferNative`;
 * otherwise `'none'`. A `canPlayType` of `'maybe'` alone never picks native: Chromium answers it too.
 *
 * @example chooseEngine({ mse: true, hlsSupported: true, nativeHls: 'maybe', appleSafari: false }) // 'hls.js'
 */
export function chooseEngine(env: HlsEngineEnv): HlsEngineMode {
  const native = env.nativeHls !== ''
  if (native && env.preferNative && env.appleSafari) return 'native'
  if (!env.mse) return native ? 'native' : 'none'
  return env.hlsSupported === false ? 'none' : 'hls.js'
}

let liveInstances = 0

/** How many hls.js instances created by engines are not destroyed yet. For tests and benchmarks. */
export function liveHlsInstances(): number {
  return liveInstances
}

function readEnv(video: HTMLVideoElement, preferNative: boolean | undefined): HlsEngineEnv {
  const scope = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown; WebKitMediaSource?: unknown }
  const nav = globalThis.navigator as Navigator | undefined
  const ua = nav?.userAgent ?? ''
  return {
    mse: Boolean(scope.MediaSource ?? scope.ManagedMediaSource ?? scope.WebKitMediaSource),
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl'),
    appleSafari: /apple/i.test(nav?.vendor ?? '') && /safari/i.test(ua) && !/chrome|chromium|crios|fxios|edgios|android/i.test(ua),
    preferNative,
  }
}

function isHlsClass(value: HlsSource | { default: HlsClass }): value is HlsClass {
  // The hls.js module namespace has an `isSupported` export too, but it is not a function itself.
  return typeof value === 'function' && typeof (value as Partial<HlsClass>).isSupported === 'function'
}

let hlsModule: Promise<{ default: HlsClass }> | undefined

/**
 * Starts downloading hls.js (the player's only large dependency) without playing anything, so a
 * player opened soon after starts sooner: call it on hover or focus of something that opens a
 * player. Given the source that player will play, it also fetches the playlist, the start level's
 * playlist and a VOD's first segment, which the next player of that source takes over instead of
 * fetching them again (if it comes within 10 s, with the default `crossOrigin`, `startLevel` and
 * `abrEwmaDefaultEstimate`); not when the browser asks to save data. Safe to call often; does
 * nothing where MSE is missing (native HLS needs no hls.js), and ignores a source that is not an
 * http(s) or relative URL. A failed download is forgotten, so the player's own load tries again.
 *
 * @example
 * <a href={`/watch/${stream.id}`} onPointerEnter={() => void preloadHls(stream.video_url)}>Watch</a>
 */
export function preloadHls(src?: string | null): Promise<void> {
  if (!hasMse()) return Promise.resolve()
  const url = safeUrl(src)
  // A progressive file plays without hls.js, and is no playlist to prefetch.
  if (url !== undefined && isProgressive(url)) return Promise.resolve()
  const saveData = (globalThis.navigator as { connection?: { saveData?: boolean } } | undefined)?.connection?.saveData
  // The playlist first: its answer then comes before hls.js's, whose evaluation would hold up the next request.
  if (url !== undefined && !saveData) warmStart(prefetchOptions(url, {}, null), { eager: true })
  return importHls().then(
    () => undefined,
    () => undefined,
  )
}

function hasMse(): boolean {
  const scope = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown }
  return Boolean(scope.MediaSource ?? scope.ManagedMediaSource)
}

/**
 * Whether `src` is a progressive file (MP4, WebM, QuickTime, Ogg, MP3, M4A), by its path's
 * extension: the element plays it, with no hls.js and no playlist prefetch.
 *
 * @example isProgressive('https://example.com/replay.mp4?token=1') // true
 */
export function isProgressive(src: string): boolean {
  try {
    return /\.(mp4|m4v|mov|webm|ogv|ogg|mp3|m4a)$/i.test(new URL(src, globalThis.location?.href ?? 'http://localhost/').pathname)
  } catch {
    return false
  }
}

/** Whether an engine with these options prefetches its start: it can hand the responses to hls.js. */
function wantsPrefetch(options: HlsEngineOptions): boolean {
  const config = options.hlsConfig ?? {}
  // An injected class without hls.js's defaults (a test fake) has no loader to serve the prefetch through.
  const source = options.hls
  if (source !== undefined && isHlsClass(source) && !source.DefaultConfig?.loader) return false
  return options.startPrefetch !== false && !('loader' in config) && !('pLoader' in config) && !('fLoader' in config)
}

/** The start prefetch's options for `src` in an engine with `options`, on a video with this CORS mode. */
function prefetchOptions(src: string, options: HlsEngineOptions, crossOrigin: string | null | undefined): Omit<StartPrefetchOptions, 'height'> {
  return {
    src,
    pixelRatio: globalThis.devicePixelRatio ?? 1,
    bandwidthEstimate: options.hlsConfig?.abrEwmaDefaultEstimate,
    startLevel: options.hlsConfig?.startLevel,
    // The attribute is case-insensitive: `video.crossOrigin` reads 'USE-CREDENTIALS' as 'use-credentials'.
    credentials: crossOrigin?.toLowerCase() === 'use-credentials' ? 'include' : 'same-origin',
  }
}

/**
 * Starts what an engine with `options` will fetch first for `src`, before the engine exists: the
 * hls.js download and the start prefetch, which the engine's `load(src)` takes over. A player calls
 * it as it renders, so these requests leave before the commit. Does nothing without MSE (native HLS,
 * the server) or with an injected hls.js or `preferNative`.
 */
export function prepareStart(src: string, options: HlsEngineOptions, crossOrigin?: string | null): void {
  if (options.hls !== undefined || options.preferNative || !hasMse() || isProgressive(src)) return
  // The playlist first: its answer then comes before hls.js's, whose evaluation would hold up the next request.
  if (wantsPrefetch(options)) warmStart(prefetchOptions(src, options, crossOrigin))
  void preloadHls()
}

function importHls(): Promise<{ default: HlsClass }> {
  hlsModule ??= (import('hls.js') as Promise<{ default: HlsClass }>).catch((error: unknown) => {
    hlsModule = undefined
    throw error
  })
  return hlsModule
}

async function resolveHls(source: HlsSource | undefined): Promise<HlsClass> {
  if (source !== undefined && isHlsClass(source)) return source
  const loaded = source ? await source() : await importHls()
  return isHlsClass(loaded) ? loaded : loaded.default
}

function fatal(kind: HlsPlayerErrorKind, message: string, details?: string, cause?: unknown): HlsPlayerError {
  return { kind, message, fatal: true, ...(details === undefined ? {} : { details }), ...(cause === undefined ? {} : { cause }) }
}

/**
 * An HLS engine for `video`: hls.js (imported only when needed) where MSE exists, the browser's own
 * HLS where it does not (iOS). One live hls.js instance at most; stale loads clean up after
 * themselves; fatal network errors are retried, media errors recovered, then reported to `onError`.
 *
 * @example
 * const engine = createHlsEngine(video, { onError: (e) => console.warn(e.kind, e.message) })
 * await engine.load('https://example.com/live/master.m3u8')
 * engine.destroy()
 */
export function createHlsEngine(video: HTMLVideoElement, options: HlsEngineOptions = {}): HlsEngine {
  let generation = 0
  let destroyed = false
  let mode: HlsEngineMode = 'none'
  let instance: HlsInstanceLike | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let removeNativeListener: (() => void) | undefined
  let prefetch: ClaimedPrefetch | undefined
  function release(hls: HlsInstanceLike) {
    hls.destroy()
    liveInstances--
  }

  function teardown() {
    // A load of the same source in this task (StrictMode's second mount) takes it over.
    prefetch?.release()
    prefetch = undefined
    clearTimeout(retryTimer)
    retryTimer = undefined
    removeNativeListener?.()
    removeNativeListener = undefined
    const hadSource = instance !== undefined || video.hasAttribute('src')
    if (instance) {
      const old = instance
      instance = undefined
      release(old)
    }
    mode = 'none'
    if (hadSource) {
      video.removeAttribute('src')
      // Without load() the element keeps the old MediaSource (and its buffers) alive.
      video.load()
    }
  }

  function report(token: number, error: HlsPlayerError) {
    if (token === generation && !destroyed) options.onError?.(error)
  }

  /** HLS gave up: play `fallbackSrc` if there is one, else report. */
  function fail(token: number, error: HlsPlayerError) {
    const fallbackSrc = options.fallbackSrc
    if (token !== generation || destroyed) return
    if (!fallbackSrc) return report(token, error)
    teardown()
    attachElement(fallbackSrc, token, 'fallback', 'The fallback source could not be played')
    options.onFallback?.()
  }

  /** Plays `src` with the element itself (native HLS, a progressive file, or the fallback). */
  function attachElement(src: string, token: number, as: 'native' | 'progressive' | 'fallback', what: string) {
    const onMediaError = () => {
      const error = video.error
      if (!error || error.code === error.MEDIA_ERR_ABORTED) return
      // MEDIA_ERR_SRC_NOT_SUPPORTED is also what a 404 gives: it is the source, not the browser.
      const kind: HlsPlayerErrorKind = error.code === error.MEDIA_ERR_NETWORK ? 'network' : error.code === error.MEDIA_ERR_DECODE ? 'media' : 'source'
      const failure = fatal(kind, `${what} (MediaError ${error.code})`, error.message || undefined, error)
      // One report per failure: the element may fire 'error' again for the same source.
      if (token === generation) {
        removeNativeListener?.()
        removeNativeListener = undefined
      }
      if (as === 'native') fail(token, failure)
      else report(token, failure)
    }
    const onDurationChange = () => {
      if (as === 'native' && !Number.isNaN(video.duration)) options.onLive?.(video.duration === Infinity)
    }
    video.addEventListener('error', onMediaError)
    video.addEventListener('durationchange', onDurationChange)
    removeNativeListener = () => {
      video.removeEventListener('error', onMediaError)
      video.removeEventListener('durationchange', onDurationChange)
    }
    mode = as
    video.src = src
  }

  function attachProgressive(src: string, token: number) {
    attachElement(src, token, 'progressive', 'The video could not be played')
  }

  function attachNative(src: string, token: number) {
    attachElement(src, token, 'native', 'The browser could not play this HLS source')
  }

  /** hls.js requests follow the element's CORS mode: `use-credentials` sends cookies, as the element would. */
  function credentialsConfig(): Partial<HlsConfig> {
    if (video.crossOrigin !== 'use-credentials') return {}
    return {
      xhrSetup: (xhr) => {
        xhr.withCredentials = true
      },
      fetchSetup: (context, init) => new Request(context.url, { ...init, credentials: 'include' }),
    }
  }

  function attachHls(Hls: HlsClass, src: string, token: number, warm: StartPrefetch | undefined, startLevel: number | undefined) {
    const config: Partial<HlsConfig> = { ...DEFAULT_HLS_CONFIG, ...credentialsConfig(), ...options.hlsConfig }
    const Base = Hls.DefaultConfig?.loader
    if (warm && Base) {
      config.loader = prefetchingLoader(Base, warm)
      if (startLevel !== undefined && options.hlsConfig?.startLevel === undefined) config.startLevel = startLevel
    }
    const hls = new Hls(config)
    liveInstances++
    instance = hls
    mode = 'hls.js'
    const maxRetries = options.networkRetries ?? 3
    const baseDelay = options.retryDelay ?? 1000
    let networkAttempts = 0
    let mediaAttempts = 0
    // Counted in retries, not read from a clock, so fake timers drive it exactly.
    let waitsLeft = Math.ceil((options.waitForStream ?? 0) / baseDelay)
    let waiting = false
    const setWaiting = (next: boolean) => {
      if (waiting === next) return
      waiting = next
      options.onWaiting?.(next)
    }

    const giveUp = (error: HlsPlayerError) => {
      // hls.js stops after a fatal error; destroying also stops level reloads and frees the MediaSource.
      if (instance === hls) {
        instance = undefined
        release(hls)
      }
      setWaiting(false)
      fail(token, error)
    }

    hls.on(FRAG_BUFFERED, () => {
      networkAttempts = 0
    })
    hls.on(LEVEL_LOADED, (_event, data) => {
      if (instance !== hls) return
      setWaiting(false)
      options.onLive?.(data.details.live)
    })
    hls.on(ERROR, (_event, data) => {
      if (!data.fatal || instance !== hls) return
      if (data.type === NETWORK_ERROR && data.details.startsWith('manifest') && data.response?.code === 404 && waitsLeft > 0) {
        // Not on the air yet: keep asking at a steady pace, outside the retry budget.
        waitsLeft--
        setWaiting(true)
        clearTimeout(retryTimer)
        retryTimer = setTimeout(() => {
          retryTimer = undefined
          if (instance === hls) hls.loadSource(src)
        }, baseDelay)
        return
      }
      if (data.details === 'manifestParsingError') {
        // It arrived, and it is not a playlist (an MP4, an HTML page): no retry can change that.
        giveUp(fatal('source', 'The source is not an HLS playlist', data.details, data.error))
        return
      }
      const status = data.response?.code ?? 0
      if (data.type === NETWORK_ERROR && (data.details.endsWith('TimeOut') || (status >= 400 && status < 500 && status !== 408 && status !== 429))) {
        // hls.js has already retried these by its load policies (a playlist that never answers: three
        // times 20 s); more tries from here would keep the player loading for minutes to the same end.
        giveUp(fatal('network', status ? `The stream answered HTTP ${status}` : 'The stream did not answer in time', data.details, data.error))
        return
      }
      if (data.type === NETWORK_ERROR) {
        if (networkAttempts >= maxRetries) {
          giveUp(fatal('network', `Could not load the stream after ${maxRetries} retries`, data.details, data.error))
          return
        }
        const delay = baseDelay * 2 ** networkAttempts
        networkAttempts++
        clearTimeout(retryTimer)
        // Without a manifest there is nothing for startLoad() to resume: fetch the manifest again.
        const retry = data.details.startsWith('manifest') ? () => hls.loadSource(src) : () => hls.startLoad()
        retryTimer = setTimeout(() => {
          retryTimer = undefined
          if (instance === hls) retry()
        }, delay)
        return
      }
      if (data.type === MEDIA_ERROR && mediaAttempts < 2) {
        if (mediaAttempts === 1) hls.swapAudioCodec()
        mediaAttempts++
        hls.recoverMediaError()
        return
      }
      const message = data.type === MEDIA_ERROR ? 'The stream could not be decoded' : `Playback failed (${data.type})`
      giveUp(fatal('media', message, data.details, data.error))
    })
    hls.loadSource(src)
    hls.attachMedia(video)
  }

  async function load(src: string): Promise<void> {
    if (destroyed) return
    const token = ++generation
    teardown()
    // An MP4 needs neither hls.js nor a playlist: fetched as one, it would be downloaded whole first.
    if (isProgressive(src)) return attachProgressive(src, token)
    const preferNative = options.preferNative
    const env = readEnv(video, preferNative)
    let choice = chooseEngine(env)
    if (choice === 'native') return attachNative(src, token)
    if (choice === 'none') return fail(token, fatal('unsupported', 'This browser cannot play HLS'))

    // Overlap: the playlists (and a VOD's first segment) download while hls.js does.
    const warm = wantsPrefetch(options)
      ? claimPrefetch({
          ...prefetchOptions(src, options, video.crossOrigin),
          // Read once the playlist is in: reading it now would force a layout before any request leaves.
          height: () => video.clientHeight,
        })
      : undefined
    prefetch = warm

    let Hls: HlsClass
    try {
      Hls = await resolveHls(options.hls)
    } catch (cause) {
      return fail(token, fatal('network', 'hls.js could not be loaded', undefined, cause))
    }
    // A newer load() or destroy() ran while hls.js was loading: this load is stale.
    if (token !== generation || destroyed) return
    const startLevel = warm ? await warm.startLevel : undefined
    if (token !== generation || destroyed) return
    // The "playlist" answered as a video file (an MP4 whose URL has no extension): the element plays it.
    if (warm && (await warm.progressive)) {
      if (token !== generation || destroyed) return
      warm.cancel()
      prefetch = undefined
      return attachProgressive(src, token)
    }

    try {
      choice = chooseEngine({ ...env, hlsSupported: Hls.isSupported() })
      if (choice === 'native') return attachNative(src, token)
      if (choice === 'none') return fail(token, fatal('unsupported', 'This browser cannot play HLS'))
      attachHls(Hls, src, token, warm, startLevel)
    } catch (cause) {
      // A bad hlsConfig makes the Hls constructor throw; load() still must not reject.
      teardown()
      fail(token, fatal('media', 'hls.js could not start', undefined, cause))
    }
  }

  return {
    load,
    unload() {
      generation++
      teardown()
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      generation++
      teardown()
    },
    get mode() {
      return mode
    },
  }
}
