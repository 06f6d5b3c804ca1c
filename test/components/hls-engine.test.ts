import type { HlsConfig } from 'hls.js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  chooseEngine,
  createHlsEngine,
  liveHlsInstances,
  preloadHls,
  prepareStart,
  type HlsEngine,
  type HlsEngineEnv,
  type HlsEngineMode,
  type HlsEngineOptions,
  type HlsErrorDataLike,
} from '../../src/components/hls-player/hls-engine.js'

type Listener = (event: string, data?: HlsErrorDataLike) => void

/** A fresh fake hls.js class per test: records instances and lets the test emit events. */
function makeFakeHls(supported = true) {
  return class FakeHls {
    static instances: FakeHls[] = []
    static isSupported = vi.fn(() => supported)
    readonly config: Record<string, unknown>
    readonly listeners = new Map<string, Listener[]>()
    src: string | undefined
    media: HTMLMediaElement | undefined
    destroyed = false
    startLoad = vi.fn()
    recoverMediaError = vi.fn()
    swapAudioCodec = vi.fn()

    constructor(config: Record<string, unknown> = {}) {
      this.config = config
      FakeHls.instances.push(this)
    }
    loadSource(url: string) {
      this.src = url
    }
    attachMedia(media: HTMLMediaElement) {
      this.media = media
    }
    on(event: string, listener: (...args: never[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as unknown as Listener])
    }
    emit(event: string, data?: HlsErrorDataLike) {
      for (const listener of this.listeners.get(event) ?? []) listener(event, data)
    }
    error(type: string, details = 'someError', fatal = true) {
      this.emit('hlsError', { type, details, fatal })
    }
    destroy() {
      this.destroyed = true
    }
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

function stubMse(present: boolean) {
  vi.stubGlobal('MediaSource', present ? class MediaSource {} : undefined)
  vi.stubGlobal('ManagedMediaSource', undefined)
}

function stubCanPlayType(answer: CanPlayTypeResult) {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue(answer)
}

let engines: HlsEngine[] = []
let loadSpy: ReturnType<typeof vi.spyOn>

function engineFor(video: HTMLVideoElement, options: HlsEngineOptions) {
  const engine = createHlsEngine(video, options)
  engines.push(engine)
  return engine
}

beforeEach(() => {
  // The start prefetch uses fetch: never the network in unit tests.
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('no network in unit tests'))))
  // jsdom does not implement media loading.
  loadSpy = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
  stubCanPlayType('')
})

afterEach(() => {
  for (const engine of engines) engine.destroy()
  engines = []
  expect(liveHlsInstances()).toBe(0)
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('chooseEngine', () => {
  const base: HlsEngineEnv = { mse: true, hlsSupported: true, nativeHls: '', appleSafari: false }
  it.each<[string, Partial<HlsEngineEnv>, HlsEngineMode]>([
    ['MSE + Hls.isSupported() → hls.js', {}, 'hls.js'],
    ['MSE + canPlayType "maybe" (Chromium 156) → hls.js', { nativeHls: 'maybe' }, 'hls.js'],
    ['MSE, hls.js not loaded yet → hls.js (to be confirmed)', { hlsSupported: undefined }, 'hls.js'],
    ['no MSE + canPlayType "maybe" (iOS) → native', { mse: false, hlsSupported: undefined, nativeHls: 'maybe' }, 'native'],
    ['no MSE + canPlayType "probably" → native', { mse: false, hlsSupported: undefined, nativeHls: 'probably' }, 'native'],
    ['no MSE, no native HLS → none', { mse: false, hlsSupported: undefined }, 'none'],
    ['MSE but Hls.isSupported() false, no native → none', { hlsSupported: false }, 'none'],
    ['MSE but Hls.isSupported() false, canPlayType "maybe" → none', { hlsSupported: false, nativeHls: 'maybe' }, 'none'],
    ['preferNative on Apple Safari → native', { nativeHls: 'maybe', appleSafari: true, preferNative: true }, 'native'],
    ['preferNative on Chromium → hls.js', { nativeHls: 'maybe', preferNative: true }, 'hls.js'],
    ['Apple Safari without preferNative → hls.js', { nativeHls: 'maybe', appleSafari: true }, 'hls.js'],
  ])('%s', (_name, env, expected) => {
    expect(chooseEngine({ ...base, ...env })).toBe(expected)
  })
})

describe('createHlsEngine: start prefetch', () => {
  const MASTER = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240\n240p.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=1600000,RESOLUTION=1280x720\n720p.m3u8\n'
  // A stand-in for hls.js's own loader: the engine only wraps it here, never calls it.
  const withDefaults = <T extends ReturnType<typeof makeFakeHls>>(Hls: T) =>
    Object.assign(Hls, { DefaultConfig: { loader: class {} as unknown as HlsConfig['loader'] } })

  it('fetches the playlist while hls.js loads, then gives hls.js a loader over its own and the chosen start level', async () => {
    stubMse(true)
    const fetch = vi.fn(async (url: string) => (url.endsWith('master.m3u8') ? new Response(MASTER) : new Response(null, { status: 404 })))
    vi.stubGlobal('fetch', fetch)
    const Hls = withDefaults(makeFakeHls())
    const gate = deferred<typeof Hls>()
    const engine = engineFor(document.createElement('video'), { hls: () => gate.promise })
    const loading = engine.load('https://cdn.example/ladder/master.m3u8')
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('https://cdn.example/ladder/master.m3u8', expect.anything()))
    expect(Hls.instances).toHaveLength(0)
    gate.resolve(Hls)
    await loading
    const config = Hls.instances[0]!.config
    expect(config['loader']).toBeTypeOf('function')
    expect(config['loader']).not.toBe(Hls.DefaultConfig.loader)
    expect(config['startLevel']).toBe(0)
    expect(Hls.instances[0]!.src).toBe('https://cdn.example/ladder/master.m3u8')
  })

  it('plays a "playlist" that answers as a video file (an MP4 URL with no extension) with the element', async () => {
    stubMse(true)
    vi.stubGlobal('fetch', vi.fn(async () => new Response(new ReadableStream(), { headers: { 'content-type': 'video/mp4' } })))
    const Hls = withDefaults(makeFakeHls())
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: Hls })
    await engine.load('https://cdn.example/download?id=7')
    expect(engine.mode).toBe('progressive')
    expect(video.getAttribute('src')).toBe('https://cdn.example/download?id=7')
    expect(Hls.instances).toHaveLength(0)
  })

  it('keeps the app’s own loader and start level, and can be turned off', async () => {
    stubMse(true)
    const fetch = vi.fn(async () => new Response(MASTER))
    vi.stubGlobal('fetch', fetch)
    class OwnLoader {}
    const Hls = withDefaults(makeFakeHls())
    await engineFor(document.createElement('video'), { hls: Hls, hlsConfig: { loader: OwnLoader as never } }).load('/a.m3u8')
    expect(Hls.instances[0]!.config['loader']).toBe(OwnLoader)
    await engineFor(document.createElement('video'), { hls: Hls, startPrefetch: false }).load('/b.m3u8')
    expect(Hls.instances[1]!.config['loader']).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
    await engineFor(document.createElement('video'), { hls: Hls, hlsConfig: { startLevel: 1 } }).load('/c.m3u8')
    expect(Hls.instances[2]!.config['startLevel']).toBe(1)
    expect(Hls.instances[2]!.config['loader']).toBeTypeOf('function')
  })

  it('prepareStart() sends the playlist request before any engine exists, and load() takes it over instead of asking again', async () => {
    stubMse(true)
    const fetch = vi.fn(async (url: string) => (url.endsWith('master.m3u8') ? new Response(MASTER) : new Response(null, { status: 404 })))
    vi.stubGlobal('fetch', fetch)
    const src = 'https://cdn.example/prepared/master.m3u8'
    prepareStart(src, {})
    expect(fetch).toHaveBeenCalledTimes(1)
    const Hls = withDefaults(makeFakeHls())
    await engineFor(document.createElement('video'), { hls: Hls }).load(src)
    expect(fetch.mock.calls.filter(([url]) => url === src)).toHaveLength(1)
    expect(Hls.instances[0]!.config['loader']).toBeTypeOf('function')
  })

  it('preloadHls(src) warms the playlist for the next engine of that source; never for a hostile URL or when saving data', async () => {
    stubMse(true)
    const fetch = vi.fn(async (url: string) => (url.endsWith('master.m3u8') ? new Response(MASTER) : new Response(null, { status: 404 })))
    vi.stubGlobal('fetch', fetch)
    const src = 'https://cdn.example/intent/master.m3u8'
    await preloadHls(src)
    expect(fetch.mock.calls.filter(([url]) => url === src)).toHaveLength(1)
    const Hls = withDefaults(makeFakeHls())
    await engineFor(document.createElement('video'), { hls: Hls }).load(src)
    expect(fetch.mock.calls.filter(([url]) => url === src)).toHaveLength(1)

    const before = fetch.mock.calls.length
    await preloadHls('javascript:alert(1)//.m3u8')
    await preloadHls(null)
    vi.stubGlobal('navigator', { ...navigator, userAgent: navigator.userAgent, connection: { saveData: true } })
    await preloadHls('https://cdn.example/save-data/master.m3u8')
    expect(fetch.mock.calls.length).toBe(before)
  })

  it('prepareStart() reads crossOrigin as the browser does, case-insensitively, so the engine takes the same prefetch over', async () => {
    stubMse(true)
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(MASTER))
    vi.stubGlobal('fetch', fetch)
    const src = 'https://cdn.example/credentials/master.m3u8'
    prepareStart(src, {}, 'USE-CREDENTIALS')
    expect(fetch.mock.calls[0]![1]?.credentials).toBe('include')
    const video = document.createElement('video')
    video.setAttribute('crossorigin', 'use-credentials')
    await engineFor(video, { hls: withDefaults(makeFakeHls()) }).load(src)
    expect(fetch.mock.calls.filter(([url]) => url === src)).toHaveLength(1)
  })

  it('prepareStart() does nothing where the engine would not prefetch', () => {
    const fetch = vi.fn(async () => new Response(MASTER))
    vi.stubGlobal('fetch', fetch)
    stubMse(false)
    prepareStart('https://cdn.example/p1/master.m3u8', {})
    stubMse(true)
    prepareStart('https://cdn.example/p2/master.m3u8', { hls: withDefaults(makeFakeHls()) })
    prepareStart('https://cdn.example/p3/master.m3u8', { preferNative: true })
    prepareStart('https://cdn.example/p4/master.m3u8', { startPrefetch: false })
    prepareStart('https://cdn.example/p5/master.m3u8', { hlsConfig: { pLoader: class {} as never } })
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('createHlsEngine: engine choice', () => {
  it('plays a progressive file (an MP4 as src) with the element: no hls.js, no playlist fetch, errors blame the source', async () => {
    stubMse(true)
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const loader = vi.fn(async () => makeFakeHls())
    const onError = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: loader, onError })
    prepareStart('https://cdn.example/replay.MP4?token=a.m3u8', {})
    await preloadHls('/vod/replay.webm')
    await engine.load('https://cdn.example/replay.MP4?token=a.m3u8')
    expect(engine.mode).toBe('progressive')
    expect(video.getAttribute('src')).toBe('https://cdn.example/replay.MP4?token=a.m3u8')
    expect(loader).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
    Object.defineProperty(video, 'error', {
      configurable: true,
      value: { code: 4, message: '404', MEDIA_ERR_ABORTED: 1, MEDIA_ERR_NETWORK: 2, MEDIA_ERR_DECODE: 3, MEDIA_ERR_SRC_NOT_SUPPORTED: 4 },
    })
    video.dispatchEvent(new Event('error'))
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'source', fatal: true }))
    // A playlist whose query mentions .mp4 is still a playlist.
    await engine.load('https://cdn.example/master.m3u8?from=a.mp4')
    expect(loader).toHaveBeenCalledOnce()
  })

  it('uses hls.js where MSE exists and merges hlsConfig over the defaults (user keys win)', async () => {
    stubMse(true)
    stubCanPlayType('maybe')
    const Hls = makeFakeHls()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: Hls, hlsConfig: { maxBufferLength: 10 } })
    await engine.load('/live/a.m3u8')
    expect(engine.mode).toBe('hls.js')
    expect(Hls.instances).toHaveLength(1)
    const [hls] = Hls.instances
    expect(hls?.config).toEqual({ backBufferLength: 30, liveDurationInfinity: true, maxBufferLength: 10 })
    expect(hls?.src).toBe('/live/a.m3u8')
    expect(hls?.media).toBe(video)
    expect(video.hasAttribute('src')).toBe(false)
    expect(liveHlsInstances()).toBe(1)

    const other = engineFor(document.createElement('video'), { hls: Hls, hlsConfig: { backBufferLength: 90 } })
    await other.load('/live/b.m3u8')
    expect(Hls.instances[1]?.config).toEqual({ backBufferLength: 90, liveDurationInfinity: true })
  })

  it('accepts a loader that resolves to a module with a default export', async () => {
    stubMse(true)
    const Hls = makeFakeHls()
    // Like the real module namespace, which also has a named `isSupported` export.
    const loader = vi.fn(async () => ({ default: Hls, isSupported: () => true }))
    const engine = engineFor(document.createElement('video'), { hls: loader })
    await engine.load('/a.m3u8')
    expect(loader).toHaveBeenCalledOnce()
    expect(engine.mode).toBe('hls.js')
    expect(Hls.instances).toHaveLength(1)
  })

  it('plays natively without MSE when canPlayType answers, never calling the loader', async () => {
    stubMse(false)
    stubCanPlayType('maybe')
    const loader = vi.fn(async () => makeFakeHls())
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: loader })
    await engine.load('/live/a.m3u8')
    expect(loader).not.toHaveBeenCalled()
    expect(engine.mode).toBe('native')
    expect(video.getAttribute('src')).toBe('/live/a.m3u8')
  })

  it('reports "unsupported" without MSE or native HLS, never calling the loader', async () => {
    stubMse(false)
    const loader = vi.fn(async () => makeFakeHls())
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: loader, onError })
    await engine.load('/a.m3u8')
    expect(loader).not.toHaveBeenCalled()
    expect(engine.mode).toBe('none')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'unsupported', fatal: true }))
  })

  it('reports "unsupported" where MSE exists but Hls.isSupported() is false, even if canPlayType says "maybe"', async () => {
    stubMse(true)
    stubCanPlayType('maybe')
    const Hls = makeFakeHls(false)
    const onError = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: Hls, onError })
    await engine.load('/a.m3u8')
    expect(Hls.instances).toHaveLength(0)
    expect(video.hasAttribute('src')).toBe(false)
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'unsupported' }))
  })

  it('imports the real hls.js by default (and asks it whether it is supported)', async () => {
    // jsdom's stubbed MediaSource has no isTypeSupported, so real hls.js says it is not supported.
    stubMse(true)
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { onError })
    await engine.load('/a.m3u8')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'unsupported' }))
    expect(liveHlsInstances()).toBe(0)
  })

  it('reports an Hls constructor that throws (bad hlsConfig) as a media error; load() still resolves', async () => {
    stubMse(true)
    const Hls = makeFakeHls()
    class Throwing extends Hls {
      constructor() {
        super()
        throw new Error('Illegal hls.js config')
      }
    }
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Throwing, onError })
    await expect(engine.load('/a.m3u8')).resolves.toBeUndefined()
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'media', cause: expect.any(Error) }))
  })

  it('reports a loader that fails as a network error', async () => {
    stubMse(true)
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: () => Promise.reject(new TypeError('Failed to fetch')), onError })
    await expect(engine.load('/a.m3u8')).resolves.toBeUndefined()
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', cause: expect.any(TypeError) }))
  })
})

describe('createHlsEngine: lifecycle', () => {
  beforeEach(() => stubMse(true))

  it('rapid load(A), load(B), load(C) during the import ends with one live instance, on C', async () => {
    const Hls = makeFakeHls()
    const gate = deferred<typeof Hls>()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: () => gate.promise })
    const loads = [engine.load('/a.m3u8'), engine.load('/b.m3u8'), engine.load('/c.m3u8')]
    gate.resolve(Hls)
    await Promise.all(loads)
    expect(Hls.instances.map((hls) => hls.src)).toEqual(['/c.m3u8'])
    expect(Hls.instances[0]?.media).toBe(video)
    expect(liveHlsInstances()).toBe(1)
    engine.destroy()
    expect(Hls.instances[0]?.destroyed).toBe(true)
    expect(liveHlsInstances()).toBe(0)
  })

  it('load(next) destroys the previous instance before the next one attaches', async () => {
    const Hls = makeFakeHls()
    const engine = engineFor(document.createElement('video'), { hls: Hls })
    await engine.load('/a.m3u8')
    const [first] = Hls.instances
    const next = engine.load('/b.m3u8')
    expect(first?.destroyed).toBe(true)
    expect(liveHlsInstances()).toBe(0)
    await next
    expect(Hls.instances).toHaveLength(2)
    expect(Hls.instances[1]?.src).toBe('/b.m3u8')
    expect(liveHlsInstances()).toBe(1)
  })

  it('destroy() during a pending import leaves nothing behind, and later loads do nothing', async () => {
    const Hls = makeFakeHls()
    const gate = deferred<typeof Hls>()
    const onError = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: () => gate.promise, onError })
    const pending = engine.load('/a.m3u8')
    engine.destroy()
    gate.resolve(Hls)
    await pending
    await engine.load('/b.m3u8')
    expect(Hls.instances).toHaveLength(0)
    expect(engine.mode).toBe('none')
    expect(video.hasAttribute('src')).toBe(false)
    expect(onError).not.toHaveBeenCalled()
  })

  it('destroy() destroys the instance, removes src and calls video.load() to release the MediaSource', async () => {
    const Hls = makeFakeHls()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: Hls })
    await engine.load('/a.m3u8')
    video.setAttribute('src', 'blob:http://localhost/fake') // what hls.js does on attach
    loadSpy.mockClear()
    engine.destroy()
    expect(Hls.instances[0]?.destroyed).toBe(true)
    expect(video.hasAttribute('src')).toBe(false)
    expect(loadSpy).toHaveBeenCalled()
    expect(engine.mode).toBe('none')
    engine.destroy()
    expect(liveHlsInstances()).toBe(0)
  })

  it('unload() releases the source but keeps the engine usable', async () => {
    const Hls = makeFakeHls()
    const engine = engineFor(document.createElement('video'), { hls: Hls })
    await engine.load('/a.m3u8')
    engine.unload()
    expect(liveHlsInstances()).toBe(0)
    await engine.load('/b.m3u8')
    expect(Hls.instances.map((hls) => [hls.src, hls.destroyed])).toEqual([
      ['/a.m3u8', true],
      ['/b.m3u8', false],
    ])
  })

  it('native: a live source is told by an infinite duration', async () => {
    stubMse(false)
    stubCanPlayType('maybe')
    const onLive = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { onLive })
    await engine.load('/live/a.m3u8')
    const duration = vi.spyOn(video, 'duration', 'get')
    duration.mockReturnValue(Number.NaN)
    video.dispatchEvent(new Event('durationchange'))
    duration.mockReturnValue(Infinity)
    video.dispatchEvent(new Event('durationchange'))
    duration.mockReturnValue(24)
    video.dispatchEvent(new Event('durationchange'))
    expect(onLive.mock.calls).toEqual([[true], [false]])
    engine.unload()
    video.dispatchEvent(new Event('durationchange'))
    expect(onLive).toHaveBeenCalledTimes(2)
  })

  it('native: destroy() removes src and reports media errors from the element', async () => {
    stubMse(false)
    stubCanPlayType('maybe')
    const onError = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { onError })
    await engine.load('/a.m3u8')
    Object.defineProperty(video, 'error', {
      configurable: true,
      value: { code: 2, message: 'net', MEDIA_ERR_ABORTED: 1, MEDIA_ERR_NETWORK: 2, MEDIA_ERR_DECODE: 3, MEDIA_ERR_SRC_NOT_SUPPORTED: 4 },
    })
    video.dispatchEvent(new Event('error'))
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', details: 'net' }))
    engine.destroy()
    video.dispatchEvent(new Event('error'))
    expect(onError).toHaveBeenCalledOnce()
    expect(video.hasAttribute('src')).toBe(false)
  })
})

describe('createHlsEngine: fatal error ladder', () => {
  beforeEach(() => {
    stubMse(true)
    vi.useFakeTimers()
  })

  async function start(options: HlsEngineOptions = {}) {
    const Hls = makeFakeHls()
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Hls, onError, ...options })
    await engine.load('/a.m3u8')
    const hls = Hls.instances[0]
    if (!hls) throw new Error('no instance')
    return { engine, hls, onError, Hls }
  }

  it('a timeout or a 4xx hls.js has already retried gives up at once; 5xx, 408, 429 and no answer are retried', async () => {
    for (const [details, code] of [
      ['manifestLoadTimeOut', undefined],
      ['fragLoadTimeOut', undefined],
      ['fragLoadError', 404],
      ['levelLoadError', 403],
    ] as const) {
      const { hls, onError } = await start()
      hls.emit('hlsError', { type: 'networkError', details, fatal: true, ...(code ? { response: { code } } : {}) })
      expect(onError, details).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', details }))
      expect(hls.destroyed).toBe(true)
      expect(vi.getTimerCount()).toBe(0)
    }
    for (const code of [0, 408, 429, 503]) {
      const { hls, onError } = await start()
      hls.emit('hlsError', { type: 'networkError', details: 'fragLoadError', fatal: true, response: { code } })
      vi.advanceTimersByTime(1000)
      expect(hls.startLoad, String(code)).toHaveBeenCalledOnce()
      expect(onError).not.toHaveBeenCalled()
    }
  })

  it('NETWORK_ERROR: startLoad() with 1 s, 2 s, 4 s backoff, then gives up with kind "network"', async () => {
    const { hls, onError } = await start()
    for (const delay of [1000, 2000, 4000]) {
      const calls = hls.startLoad.mock.calls.length
      hls.error('networkError', 'fragLoadError')
      vi.advanceTimersByTime(delay - 1)
      expect(hls.startLoad).toHaveBeenCalledTimes(calls)
      vi.advanceTimersByTime(1)
      expect(hls.startLoad).toHaveBeenCalledTimes(calls + 1)
    }
    expect(onError).not.toHaveBeenCalled()
    hls.error('networkError', 'fragLoadError')
    expect(onError).toHaveBeenCalledExactlyOnceWith({
      kind: 'network',
      message: expect.any(String),
      fatal: true,
      details: 'fragLoadError',
    })
    expect(hls.destroyed).toBe(true)
    expect(liveHlsInstances()).toBe(0)
  })

  it('a source that is not a playlist (manifestParsingError) gives up at once with kind "source", not blaming the browser', async () => {
    const { hls, onError } = await start()
    hls.error('networkError', 'manifestParsingError')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'source', details: 'manifestParsingError' }))
    expect(hls.destroyed).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('NETWORK_ERROR on the manifest: loads the source again instead of startLoad()', async () => {
    const { hls, onError } = await start({ networkRetries: 1, retryDelay: 10 })
    const loadSource = vi.spyOn(hls, 'loadSource')
    hls.error('networkError', 'manifestLoadError')
    vi.advanceTimersByTime(10)
    expect(loadSource).toHaveBeenCalledExactlyOnceWith('/a.m3u8')
    expect(hls.startLoad).not.toHaveBeenCalled()
    hls.error('networkError', 'manifestLoadError')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', details: 'manifestLoadError' }))
  })

  it('NETWORK_ERROR: progress (a buffered fragment) resets the retry budget', async () => {
    const { hls, onError } = await start({ networkRetries: 1, retryDelay: 10 })
    hls.error('networkError')
    vi.advanceTimersByTime(10)
    hls.emit('hlsFragBuffered')
    hls.error('networkError')
    vi.advanceTimersByTime(10)
    expect(hls.startLoad).toHaveBeenCalledTimes(2)
    expect(onError).not.toHaveBeenCalled()
  })

  it('MEDIA_ERROR: recoverMediaError(), then swapAudioCodec() + recoverMediaError(), then gives up with kind "media"', async () => {
    const { hls, onError } = await start()
    hls.error('mediaError', 'bufferAppendError')
    expect(hls.recoverMediaError).toHaveBeenCalledTimes(1)
    expect(hls.swapAudioCodec).not.toHaveBeenCalled()
    hls.error('mediaError', 'bufferAppendError')
    expect(hls.swapAudioCodec).toHaveBeenCalledTimes(1)
    expect(hls.recoverMediaError).toHaveBeenCalledTimes(2)
    expect(hls.swapAudioCodec.mock.invocationCallOrder[0]).toBeLessThan(hls.recoverMediaError.mock.invocationCallOrder[1] ?? 0)
    expect(onError).not.toHaveBeenCalled()
    hls.error('mediaError', 'bufferAppendError')
    expect(hls.recoverMediaError).toHaveBeenCalledTimes(2)
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'media', fatal: true, details: 'bufferAppendError' }))
    expect(hls.destroyed).toBe(true)
  })

  it('other fatal errors give up at once; non-fatal errors are left to hls.js', async () => {
    const { hls, onError } = await start()
    hls.error('networkError', 'levelLoadTimeOut', false)
    hls.error('mediaError', 'bufferStalledError', false)
    vi.runAllTimers()
    expect(hls.startLoad).not.toHaveBeenCalled()
    expect(hls.recoverMediaError).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
    hls.error('keySystemError', 'keySystemNoKeys')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'media', details: 'keySystemNoKeys' }))
  })

  it('a pending retry is cancelled by destroy(), and a replaced instance is ignored', async () => {
    const { engine, hls, onError, Hls } = await start()
    hls.error('networkError')
    await engine.load('/b.m3u8')
    vi.runAllTimers()
    expect(hls.startLoad).not.toHaveBeenCalled()
    hls.error('mediaError')
    expect(hls.recoverMediaError).not.toHaveBeenCalled()
    const next = Hls.instances[1]
    next?.error('networkError')
    engine.destroy()
    vi.runAllTimers()
    expect(next?.startLoad).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('createHlsEngine: waiting for a live stream, live detection, fallback, credentials', () => {
  beforeEach(() => {
    stubMse(true)
    vi.useFakeTimers()
  })

  const notFound = { type: 'networkError', details: 'manifestLoadError', fatal: true, response: { code: 404 } }

  it('waitForStream: a 404 playlist is fetched again each retryDelay, outside the retry budget, with onWaiting(true) then (false)', async () => {
    const Hls = makeFakeHls()
    const onWaiting = vi.fn()
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Hls, waitForStream: 5000, retryDelay: 1000, networkRetries: 0, onWaiting, onError })
    await engine.load('/live/a/index.m3u8')
    const hls = Hls.instances[0]!
    const loadSource = vi.spyOn(hls, 'loadSource')
    for (let attempt = 1; attempt <= 5; attempt++) {
      hls.emit('hlsError', notFound)
      vi.advanceTimersByTime(999)
      expect(loadSource).toHaveBeenCalledTimes(attempt - 1)
      vi.advanceTimersByTime(1)
      expect(loadSource).toHaveBeenCalledTimes(attempt)
    }
    expect(onWaiting.mock.calls).toEqual([[true]])
    expect(onError).not.toHaveBeenCalled()
    hls.emit('hlsLevelLoaded', { details: { live: true } } as never)
    expect(onWaiting.mock.calls).toEqual([[true], [false]])
  })

  it('waitForStream: gives up with a network error when the time is up', async () => {
    const Hls = makeFakeHls()
    const onWaiting = vi.fn()
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Hls, waitForStream: 2000, retryDelay: 1000, networkRetries: 0, onWaiting, onError })
    await engine.load('/live/a/index.m3u8')
    const hls = Hls.instances[0]!
    hls.emit('hlsError', notFound)
    vi.advanceTimersByTime(1000)
    hls.emit('hlsError', notFound)
    vi.advanceTimersByTime(1000)
    expect(onError).not.toHaveBeenCalled()
    hls.emit('hlsError', notFound)
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', details: 'manifestLoadError' }))
    expect(onWaiting.mock.calls).toEqual([[true], [false]])
    expect(liveHlsInstances()).toBe(0)
  })

  it('without waitForStream a 404 playlist is an ordinary network error', async () => {
    const Hls = makeFakeHls()
    const onWaiting = vi.fn()
    const onError = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Hls, networkRetries: 0, onWaiting, onError })
    await engine.load('/a.m3u8')
    Hls.instances[0]!.emit('hlsError', notFound)
    expect(onError).toHaveBeenCalledOnce()
    expect(onWaiting).not.toHaveBeenCalled()
  })

  it('onLive follows each loaded playlist', async () => {
    const Hls = makeFakeHls()
    const onLive = vi.fn()
    const engine = engineFor(document.createElement('video'), { hls: Hls, onLive })
    await engine.load('/live/a/index.m3u8')
    Hls.instances[0]!.emit('hlsLevelLoaded', { details: { live: true } } as never)
    Hls.instances[0]!.emit('hlsLevelLoaded', { details: { live: false } } as never)
    expect(onLive.mock.calls).toEqual([[true], [false]])
  })

  it('fallbackSrc: a fatal failure switches to the MP4 without onError; the MP4 failing too is reported once', async () => {
    const Hls = makeFakeHls()
    const onError = vi.fn()
    const onFallback = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { hls: Hls, fallbackSrc: '/media/vod.mp4', onError, onFallback })
    await engine.load('/a.m3u8')
    const hls = Hls.instances[0]!
    hls.error('mediaError', 'bufferAppendError')
    hls.error('mediaError', 'bufferAppendError')
    hls.error('mediaError', 'bufferAppendError')
    expect(hls.destroyed).toBe(true)
    expect(liveHlsInstances()).toBe(0)
    expect(engine.mode).toBe('fallback')
    expect(video.getAttribute('src')).toBe('/media/vod.mp4')
    expect(onFallback).toHaveBeenCalledOnce()
    expect(onError).not.toHaveBeenCalled()

    Object.defineProperty(video, 'error', {
      configurable: true,
      value: { code: 4, message: 'no', MEDIA_ERR_ABORTED: 1, MEDIA_ERR_NETWORK: 2, MEDIA_ERR_DECODE: 3, MEDIA_ERR_SRC_NOT_SUPPORTED: 4 },
    })
    video.dispatchEvent(new Event('error'))
    video.dispatchEvent(new Event('error'))
    expect(onError).toHaveBeenCalledOnce()
    // MediaError 4 is also a 404: the source, not the browser.
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'source' }))
    expect(onFallback).toHaveBeenCalledOnce()
  })

  it('fallbackSrc: used where neither hls.js nor native HLS can play', async () => {
    stubMse(false)
    const onError = vi.fn()
    const video = document.createElement('video')
    const engine = engineFor(video, { fallbackSrc: '/media/vod.mp4', onError })
    await engine.load('/a.m3u8')
    expect(engine.mode).toBe('fallback')
    expect(video.getAttribute('src')).toBe('/media/vod.mp4')
    expect(onError).not.toHaveBeenCalled()
  })

  it('crossOrigin="use-credentials" on the element makes hls.js send credentials; the app’s own setup wins', async () => {
    const Hls = makeFakeHls()
    const video = document.createElement('video')
    video.crossOrigin = 'use-credentials'
    await engineFor(video, { hls: Hls }).load('/a.m3u8')
    const xhr = { withCredentials: false }
    ;(Hls.instances[0]!.config['xhrSetup'] as (x: typeof xhr) => void)(xhr)
    expect(xhr.withCredentials).toBe(true)
    const request = (Hls.instances[0]!.config['fetchSetup'] as (c: { url: string }, init: RequestInit) => Request)({ url: 'https://cdn.example/a.m3u8' }, {})
    expect(request.credentials).toBe('include')

    const own = vi.fn()
    await engineFor(video, { hls: Hls, hlsConfig: { xhrSetup: own } }).load('/a.m3u8')
    expect(Hls.instances[1]!.config['xhrSetup']).toBe(own)
    video.crossOrigin = 'anonymous'
    await engineFor(video, { hls: Hls }).load('/a.m3u8')
    expect(Hls.instances[2]!.config['xhrSetup']).toBeUndefined()
  })
})
